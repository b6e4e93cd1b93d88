import { type ChannelOptions, credentials, Metadata } from '@grpc/grpc-js';
import { newId } from '@palyra/core';
import {
  type GatewayServiceClient,
  loadPalyraGrpcObject,
  type RunStreamEvent__Output,
  type RunStreamRequest,
} from '@palyra/proto';

/**
 * A RunStream client on our package definition, with nothing between the test and grpc-js. The
 * bare-server block uses it, and the end-to-end run can too (`--e2e-client raw`), so the two
 * differ only in the server.
 */
export interface RawRunClient {
  readonly gateway: GatewayServiceClient;
  readonly metadata: Metadata;
  close(): void;
}

export interface RunIdentity {
  readonly address: string;
  readonly token: string;
  readonly principal: string;
  readonly deviceId: string;
}

/** As @palyra/client's defaults where they matter for a benchmark: 4 MiB messages, one connection. */
const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.max_send_message_length': 4 * 1024 * 1024,
  'grpc.max_receive_message_length': 4 * 1024 * 1024,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  // Separate clients get separate connections (each a new subchannel), like separate users.
  'grpc.use_local_subchannel_pool': 1,
};

export function createRawRunClient(identity: RunIdentity): RawRunClient {
  const grpc = loadPalyraGrpcObject();
  const gateway = new grpc.palyra.gateway.v1.GatewayService(
    identity.address,
    credentials.createInsecure(),
    CHANNEL_OPTIONS,
  );
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${identity.token}`);
  metadata.set('x-palyra-principal', identity.principal);
  metadata.set('x-palyra-device-id', identity.deviceId);
  return { gateway, metadata, close: () => gateway.close() };
}

/** Waits until the channel is connected, so the first measured call does not pay for the dial. */
export function waitForReady(client: RawRunClient, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    client.gateway.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve()));
  });
}

/** The first message of a run: a new run id, a session by key, and the input (if any). */
export function firstMessage(options: {
  readonly sessionKey: string;
  readonly text?: string;
}): RunStreamRequest {
  return {
    v: 1,
    run_id: { ulid: newId() },
    session_key: options.sessionKey,
    input:
      options.text === undefined
        ? null
        : {
            v: 1,
            envelope_id: { ulid: newId() },
            timestamp_unix_ms: Date.now(),
            content: { text: options.text },
          },
  };
}

export interface RunTiming {
  /** From writing the first message to the first event (ACCEPTED). */
  readonly firstEventMs: number;
  /** ... to the first model token (time to first token). */
  readonly firstTokenMs: number;
  /** ... to the DONE status. */
  readonly doneMs: number;
  /** ... to the end of the call (OK status). */
  readonly endMs: number;
  readonly events: number;
  readonly tokens: number;
}

/**
 * One run as a chat client does it: open RunStream, send the input, half-close at once, read
 * until DONE and the end of the call. Rejects on any non-OK status or a missing DONE.
 */
export function runToDone(client: RawRunClient, request: RunStreamRequest): Promise<RunTiming> {
  return new Promise<RunTiming>((resolve, reject) => {
    const call = client.gateway.RunStream(client.metadata.clone());
    const start = performance.now();
    let firstEventMs: number | undefined;
    let firstTokenMs: number | undefined;
    let doneMs: number | undefined;
    let failure: string | undefined;
    let events = 0;
    let tokens = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    call.on('data', (event: RunStreamEvent__Output) => {
      const at = performance.now() - start;
      events += 1;
      firstEventMs ??= at;
      if (event.body === 'model_token') {
        tokens += 1;
        firstTokenMs ??= at;
      } else if (event.body === 'status') {
        if (event.status?.kind === 'STATUS_KIND_DONE') doneMs ??= at;
        else if (event.status?.kind === 'STATUS_KIND_FAILED') failure = event.status.message;
      }
    });
    call.on('error', (error: Error) => fail(error));
    call.on('status', (status) => {
      if (status.code !== 0) {
        fail(new Error(`RunStream ended with status ${status.code}: ${status.details}`));
        return;
      }
      if (doneMs === undefined || firstEventMs === undefined) {
        fail(
          new Error(`RunStream ended without DONE${failure === undefined ? '' : ` (FAILED: ${failure})`}`),
        );
        return;
      }
      if (settled) return;
      settled = true;
      resolve({
        firstEventMs,
        firstTokenMs: firstTokenMs ?? Number.NaN,
        doneMs,
        endMs: performance.now() - start,
        events,
        tokens,
      });
    });
    call.write(request);
    call.end();
  });
}

/** An open RunStream that sent its first message and waits: nothing more is written. */
export interface IdleStream {
  /** Cancels the call locally (RST_STREAM to the server). */
  cancel(): void;
}

/**
 * Opens a stream, sends the first message without input and resolves once the first event
 * (ACCEPTED) arrived: the run exists and the server holds the stream, waiting for input.
 */
export function openIdleStream(client: RawRunClient, sessionKey: string): Promise<IdleStream> {
  return new Promise<IdleStream>((resolve, reject) => {
    const call = client.gateway.RunStream(client.metadata.clone());
    let opened = false;
    call.on('data', () => {
      if (opened) return;
      opened = true;
      resolve({ cancel: () => call.cancel() });
    });
    call.on('error', (error: Error) => {
      if (!opened) reject(error);
    });
    call.write(firstMessage({ sessionKey }));
  });
}
