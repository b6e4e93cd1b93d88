import type { handleUnaryCall, ServerUnaryCall } from '@grpc/grpc-js';
import type { CallerContext } from '@palyra/auth';
import { GrpcStatus } from '@palyra/core';
import type { Logger } from '@palyra/telemetry';
import type { CallerResolver } from '../callers.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { type CallStatus, statusName, toCallStatus } from './grpc-status.js';

export interface UnaryContext {
  readonly callers: CallerResolver;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}

const OK = statusName(GrpcStatus.OK);

/**
 * A unary handler with the gateway's edges in one place: metrics, the one error mapping, and the
 * callback called exactly once. `authenticated` resolves the caller (and provisions its tenant)
 * before the handler runs.
 */
function unaryCall<Request, Response>(
  context: UnaryContext,
  method: string,
  run: (call: ServerUnaryCall<Request, Response>) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const startedAt = performance.now();
    void (async () => {
      let response: Response;
      try {
        response = await run(call);
      } catch (error) {
        const status: CallStatus = toCallStatus(error, context.logger, { method });
        context.metrics.request(method, statusName(status.code), (performance.now() - startedAt) / 1000);
        callback(status);
        return;
      }
      context.metrics.request(method, OK, (performance.now() - startedAt) / 1000);
      callback(null, response);
    })();
  };
}

export function authenticatedUnary<Request, Response>(
  context: UnaryContext,
  method: string,
  handler: (request: Request, caller: CallerContext) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return unaryCall(context, method, async (call) => {
    const caller = await context.callers.resolve((name) => call.metadata.get(name));
    return handler(call.request, caller);
  });
}

export function publicUnary<Request, Response>(
  context: UnaryContext,
  method: string,
  handler: (request: Request) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return unaryCall(context, method, (call) => handler(call.request));
}
