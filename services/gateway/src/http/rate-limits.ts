import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { normalizeIP } from '@fastify/rate-limit';
import { PalyraError } from '@palyra/core';
import type { RateLimitStore } from '@palyra/journal';
import type { Logger } from '@palyra/telemetry';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Every limit counts requests per minute: a fixed window shared by all replicas. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
/** At most one "store unreachable" warning per this interval, so an outage does not flood the log. */
const STORE_WARNING_INTERVAL_MS = 10_000;
/** Windows older than this are deleted by the sweep (the current and the previous one are kept). */
const SWEEP_INTERVAL_MS = 5 * RATE_LIMIT_WINDOW_MS;

export interface HttpRateLimitSettings {
  /** Requests per tenant per minute on tenant routes, counted after authentication. 0 = off. */
  readonly perTenantPerMinute: number;
  /** Requests per client IP per minute on every route but health and metrics, before auth. 0 = off. */
  readonly perIpPerMinute: number;
}

export interface HttpRateLimitOptions extends HttpRateLimitSettings {
  /** The counters, in the database: every replica counts against the same windows. */
  readonly store: RateLimitStore;
}

/** What the app's hooks call; each is a no-op when its limit is off or the route opts out. */
export interface RequestLimits {
  perIp(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts against `request.caller`'s tenant; no-op before authentication. */
  perTenant(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
type LimitResult = Awaited<ReturnType<Limiter>>;

/**
 * Adapts the database RateLimitStore to @fastify/rate-limit's store interface. A failing store
 * (database down) is logged here, at most once per 10 s; `limit` below then lets the request
 * through.
 */
export function sharedRateLimitStore(store: RateLimitStore, logger: Logger): FastifyRateLimitStoreCtor {
  let lastWarningAt = 0;
  const warn = (error: unknown): void => {
    const now = Date.now();
    if (now - lastWarningAt < STORE_WARNING_INTERVAL_MS) return;
    lastWarningAt = now;
    logger.warn({ err: error }, 'rate limit store unreachable; requests are not rate limited meanwhile');
  };
  return class SharedRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      store.hit(key, timeWindow).then(
        (hit) => callback(null, { current: hit.count, ttl: Math.max(hit.resetAt.getTime() - Date.now(), 0) }),
        (error: unknown) => {
          warn(error);
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }

    child(): SharedRateLimitStore {
      return this;
    }
  };
}

function isExempt(request: FastifyRequest): boolean {
  return request.routeOptions.config.rateLimit === false;
}

/** Headers on every limited response, and Retry-After with the envelope when the limit is hit. */
function enforce(reply: FastifyReply, result: LimitResult, what: string): void {
  if (result.isAllowed) return;
  const resetSeconds = Math.max(result.ttlInSeconds, 1);
  reply.header('x-ratelimit-limit', result.max);
  reply.header('x-ratelimit-remaining', result.remaining);
  reply.header('x-ratelimit-reset', resetSeconds);
  if (!result.isExceeded) return;
  reply.header('retry-after', resetSeconds);
  throw new PalyraError(
    'RATE_LIMITED',
    `rate limit of ${result.max} requests per minute ${what} exceeded; retry in ${resetSeconds} s`,
    { details: { retryAfterSeconds: resetSeconds, limit: result.max } },
  );
}

/**
 * Fails open: when the counters cannot be reached the request goes through unlimited (the store
 * adapter has logged why). A limiter outage must not take the whole API down with it, and the
 * database outage shows in /readyz anyway; the cost is that limits are not enforced meanwhile.
 */
async function countOrFailOpen(limiter: Limiter, request: FastifyRequest): Promise<LimitResult | undefined> {
  try {
    return await limiter(request);
  } catch {
    return undefined;
  }
}

/**
 * Builds the two limiters on an app where @fastify/rate-limit is registered (it supplies
 * `createRateLimit`, IP normalisation and the store plumbing). Keys are namespaced `http:ip:` and
 * `http:tenant:` so other users of the same counters table never collide with them. An IPv6
 * client counts by its /64, since one host usually holds a whole /64.
 */
export function createRequestLimits(
  app: Pick<FastifyInstance, 'createRateLimit'>,
  settings: HttpRateLimitSettings,
): RequestLimits {
  const ipLimiter =
    settings.perIpPerMinute > 0
      ? app.createRateLimit({
          max: settings.perIpPerMinute,
          timeWindow: RATE_LIMIT_WINDOW_MS,
          keyGenerator: (request) => `http:ip:${normalizeIP(request.ip, 64)}`,
        })
      : undefined;
  const tenantLimiter =
    settings.perTenantPerMinute > 0
      ? app.createRateLimit({
          max: settings.perTenantPerMinute,
          timeWindow: RATE_LIMIT_WINDOW_MS,
          keyGenerator: (request) => `http:tenant:${request.caller?.tenantId ?? ''}`,
        })
      : undefined;
  return {
    async perIp(request, reply) {
      if (ipLimiter === undefined || isExempt(request)) return;
      const result = await countOrFailOpen(ipLimiter, request);
      if (result !== undefined) enforce(reply, result, 'from this address');
    },
    async perTenant(request, reply) {
      if (tenantLimiter === undefined || isExempt(request) || request.caller === undefined) return;
      const result = await countOrFailOpen(tenantLimiter, request);
      if (result !== undefined) enforce(reply, result, 'for this tenant');
    },
  };
}

/**
 * Deletes ended windows now and then. Every replica runs one; the deletes are idempotent, so
 * overlapping sweeps only cost a query. Returns a stop function.
 */
export function startRateLimitSweeper(store: RateLimitStore, logger: Logger): () => void {
  const timer = setInterval(() => {
    store.sweep(new Date(Date.now() - 2 * RATE_LIMIT_WINDOW_MS)).catch((error: unknown) => {
      logger.warn({ err: error }, 'rate limit sweep failed');
    });
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
