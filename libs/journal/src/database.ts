import type { CompiledQuery, Kysely } from 'kysely';
import type { JournalSchema } from './schema.js';

/**
 * The role services run as (NOLOGIN, created by the migrations). The connecting user owns the
 * schema and usually bypasses RLS (a superuser always does), so every connection assumes this role.
 */
export const APP_ROLE = 'palyra_app';

export type DatabaseDialect = 'postgres' | 'pglite';

/** One handle over either driver: the repositories never know which one they run on. */
export interface Database {
  readonly dialect: DatabaseDialect;
  /**
   * Runs as `palyra_app` (subject to row-level security). Tenant data is reachable only through
   * `withTenant`; outside it every tenant table reads as empty.
   */
  readonly kysely: Kysely<JournalSchema>;
  /** Readiness: one round trip, throws when the database is unreachable. */
  ping(): Promise<void>;
  /**
   * Runs `fn` on one connection as the connecting (owner) role, outside RLS: for migrations and
   * operator tooling, never for request handling.
   */
  withOwnerConnection<T>(fn: (owner: Kysely<JournalSchema>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Optional fast path for tenant-scoped reads (see `readInTenant`): runs `fn` on a connection of a
   * separate read-only pool whose session-level `palyra.tenant_id` is `tenantId`, each query a
   * single autocommit statement. Absent (PGlite), reads use a `withTenant` transaction.
   */
  readonly withTenantReader?: <T>(tenantId: string, fn: (execute: ExecuteRead) => Promise<T>) => Promise<T>;
}

/** Executes one compiled query and returns its rows. */
export type ExecuteRead = (query: CompiledQuery) => Promise<unknown[]>;
