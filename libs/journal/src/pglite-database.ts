import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { APP_ROLE, type Database } from './database.js';
import { PgliteDialect } from './pglite-dialect.js';
import type { JournalSchema } from './schema.js';

export interface PgliteOptions {
  /** A directory for the database files; in memory when absent. */
  readonly dataDir?: string;
  /**
   * An instance you created (e.g. with extensions, or from a `dumpDataDir()` tarball) instead of
   * `dataDir`. The handle owns it from here: `close()` closes it.
   */
  readonly pglite?: PGlite;
  /** The role the connection assumes (default `palyra_app`); `null` stays the superuser. */
  readonly appRole?: string | null;
}

/**
 * Embedded Postgres (PGlite) behind the same `Database` handle. PGlite always connects as its
 * superuser, so the single connection runs `SET ROLE palyra_app` to make RLS effective. Before the
 * first migration the role does not exist yet: the handle then runs as the owner until `migrate`
 * (which goes through `withOwnerConnection`) creates it and switches.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const appRole = options.appRole === undefined ? APP_ROLE : options.appRole;
  if (appRole !== null && !/^[a-z_][a-z0-9_]*$/.test(appRole)) {
    throw new TypeError(`invalid postgres role name: ${appRole}`);
  }
  if (options.pglite !== undefined && options.dataDir !== undefined) {
    throw new TypeError('openPglite takes either dataDir or pglite, not both');
  }
  const pglite =
    options.pglite ??
    (await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir }));
  const kysely = new Kysely<JournalSchema>({ dialect: new PgliteDialect(pglite) });

  const assumeAppRole = async (db: Kysely<JournalSchema>): Promise<void> => {
    if (appRole === null) return;
    const { rows } = await sql<{ exists: boolean }>`
      select exists (select 1 from pg_roles where rolname = ${appRole}) as exists`.execute(db);
    if (rows[0]?.exists) await sql.raw(`set role ${appRole}`).execute(db);
  };
  await kysely.connection().execute(assumeAppRole);

  return {
    dialect: 'pglite',
    kysely,
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    withOwnerConnection(fn) {
      return kysely.connection().execute(async (connection) => {
        await sql`reset role`.execute(connection);
        try {
          return await fn(connection);
        } finally {
          // Fail closed: a connection that cannot drop back to the app role must not serve requests.
          await assumeAppRole(connection).catch(async (error: unknown) => {
            await pglite.close();
            throw error;
          });
        }
      });
    },
    async close() {
      await kysely.destroy();
    },
  };
}
