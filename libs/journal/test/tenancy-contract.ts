import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { newId } from '@palyra/core';
import { sql } from 'kysely';
import { type Database, withTenant } from '../src/index.js';
import { approvalFor, rejectsWithDatabaseError, seed } from './fixtures.js';
import type { TestDriver } from './test-drivers.js';

const TENANT_TABLES_0003 = [
  'agents',
  'agent_defaults',
  'agent_bindings',
  'approvals',
  'approval_grants',
  'api_keys',
  'usage_ledger',
] as const;

async function countAsOwner(database: Database, table: string): Promise<number> {
  return database.withOwnerConnection(async (owner) => {
    const { rows } = await sql<{
      count: number;
    }>`select count(*)::int as count from ${sql.table(table)}`.execute(owner);
    return rows[0]?.count ?? 0;
  });
}

/** Schema-level tenancy guarantees of migration 0003 (run inside the repository contract). */
export function tenancyContract(driver: TestDriver): void {
  test('schema: every table has row-level security enabled and forced', async () => {
    const database = await driver.shared();
    const tables = await database.withOwnerConnection(async (owner) => {
      const { rows } = await sql<{ name: string; enabled: boolean; forced: boolean }>`
        select relname as name, relrowsecurity as enabled, relforcerowsecurity as forced
        from pg_class
        where relnamespace = 'public'::regnamespace and relkind = 'r' and relname not like 'kysely_%'
        order by relname`.execute(owner);
      return rows;
    });
    for (const table of [...TENANT_TABLES_0003, 'rate_limit_counters']) {
      assert.ok(
        tables.some((row) => row.name === table),
        `${table} exists`,
      );
    }
    for (const table of tables) assert.deepEqual(table, { name: table.name, enabled: true, forced: true });
  });

  test('schema: without a tenant setting the new tenant tables read as empty for the app role', async () => {
    const database = await driver.shared();
    const seeded = await seed(database);
    const { repos, tenantId } = seeded;
    await repos.agents.create(tenantId, { agentId: 'main', displayName: 'Main' });
    await repos.agents.bind(tenantId, { principal: 'user:alice', channel: '', sessionId: '' }, 'main');
    const { approval } = await repos.approvals.create(tenantId, approvalFor(seeded));
    await repos.approvals.decide(tenantId, approval.approvalId, {
      decision: 'allow',
      scope: 'session',
      reason: '',
      decidedBy: 'user:alice',
    });
    await repos.apiKeys.create(tenantId, {
      keyId: 'k',
      name: 'k',
      principal: 'apikey:k',
      roles: [],
      secretHash: createHash('sha256').update(newId()).digest('hex'),
    });
    await repos.runs.recordUsage(tenantId, seeded.runId, {
      callIndex: 0,
      turn: 0,
      provider: 'p',
      model: 'm',
      promptTokens: 1,
      completionTokens: 1,
    });
    for (const table of TENANT_TABLES_0003) {
      const { rows } = await sql<{
        count: number;
      }>`select count(*)::int as count from ${sql.table(table)}`.execute(database.kysely);
      assert.equal(rows[0]?.count, 0, table);
      assert.ok((await countAsOwner(database, table)) >= 1, `${table}: the rows exist; RLS hides them`);
    }
    await rejectsWithDatabaseError(
      sql`insert into agents (tenant_id, agent_id, display_name) values (${tenantId}, 'x', 'x')`.execute(
        database.kysely,
      ),
      /row-level security/,
    );
  });

  test('schema: the app role can neither rewrite the usage ledger nor delete approvals', async () => {
    const database = await driver.shared();
    const { tenantId } = await seed(database);
    for (const statement of [
      sql`update usage_ledger set prompt_tokens = 0`,
      sql`delete from usage_ledger`,
      sql`delete from approvals`,
      sql`delete from api_keys`,
    ]) {
      await withTenant(database, tenantId, async (trx) => {
        await rejectsWithDatabaseError(statement.execute(trx), /permission denied/);
      });
    }
  });
}
