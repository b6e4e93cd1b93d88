import type { TestContext } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { createTestDatabase, type TestDatabase } from '@palyra/testkit';
import { connectPostgres, type Database, migrate, openPglite } from '../src/index.js';

export interface OpenOptions {
  /** Apply the migrations first (default true). */
  readonly migrated?: boolean;
  /** Passed to the driver; `null` keeps the connecting (superuser) role. */
  readonly appRole?: string | null;
}

/**
 * How the contract suites get databases. Most tests share one migrated database per file and stay
 * independent by working in a tenant of their own (which RLS and the tenant-leading keys make
 * airtight); tests about the schema itself, or that read across tenants, open a private one.
 */
export interface TestDriver {
  readonly name: string;
  /** The file's migrated database, created on first use. */
  shared(): Promise<Database>;
  /** A private database, closed and removed after the test. */
  open(t: TestContext, options?: OpenOptions): Promise<Database>;
  /** Closes and removes the shared database (call from a file-level `after`). */
  dispose(): Promise<void>;
}

/** Databases on the local Postgres 15: a new one costs ~20 ms, migrations ~30 ms. */
export function postgresTestDriver(): TestDriver {
  let shared: Promise<{ testDatabase: TestDatabase; database: Database }> | undefined;
  const create = async (options: OpenOptions) => {
    const testDatabase = await createTestDatabase();
    const database = await connectPostgres({
      url: testDatabase.url,
      poolSize: 10,
      ...(options.appRole === undefined ? {} : { appRole: options.appRole }),
    });
    if (options.migrated ?? true) await migrate(database);
    return { testDatabase, database };
  };
  const destroy = async ({ testDatabase, database }: { testDatabase: TestDatabase; database: Database }) => {
    await database.close();
    await testDatabase.drop();
  };
  return {
    name: 'postgres',
    async shared() {
      shared ??= create({});
      return (await shared).database;
    },
    async open(t, options = {}) {
      const created = await create(options);
      t.after(() => destroy(created));
      return created.database;
    },
    async dispose() {
      if (shared !== undefined) await destroy(await shared);
    },
  };
}

/**
 * PGlite databases in memory. initdb and the migrations cost about a second each, so both states
 * are built once as data-directory tarballs and every database starts from one (~300 ms).
 */
export function pgliteTestDriver(): TestDriver {
  let emptyDump: Promise<Blob> | undefined;
  let migratedDump: Promise<Blob> | undefined;
  let shared: Promise<Database> | undefined;
  const dumpOf = async (pglite: PGlite): Promise<Blob> => pglite.dumpDataDir('none');
  const empty = () => {
    emptyDump ??= PGlite.create().then(async (pglite) => {
      const dump = await dumpOf(pglite);
      await pglite.close();
      return dump;
    });
    return emptyDump;
  };
  const migrated = () => {
    migratedDump ??= empty().then(async (dump) => {
      const pglite = await PGlite.create({ loadDataDir: dump });
      const database = await openPglite({ pglite });
      await migrate(database);
      const result = await dumpOf(pglite);
      await database.close();
      return result;
    });
    return migratedDump;
  };
  const create = async (options: OpenOptions) =>
    openPglite({
      pglite: await PGlite.create({ loadDataDir: await ((options.migrated ?? true) ? migrated() : empty()) }),
      ...(options.appRole === undefined ? {} : { appRole: options.appRole }),
    });
  return {
    name: 'pglite',
    shared() {
      shared ??= create({});
      return shared;
    },
    async open(t, options = {}) {
      const database = await create(options);
      t.after(() => database.close());
      return database;
    },
    async dispose() {
      if (shared !== undefined) await (await shared).close();
    },
  };
}
