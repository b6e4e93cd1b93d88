import { invalidArgument, LIMITS } from '@palyra/core';

/** A page size: LIMITS.pageSizeDefault when absent, at most LIMITS.pageSizeMax. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return LIMITS.pageSizeDefault;
  if (!Number.isInteger(limit) || limit < 1)
    throw invalidArgument('limit', 'limit must be a positive integer');
  return Math.min(limit, LIMITS.pageSizeMax);
}

/** Opaque cursors: the sort key of the last item of a page, base64url-encoded. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidArgument('cursor', 'cursor is malformed');
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export function nonNegativeInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(field, `${field} must be a non-negative integer`);
  }
  return value;
}
