import { PalyraError } from '@palyra/core';
import { type Kysely, Migrator, sql } from 'kysely';
import type { Database } from './database.js';
import { postgresError } from './db-values.js';
import { MIGRATIONS } from './migrations/index.js';
import type { JournalSchema } from './schema.js';

export interface MigrationOutcome {
  /** Migrations applied by this call, in order (empty when the schema was already current). */
  readonly applied: string[];
}

/**
 * Applies pending migrations as the connecting (owner) role. Never called implicitly by services:
 * `palyra migrate` (a Helm hook Job) runs it. Concurrent callers are safe: kysely's Postgres
 * adapter takes a session-level `pg_advisory_lock` around the migration transaction, so a second
 * caller waits, then finds nothing pending.
 */
export async function migrate(database: Database): Promise<MigrationOutcome> {
  return database.withOwnerConnection(async (owner) => {
    const migrator = new Migrator({
      db: owner,
      provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
    });
    const { error, results = [] } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'setup';
      throw new PalyraError('INTERNAL', `migration ${failed} failed`, { cause: error });
    }
    return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  });
}

/** Names of migrations this code knows that the database has not applied, in order. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const applied = new Set(await appliedMigrations(database.kysely));
  return Object.keys(MIGRATIONS)
    .sort()
    .filter((name) => !applied.has(name));
}

/**
 * Services call this at start: fails with SCHEMA_BEHIND while migrations are pending, and with
 * CONFIG_INVALID when the connection would bypass row-level security (superuser or BYPASSRLS).
 */
export async function assertSchemaCurrent(database: Database): Promise<void> {
  let missing: string[];
  try {
    missing = await pendingMigrations(database);
  } catch (error) {
    // The app role is created by the first migration; connecting as it fails until then.
    if (!isMissingRole(error)) throw error;
    missing = Object.keys(MIGRATIONS).sort();
  }
  if (missing.length > 0) {
    throw new PalyraError(
      'SCHEMA_BEHIND',
      `database schema is behind: run \`palyra migrate\` (missing: ${missing.join(', ')})`,
      { details: { missing } },
    );
  }
  const { rows } = await sql<{ role: string; bypasses: boolean }>`
    select current_user as role, (rolsuper or rolbypassrls) as bypasses
    from pg_roles where rolname = current_user`.execute(database.kysely);
  const current = rows[0];
  if (current?.bypasses !== false) {
    throw new PalyraError(
      'CONFIG_INVALID',
      `database role ${current?.role ?? '?'} bypasses row-level security: connect with the palyra_app role`,
    );
  }
}

async function appliedMigrations(db: Kysely<JournalSchema>): Promise<string[]> {
  const { rows } = await sql<{ present: boolean }>`
    select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!rows[0]?.present) return [];
  const applied = await db.selectFrom('kysely_migration').select('name').execute();
  return applied.map((row) => row.name);
}

/** `pg` reports the startup `role` option's check failure as 22023; SET ROLE would give 42704. */
function isMissingRole(error: unknown): boolean {
  const code = postgresError(error)?.code;
  return (
    (code === '22023' || code === '42704') &&
    /role ".*" does not exist/.test(String((error as { message?: unknown }).message))
  );
}
