import { createHash, timingSafeEqual } from 'node:crypto';

export interface AdminTokenMatcher {
  matches(candidate: string): boolean;
}

/**
 * Compares digests rather than the strings themselves: timingSafeEqual needs equal lengths, and
 * hashing first means neither the comparison time nor an early length check reveals the token's
 * length or any prefix of it.
 */
export function createAdminTokenMatcher(adminToken: string): AdminTokenMatcher {
  const expected = sha256(adminToken);
  return {
    matches: (candidate) => timingSafeEqual(sha256(candidate), expected),
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
