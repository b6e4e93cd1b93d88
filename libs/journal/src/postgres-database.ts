import { type Logger, silentLogger } from '@palyra/core';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { APP_ROLE, type Database } from './database.js';
import type { JournalSchema } from './schema.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database?...`; the user owns the schema. */
  readonly url: string;
  readonly poolSize?: number;
  /**
   * The role every pooled connection assumes (default `palyra_app`). `null` keeps the URL's user,
   * which is only safe when that user is itself subject to row-level security.
   */
  readonly appRole?: string | null;
  readonly connectionTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  readonly applicationName?: string;
  readonly logger?: Logger;
}

/**
 * A pg pool whose connections run as `palyra_app`. The role is a startup parameter
 * (`options=-c role=palyra_app`), not a `SET ROLE` in a 'connect' hook: it is applied atomically
 * with authentication and costs no round trip, and a missing role fails the connection instead of
 * leaving a connection that runs as the owner in the pool. Nothing is contacted until first use.
 */
export async function connectPostgres(options: PostgresOptions): Promise<Database> {
  const appRole = options.appRole === undefined ? APP_ROLE : options.appRole;
  const logger = options.logger ?? silentLogger;
  const poolSize = options.poolSize ?? 10;
  const pool = createPool(options, poolSize, appRole);
  const kysely = new Kysely<JournalSchema>({ dialect: new PostgresDialect({ pool }) });
  // Tenant-scoped single-statement reads (readInTenant) use their own, smaller pool whose
  // connections carry a session-level palyra.tenant_id; they never serve anything else.
  const readPool = createPool(options, Math.max(1, Math.ceil(poolSize / 2)), appRole);
  const tenantOf = new WeakMap<pg.PoolClient, string>();

  return {
    dialect: 'postgres',
    kysely,
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    async withOwnerConnection(fn) {
      // A separate single-connection pool: pooled connections never leave the app role.
      const ownerPool = createPool(options, 1, null);
      ownerPool.on('error', (err) => logger.warn({ err }, 'idle postgres owner connection failed'));
      const owner = new Kysely<JournalSchema>({ dialect: new PostgresDialect({ pool: ownerPool }) });
      try {
        return await owner.connection().execute(fn);
      } finally {
        await owner.destroy();
      }
    },
    async withTenantReader(tenantId, fn) {
      const client = await readPool.connect();
      let failed = false;
      try {
        if (tenantOf.get(client) !== tenantId) {
          tenantOf.delete(client);
          await client.query("select set_config('palyra.tenant_id', $1, false)", [tenantId]);
          tenantOf.set(client, tenantId);
        }
        return await fn(async (query) => (await client.query(query.sql, [...query.parameters])).rows);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // A connection that saw an error is destroyed: its setting is no longer certain.
        client.release(failed);
      }
    },
    async close() {
      await Promise.all([kysely.destroy(), readPool.end()]);
    },
  };

  function createPool(opts: PostgresOptions, max: number, role: string | null): pg.Pool {
    const created = new pg.Pool({
      connectionString: withRoleOption(opts.url, role),
      max,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
      idleTimeoutMillis: opts.idleTimeoutMs ?? 30_000,
      application_name: opts.applicationName ?? 'palyra',
    });
    // An idle client dying (server restart, terminated backend) must not crash the process; the
    // pool discards it and the next checkout connects afresh.
    created.on('error', (err) => logger.warn({ err }, 'idle postgres connection failed'));
    return created;
  }
}

/** Adds `-c role=<role>` to the URL's `options` (a URL parameter would override a config field). */
function withRoleOption(url: string, role: string | null): string {
  if (role === null) return url;
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new TypeError(`invalid postgres role name: ${role}`);
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  parsed.searchParams.set('options', existing ? `${existing} -c role=${role}` : `-c role=${role}`);
  return parsed.toString();
}
