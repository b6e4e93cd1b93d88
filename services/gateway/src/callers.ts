import { type Authenticator, type CallerContext, createHeaderLookup } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import type { TenantRepository, TenantStatus } from '@palyra/journal';

export const TENANT_SUSPENDED_MESSAGE = 'tenant is suspended';

/** Where a call's credentials are read from: grpc-js `Metadata` or fastify headers. */
export type RawHeaderReader = (name: string) => unknown;

export interface CallerResolver {
  /** Authenticates a call and makes sure its tenant exists and is active. */
  resolve(read: RawHeaderReader): Promise<CallerContext>;
  /** Forgets cached tenant states (tests, shutdown). */
  clear(): void;
}

export interface CallerResolverOptions {
  readonly authenticator: Authenticator;
  readonly tenants: TenantRepository;
  /** How long a tenant's status is trusted before it is read again. Default 30 000 ms. */
  readonly tenantCacheTtlMs?: number;
  readonly now?: () => number;
}

interface CachedTenant {
  readonly status: TenantStatus;
  readonly expiresAt: number;
}

/**
 * Tenants are provisioned on first authenticated use (`tenants.ensure`). Each process remembers
 * the outcome for a short while, so the hot path costs no database round trip, while a suspension
 * still takes effect on every replica within the TTL. Concurrent first calls share one lookup.
 */
export function createCallerResolver(options: CallerResolverOptions): CallerResolver {
  const ttlMs = options.tenantCacheTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedTenant>();
  const inFlight = new Map<string, Promise<TenantStatus>>();

  const tenantStatus = (tenantId: string): TenantStatus | Promise<TenantStatus> => {
    const cached = cache.get(tenantId);
    if (cached !== undefined && cached.expiresAt > now()) return cached.status;
    let pending = inFlight.get(tenantId);
    if (pending === undefined) {
      pending = options.tenants
        .ensure(tenantId)
        .then((tenant) => {
          cache.set(tenantId, { status: tenant.status, expiresAt: now() + ttlMs });
          return tenant.status;
        })
        .finally(() => inFlight.delete(tenantId));
      inFlight.set(tenantId, pending);
    }
    return pending;
  };

  return {
    async resolve(read) {
      const caller = await options.authenticator.authenticate(createHeaderLookup(read));
      const status = await tenantStatus(caller.tenantId);
      if (status !== 'active') throw new PalyraError('PERMISSION_DENIED', TENANT_SUSPENDED_MESSAGE);
      return caller;
    },
    clear() {
      cache.clear();
    },
  };
}
