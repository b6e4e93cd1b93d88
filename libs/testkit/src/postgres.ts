import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The cluster tests create their databases in (a superuser with trust auth locally). */
export const TEST_POSTGRES_ADMIN_URL =
  process.env.PALYRA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the new database, as the admin user (the schema owner in tests). */
  readonly url: string;
  readonly name: string;
  /** Drops the database, terminating any connection still open (WITH (FORCE), Postgres 13+). */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database `palyra_test_<random>` for one test or test file. Register
 * `t.after(() => db.drop())`.
 */
export async function createTestDatabase(adminUrl: string = TEST_POSTGRES_ADMIN_URL): Promise<TestDatabase> {
  const name = `palyra_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
