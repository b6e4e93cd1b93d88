import { LIMITS, PalyraError } from '@palyra/core';

export const UNSUPPORTED_VERSION_MESSAGE = 'unsupported protocol major version';

/** Every request, envelope and event carries `v`; 1 is the only supported major version. */
export function requireVersion(v: number): void {
  if (v !== LIMITS.protocolVersion) throw new PalyraError('UNSUPPORTED_VERSION', UNSUPPORTED_VERSION_MESSAGE);
}

/** The raw ULID of an optional `CanonicalId` field ('' when the message is absent). */
export function ulidOf(id: { readonly ulid: string } | null | undefined): string {
  return id?.ulid ?? '';
}

/** `limit` of a paginated request: 0 = the default (100), capped at 500. */
export function pageLimit(limit: number): number {
  if (limit === 0) return LIMITS.pageSizeDefault;
  return Math.min(limit, LIMITS.pageSizeMax);
}

/** Trimmed text; empty means absent. */
export function trimmedOrUndefined(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
