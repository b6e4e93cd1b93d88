import { type Context, context, propagation } from '@opentelemetry/api';

/** A flat string map such as NATS headers or gRPC metadata, seen through get/set. */
export type TraceCarrier = Record<string, string>;

/** Writes the active (or given) context's W3C `traceparent`/`tracestate` into a carrier. */
export function injectTraceContext(
  carrier: TraceCarrier = {},
  from: Context = context.active(),
): TraceCarrier {
  propagation.inject(from, carrier);
  return carrier;
}

/** Reads W3C trace context from a carrier into a Context to run the consumer's span under. */
export function extractTraceContext(
  carrier: Readonly<TraceCarrier>,
  into: Context = context.active(),
): Context {
  return propagation.extract(into, carrier);
}
