import { invalidArgument } from '@palyra/core';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { toSafeInteger } from './db-values.js';
import type { RateLimitStore } from './ports.js';

/** The window length is an `integer` column. */
const MAX_WINDOW_MS = 2 ** 31 - 1;
/** Keys are caller-built (`ip:<addr>`, `tenant:<id>:<route>`); this bounds the index entry. */
const MAX_KEY_LENGTH = 512;

/**
 * Fixed-window counters shared by every replica through the database. Not tenant data (per-IP
 * buckets exist before authentication), so statements run on the app role outside any tenant
 * scope; the table's policy admits every row (see migration 0003). Each hit is a single
 * autocommit statement: concurrent hits on any replica serialise on the counter row and each
 * gets its own count.
 */
export function createRateLimitStore(database: Database): RateLimitStore {
  return {
    async hit(key, windowMs, now = new Date()) {
      if (typeof key !== 'string' || key === '' || key.length > MAX_KEY_LENGTH) {
        throw invalidArgument('key', `rate limit key must be 1-${MAX_KEY_LENGTH} characters`);
      }
      if (!Number.isSafeInteger(windowMs) || windowMs < 1 || windowMs > MAX_WINDOW_MS) {
        throw invalidArgument('window_ms', `window_ms must be an integer from 1 to ${MAX_WINDOW_MS}`);
      }
      const nowMs = now.getTime();
      if (Number.isNaN(nowMs)) throw invalidArgument('now', 'now must be a valid time');
      // Windows are aligned to the epoch, so every replica computes the same window for a hit.
      const startMs = Math.floor(nowMs / windowMs) * windowMs;
      const windowEnd = new Date(startMs + windowMs);
      const row = await database.kysely
        .insertInto('rate_limit_counters')
        .values({
          bucket_key: key,
          window_ms: windowMs,
          window_start: new Date(startMs),
          window_end: windowEnd,
          count: 1,
        })
        .onConflict((oc) =>
          oc
            .columns(['bucket_key', 'window_ms', 'window_start'])
            .doUpdateSet({ count: sql`rate_limit_counters.count + 1` }),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      return { count: toSafeInteger(row.count), resetAt: windowEnd };
    },

    async sweep(before) {
      if (Number.isNaN(before.getTime())) throw invalidArgument('before', 'before must be a valid time');
      const result = await database.kysely
        .deleteFrom('rate_limit_counters')
        .where('window_end', '<=', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
