import type { Readable } from 'node:stream';
import { LIMITS } from '@palyra/core';
import Type, { type TSchema } from 'typebox';

/**
 * Schemas shared by the console routes. Ids are canonical ULIDs (26 chars of Crockford base32,
 * upper case); a malformed one fails validation naming the parameter. Timestamps are Unix
 * milliseconds, named `*_unix_ms`.
 */

export const CONSOLE_TAGS = {
  sessions: 'console: sessions',
  runs: 'console: runs',
  journal: 'console: journal',
  agents: 'console: agents',
  approvals: 'console: approvals',
} as const;

export const ULID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';

export const Ulid = Type.String({ pattern: ULID_PATTERN, description: 'a canonical ULID (upper case)' });

export const SessionIdParams = Type.Object({ session_id: Ulid });
export const RunIdParams = Type.Object({ run_id: Ulid });

export const Limit = Type.Integer({
  minimum: 1,
  maximum: LIMITS.pageSizeMax,
  description: `page size, default ${LIMITS.pageSizeDefault}, at most ${LIMITS.pageSizeMax}`,
});

/** A seq or chain seq to continue after (0 = from the start). */
export const AfterSeq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const UnixMs = Type.Integer({ minimum: 0 });

/** The page size a request asked for, or the default. */
export function limitOf(limit: number | undefined): number {
  return limit ?? LIMITS.pageSizeDefault;
}

/**
 * A streamed response body: documented as `schema`, sent as a Node stream (fastify pipes streams
 * and never serializes them), so the handler's type is the stream.
 */
export function StreamedBody(schema: TSchema) {
  return Type.Unsafe<Readable>(schema);
}
