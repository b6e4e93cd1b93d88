import type { SessionRecord } from '@palyra/journal';
import Type, { type Static } from 'typebox';
import { Ulid, UnixMs } from './console-schemas.js';

export const SessionJsonSchema = Type.Object({
  session_id: Ulid,
  session_key: Type.String(),
  session_label: Type.String(),
  created_at_unix_ms: UnixMs,
  updated_at_unix_ms: UnixMs,
  last_run_id: Type.Union([Ulid, Type.Null()]),
  archived_at_unix_ms: Type.Union([UnixMs, Type.Null()]),
  /** Events in the session's hash chain, and the chain's head. */
  chain_length: Type.Integer({ minimum: 0 }),
  chain_head_hash: Type.String(),
});
export type SessionJson = Static<typeof SessionJsonSchema>;

export function toSessionJson(session: SessionRecord): SessionJson {
  return {
    session_id: session.sessionId,
    session_key: session.sessionKey,
    session_label: session.sessionLabel,
    created_at_unix_ms: session.createdAt.getTime(),
    updated_at_unix_ms: session.updatedAt.getTime(),
    last_run_id: session.lastRunId,
    archived_at_unix_ms: session.archivedAt === null ? null : session.archivedAt.getTime(),
    chain_length: session.chainLength,
    chain_head_hash: session.chainHeadHash,
  };
}
