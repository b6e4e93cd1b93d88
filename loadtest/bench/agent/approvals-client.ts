import { credentials, Metadata } from '@grpc/grpc-js';
import { DEFAULT_CHANNEL_OPTIONS, PALYRA_HEADERS, toClientError } from '@palyra/client';
import { type ApprovalsServiceClient, loadPalyraGrpcObject } from '@palyra/proto';
import type { RunIdentity } from '../run-stream-driver.js';

/**
 * ApprovalsService.DecideApproval on one gateway, as an operator's tool would call it. @palyra/client
 * has no ApprovalsService yet, so this is grpc-js on our package definition with the SDK's channel
 * defaults and headers: the call costs what an SDK call would.
 */
export interface ApprovalsClient {
  /** Resolves once the channel is connected, so no measured call pays for the dial. */
  ready(timeoutMs?: number): Promise<void>;
  /** Decides for this call only (scope ONCE); resolves when the gateway answered. */
  decide(approvalId: string, approved: boolean, reason: string): Promise<void>;
  close(): void;
}

const CALL_TIMEOUT_MS = 30_000;

export function createApprovalsClient(identity: RunIdentity): ApprovalsClient {
  const grpc = loadPalyraGrpcObject();
  const client: ApprovalsServiceClient = new grpc.palyra.gateway.v1.ApprovalsService(
    identity.address,
    credentials.createInsecure(),
    { ...DEFAULT_CHANNEL_OPTIONS },
  );
  const metadata = new Metadata();
  metadata.set(PALYRA_HEADERS.authorization, `Bearer ${identity.token}`);
  metadata.set(PALYRA_HEADERS.principal, identity.principal);
  metadata.set(PALYRA_HEADERS.deviceId, identity.deviceId);
  return {
    ready(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        client.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve()));
      });
    },
    decide(approvalId, approved, reason) {
      return new Promise((resolve, reject) => {
        client.DecideApproval(
          {
            v: 1,
            approval_id: { ulid: approvalId },
            approved,
            reason,
            decision_scope: 'APPROVAL_DECISION_SCOPE_ONCE',
          },
          metadata.clone(),
          { deadline: Date.now() + CALL_TIMEOUT_MS },
          (error) => (error ? reject(toClientError(error)) : resolve()),
        );
      });
    },
    close: () => client.close(),
  };
}
