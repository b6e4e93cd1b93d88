import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { injectTraceContext, type TraceCarrier } from '@palyra/telemetry';
import { EMPTY_TRACE } from './codec.js';

const TRACE_KEYS = ['traceparent', 'tracestate', 'baggage'] as const;

/** Writes the active OTel context into `into` (or new headers); undefined when there is none. */
export function traceHeaders(into?: MsgHdrs): MsgHdrs | undefined {
  return copyTrace(injectTraceContext(), into);
}

/** Writes a carrier into `into` (or new headers); undefined when the carrier is empty. */
export function copyTrace(carrier: Readonly<TraceCarrier>, into?: MsgHdrs): MsgHdrs | undefined {
  let target = into;
  for (const [key, value] of Object.entries(carrier)) {
    target ??= createHeaders();
    target.set(key, value);
  }
  return target;
}

/** Reads the W3C trace headers of a message into a carrier (shared empty object if none). */
export function readTrace(headers: MsgHdrs | undefined): Readonly<TraceCarrier> {
  if (headers === undefined) return EMPTY_TRACE;
  let carrier: TraceCarrier | undefined;
  for (const key of TRACE_KEYS) {
    const value = headers.get(key);
    if (value !== '') {
      carrier ??= {};
      carrier[key] = value;
    }
  }
  return carrier ?? EMPTY_TRACE;
}
