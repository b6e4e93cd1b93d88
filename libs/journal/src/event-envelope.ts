import { canonicalJson } from '@palyra/core';

/** The fields of a journal event that its hash covers. */
export interface EnvelopeFields {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly chainSeq: number;
  readonly eventId: string;
  readonly runId: string | null;
  readonly runSeq: number | null;
  readonly kind: string;
  readonly actor: string;
  readonly recordedAtUs: number;
}

/**
 * `canonical(event)`: the exact string hashed into the chain, used by append and verify alike.
 * It equals canonicalJson of the event with its payload value, but splices the stored payload text
 * in verbatim, so every stored byte is covered by the hash and the payload is not re-encoded.
 * Keys are listed in canonical (sorted) order.
 */
export function canonicalEventEnvelope(fields: EnvelopeFields, canonicalPayload: string): string {
  return (
    `{"actor":${canonicalJson(fields.actor)}` +
    `,"chain_seq":${canonicalJson(fields.chainSeq)}` +
    `,"event_id":${canonicalJson(fields.eventId)}` +
    `,"kind":${canonicalJson(fields.kind)}` +
    `,"payload":${canonicalPayload}` +
    `,"recorded_at_us":${canonicalJson(fields.recordedAtUs)}` +
    `,"run_id":${canonicalJson(fields.runId)}` +
    `,"run_seq":${canonicalJson(fields.runSeq)}` +
    `,"session_id":${canonicalJson(fields.sessionId)}` +
    `,"tenant_id":${canonicalJson(fields.tenantId)}}`
  );
}
