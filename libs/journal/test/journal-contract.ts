import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GENESIS_HASH, LIMITS, newId, REDACTED } from '@palyra/core';
import { sql } from 'kysely';
import {
  APP_ROLE,
  assertSchemaCurrent,
  createJournalStore,
  type Database,
  MIGRATIONS,
  migrate,
  withTenant,
} from '../src/index.js';
import { event, rejectsWith, rejectsWithDatabaseError, seed, uniqueTenantId } from './fixtures.js';
import type { TestDriver } from './test-drivers.js';

/** Rewrites one stored event as the superuser, with the append-only trigger off for the moment. */
async function tamper(database: Database, sessionId: string, chainSeq: number, set: string): Promise<void> {
  await database.withOwnerConnection(async (owner) => {
    await sql`begin`.execute(owner);
    await sql`alter table journal_events disable trigger journal_events_append_only`.execute(owner);
    const target = sql`where session_id = ${sessionId} and chain_seq = ${chainSeq}`;
    if (set === 'delete') await sql`delete from journal_events ${target}`.execute(owner);
    else await sql`update journal_events set ${sql.raw(set)} ${target}`.execute(owner);
    await sql`alter table journal_events enable always trigger journal_events_append_only`.execute(owner);
    await sql`commit`.execute(owner);
  });
}

async function rawPayload(database: Database, sessionId: string, chainSeq: number): Promise<string> {
  return database.withOwnerConnection(async (owner) => {
    const { rows } = await sql<{ payload: string }>`
      select payload from journal_events where session_id = ${sessionId} and chain_seq = ${chainSeq}`.execute(
      owner,
    );
    return rows[0]?.payload ?? '';
  });
}

export function journalContract(driver: TestDriver): void {
  describe(`journal contract (${driver.name})`, () => {
    test('assertSchemaCurrent fails with SCHEMA_BEHIND on an empty database', async (t) => {
      const database = await driver.open(t, { migrated: false });
      const missing = Object.keys(MIGRATIONS).sort().join(', ');
      await rejectsWith(
        assertSchemaCurrent(database),
        'SCHEMA_BEHIND',
        `database schema is behind: run \`palyra migrate\` (missing: ${missing})`,
      );
    });

    test('migrate applies everything once; a second migrate is a no-op', async (t) => {
      const database = await driver.open(t, { migrated: false });
      assert.deepEqual((await migrate(database)).applied, Object.keys(MIGRATIONS).sort());
      assert.deepEqual((await migrate(database)).applied, []);
      await assertSchemaCurrent(database);
    });

    test('two concurrent migrate calls both succeed and apply each migration once', async (t) => {
      const database = await driver.open(t, { migrated: false });
      const outcomes = await Promise.all([migrate(database), migrate(database)]);
      assert.deepEqual(outcomes.flatMap((outcome) => outcome.applied).sort(), Object.keys(MIGRATIONS).sort());
      await assertSchemaCurrent(database);
    });

    test('assertSchemaCurrent refuses a connection that bypasses row-level security', async (t) => {
      const database = await driver.open(t, { appRole: null });
      await assertSchemaCurrent(await driver.shared());
      await rejectsWith(assertSchemaCurrent(database), 'CONFIG_INVALID', /bypasses row-level security/);
    });

    test('batches continue one chain from the genesis hash', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const first = await repos.journal.append(tenantId, sessionId, [
        event({ runId, runSeq: 1 }),
        event({ runId, runSeq: 2 }),
      ]);
      const second = await repos.journal.append(tenantId, sessionId, [
        event({ kind: 'client_event', actor: 'user' }),
      ]);
      const chain = [...first, ...second];
      assert.deepEqual(
        chain.map((e) => e.chainSeq),
        [1, 2, 3],
      );
      assert.equal(chain[0]?.prevHash, GENESIS_HASH);
      for (let i = 1; i < chain.length; i++) assert.equal(chain[i]?.prevHash, chain[i - 1]?.hash);
      for (let i = 1; i < chain.length; i++) assert.ok(chain[i]!.recordedAtUs > chain[i - 1]!.recordedAtUs);
      assert.deepEqual(await repos.journal.verifyChain(tenantId, sessionId), {
        ok: true,
        length: 3,
        headHash: chain[2]?.hash,
      });
      const session = await repos.sessions.get(tenantId, sessionId);
      assert.equal(session?.chainLength, 3);
      assert.equal(session?.chainHeadHash, chain[2]?.hash);
      assert.deepEqual(await repos.journal.readSessionEvents(tenantId, sessionId, 1), chain.slice(1));
    });

    test('the chain clock stays strictly increasing when the wall clock goes backwards', async () => {
      const database = await driver.shared();
      const { tenantId, sessionId } = await seed(database);
      let now = 2_000_000_000_000_000;
      const journal = createJournalStore(database, { nowUs: () => now });
      const [a] = await journal.append(tenantId, sessionId, [event()]);
      now -= 5_000_000;
      const [b, c] = await journal.append(tenantId, sessionId, [event(), event()]);
      assert.deepEqual(
        [a?.recordedAtUs, b?.recordedAtUs, c?.recordedAtUs],
        [now + 5_000_000, now + 5_000_001, now + 5_000_002],
      );
      assert.equal((await journal.verifyChain(tenantId, sessionId)).ok, true);
    });

    test('eight concurrent appenders to one session produce one unbroken chain', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      const appenders = 8;
      const batches = 4;
      const perBatch = 3;
      await Promise.all(
        Array.from({ length: appenders }, async () => {
          for (let b = 0; b < batches; b++) {
            await repos.journal.append(
              tenantId,
              sessionId,
              Array.from({ length: perBatch }, () => event()),
            );
          }
        }),
      );
      const total = appenders * batches * perBatch;
      const events = await repos.journal.readSessionEvents(tenantId, sessionId, 0, { limit: total });
      assert.deepEqual(
        events.map((e) => e.chainSeq),
        Array.from({ length: total }, (_, i) => i + 1),
      );
      assert.equal(new Set(events.map((e) => e.prevHash)).size, total, 'no two events extend the same link');
      const verification = await repos.journal.verifyChain(tenantId, sessionId);
      assert.deepEqual(verification, { ok: true, length: total, headHash: events.at(-1)?.hash });
    });

    test('tampering one byte of a stored payload is detected at exactly that chain_seq', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      await repos.journal.append(
        tenantId,
        sessionId,
        Array.from({ length: 5 }, (_, i) => event({ payload: { text: `hello ${i + 1}` } })),
      );
      assert.equal((await repos.journal.verifyChain(tenantId, sessionId)).ok, true);
      assert.equal(await rawPayload(database, sessionId, 3), '{"text":"hello 3"}');
      await tamper(database, sessionId, 3, `payload = '{"text":"jello 3"}'`);
      assert.deepEqual(await repos.journal.verifyChain(tenantId, sessionId), {
        ok: false,
        length: 5,
        brokenAtChainSeq: 3,
        reason: 'hash mismatch: the event differs from what was hashed',
      });
    });

    test('verifyChain names the first broken link and why', async () => {
      const database = await driver.shared();
      const { repos, tenantId } = await seed(database);
      const cases = [
        { set: `payload = '{"text":'`, at: 2, reason: /^payload not valid JSON$/ },
        { set: `prev_hash = '${'a'.repeat(64)}'`, at: 4, reason: /^prev_hash mismatch/ },
        { set: 'delete', at: 3, reason: /^gap in chain_seq: expected 3, found 4$/ },
        { set: 'recorded_at_us = recorded_at_us + 1', at: 1, reason: /^hash mismatch/ },
      ];
      for (const { set, at, reason } of cases) {
        const session = await repos.sessions.create(tenantId, {
          sessionKey: `key-${newId()}`,
          principal: 'user:alice',
          deviceId: newId(),
          channel: '',
        });
        await repos.journal.append(
          tenantId,
          session.sessionId,
          Array.from({ length: 5 }, () => event()),
        );
        await tamper(database, session.sessionId, at, set);
        const verification = await repos.journal.verifyChain(tenantId, session.sessionId);
        assert.equal(verification.ok, false, set);
        if (!verification.ok) {
          assert.equal(verification.brokenAtChainSeq, at, set);
          assert.match(verification.reason, reason);
        }
      }
    });

    test('secrets are redacted before hashing and the chain still verifies', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      const secretKey = 'sk-abcdefghijklmnopqrstuvwxyz123456';
      const [stored, fromBytes, plain] = await repos.journal.append(tenantId, sessionId, [
        event({ payload: { api_key: 'hunter2-top-secret', note: `my key is ${secretKey}`, text: 'fine' } }),
        event({ payload: new TextEncoder().encode(JSON.stringify({ password: 'pw-in-bytes' })) }),
        event({ payload: { text: 'nothing to hide', prompt_tokens: 12 } }),
      ]);
      assert.deepEqual(stored?.payload, { api_key: REDACTED, note: `my key is ${REDACTED}`, text: 'fine' });
      assert.equal(stored?.redacted, true);
      assert.deepEqual(fromBytes?.payload, { password: REDACTED });
      assert.equal(fromBytes?.redacted, true);
      assert.deepEqual(plain?.payload, { prompt_tokens: 12, text: 'nothing to hide' });
      assert.equal(plain?.redacted, false);
      const raw = await rawPayload(database, sessionId, 1);
      assert.equal(raw, `{"api_key":"${REDACTED}","note":"my key is ${REDACTED}","text":"fine"}`);
      assert.ok(!raw.includes('hunter2') && !raw.includes(secretKey));
      assert.equal((await repos.journal.verifyChain(tenantId, sessionId)).ok, true);
    });

    test('payloads keep exotic strings byte for byte (NUL, lone surrogates, emoji)', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      const payload = { text: 'a\u0000b \ud800 \u{1f600} "quoted" \\ \n' };
      const [stored] = await repos.journal.append(tenantId, sessionId, [event({ payload })]);
      const [read] = await repos.journal.readSessionEvents(tenantId, sessionId);
      assert.deepEqual(read?.payload, payload);
      assert.equal(read?.payloadJson, stored?.payloadJson);
      assert.equal((await repos.journal.verifyChain(tenantId, sessionId)).ok, true);
    });

    test('appending the same event twice stores one row and returns the stored event', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const original = event({ runId, runSeq: 1 });
      const [first] = await repos.journal.append(tenantId, sessionId, [original]);
      const again = await repos.journal.append(tenantId, sessionId, [original, event({ runId, runSeq: 2 })]);
      assert.deepEqual(again[0], first);
      assert.equal(again[1]?.chainSeq, 2);
      assert.equal((await repos.journal.readSessionEvents(tenantId, sessionId)).length, 2);
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [{ ...original, payload: { text: 'different' } }]),
        'ALREADY_EXISTS',
        `event ${original.eventId} already exists with different content`,
      );
      assert.equal((await repos.journal.verifyChain(tenantId, sessionId)).length, 2);
    });

    test('a payload over the limit is rejected with PAYLOAD_TOO_LARGE and nothing is written', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      const limit = LIMITS.journalPayloadBytes;
      // A JSON string's canonical form adds two quote bytes.
      const atLimit = event({ payload: 'x'.repeat(limit - 2) });
      const overLimit = event({ payload: 'x'.repeat(limit - 1) });
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event(), overLimit]),
        'PAYLOAD_TOO_LARGE',
        `payload of event ${overLimit.eventId} is ${limit + 1} bytes, over the limit of ${limit} bytes`,
      );
      assert.deepEqual(await repos.journal.readSessionEvents(tenantId, sessionId), []);
      const [stored] = await repos.journal.append(tenantId, sessionId, [atLimit]);
      assert.equal(stored?.payloadJson.length, limit);
    });

    test('the database rejects UPDATE, DELETE and TRUNCATE of journal_events, even for the owner', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      await repos.journal.append(tenantId, sessionId, [event()]);
      await withTenant(database, tenantId, async (trx) => {
        await rejectsWithDatabaseError(
          sql`update journal_events set kind = 'client_event'`.execute(trx),
          /permission denied/,
        );
      });
      await withTenant(database, tenantId, async (trx) => {
        await rejectsWithDatabaseError(sql`delete from journal_events`.execute(trx), /permission denied/);
      });
      const mine = sql`where session_id = ${sessionId}`;
      for (const statement of [
        sql`update journal_events set kind = 'client_event' ${mine}`,
        sql`delete from journal_events ${mine}`,
        sql`truncate journal_events`,
      ]) {
        await database.withOwnerConnection(async (owner) => {
          await rejectsWithDatabaseError(statement.execute(owner), /journal_events is append-only/);
        });
      }
      assert.equal((await repos.journal.verifyChain(tenantId, sessionId)).length, 1);
      assert.equal((await repos.journal.readSessionEvents(tenantId, sessionId))[0]?.kind, 'model_token');
    });

    test('the database refuses a fork and a second event at the same run seq', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      await repos.journal.append(tenantId, sessionId, [event({ runId, runSeq: 1 })]);
      // Inserts a copy of event 1 as event 2, as the superuser (no app-level checks at all).
      const copyAsSecond = (runSeq: string, prevHash: string) =>
        database.withOwnerConnection((owner) =>
          sql`insert into journal_events
                select tenant_id, session_id, 2, ${newId()}, run_id, ${sql.raw(runSeq)}, kind, actor,
                       payload, redacted, recorded_at_us + 1, ${sql.raw(prevHash)}, hash
                from journal_events where session_id = ${sessionId} and chain_seq = 1`.execute(owner),
        );
      // Linking to the genesis hash again would make event 2 a second successor of the same link.
      await rejectsWithDatabaseError(copyAsSecond('2', 'prev_hash'), /journal_events_prev_hash_key/);
      await rejectsWithDatabaseError(copyAsSecond('1', 'hash'), /journal_events_run_seq_key/);
      assert.equal((await repos.journal.verifyChain(tenantId, sessionId)).length, 1);
    });

    test('tenant B can neither read nor append to tenant A’s session', async () => {
      const database = await driver.shared();
      const a = await seed(database);
      const b = await seed(database);
      await a.repos.journal.append(a.tenantId, a.sessionId, [event({ runId: a.runId, runSeq: 1 })]);
      assert.deepEqual(await b.repos.journal.readSessionEvents(b.tenantId, a.sessionId), []);
      assert.deepEqual(await b.repos.journal.readRunEvents(b.tenantId, a.runId, 0), []);
      assert.deepEqual(await b.repos.journal.readRecent(b.tenantId), []);
      assert.equal(await b.repos.sessions.get(b.tenantId, a.sessionId), null);
      assert.equal(await b.repos.runs.get(b.tenantId, a.runId), null);
      await rejectsWith(
        b.repos.journal.append(b.tenantId, a.sessionId, [event()]),
        'NOT_FOUND',
        'session not found',
      );
      await rejectsWith(
        b.repos.journal.verifyChain(b.tenantId, a.sessionId),
        'NOT_FOUND',
        'session not found',
      );
      // B's own session cannot carry A's run either.
      await rejectsWith(
        b.repos.journal.append(b.tenantId, b.sessionId, [event({ runId: a.runId, runSeq: 2 })]),
        'NOT_FOUND',
        `run ${a.runId} not found in session ${b.sessionId}`,
      );
      assert.deepEqual(await a.repos.journal.verifyChain(a.tenantId, a.sessionId), {
        ok: true,
        length: 1,
        headHash: (await a.repos.journal.readRecent(a.tenantId))[0]?.hash,
      });
    });

    test('as palyra_app without the tenant setting, every tenant table reads as empty', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      await repos.journal.append(tenantId, sessionId, [event()]);
      const { rows: who } = await sql<{ role: string }>`select current_user as role`.execute(database.kysely);
      assert.equal(who[0]?.role, APP_ROLE);
      for (const table of ['tenants', 'sessions', 'runs', 'journal_events', 'idempotency_keys']) {
        const { rows } = await sql<{
          count: number;
        }>`select count(*)::int as count from ${sql.table(table)}`.execute(database.kysely);
        assert.equal(rows[0]?.count, 0, table);
      }
      await rejectsWithDatabaseError(
        sql`insert into tenants (tenant_id) values (${uniqueTenantId()})`.execute(database.kysely),
        /row-level security/,
      );
      const owner = await database.withOwnerConnection(async (db) => {
        const { rows } = await sql<{
          count: number;
        }>`select count(*)::int as count from journal_events`.execute(db);
        return rows[0]?.count;
      });
      assert.ok((owner ?? 0) >= 1, 'the rows exist; RLS hides them');
    });

    test('a run seq can be written once: a second writer gets ALREADY_EXISTS', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      await repos.journal.append(tenantId, sessionId, [event({ runId, runSeq: 1 })]);
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event({ runId, runSeq: 2 }), event({ runId, runSeq: 1 })]),
        'ALREADY_EXISTS',
        `run ${runId} already has event seq 1`,
      );
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event({ runId, runSeq: 3 }), event({ runId, runSeq: 3 })]),
        'ALREADY_EXISTS',
        `run ${runId} already has event seq 3`,
      );
      assert.equal((await repos.journal.verifyChain(tenantId, sessionId)).length, 1);
      // Two workers racing on the same seqs: each seq is written exactly once.
      const results = await Promise.allSettled(
        [0, 1].map(() =>
          repos.journal.append(tenantId, sessionId, [
            event({ runId, runSeq: 2 }),
            event({ runId, runSeq: 3 }),
          ]),
        ),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      assert.deepEqual(
        (await repos.journal.readRunEvents(tenantId, runId, 0)).map((e) => e.runSeq),
        [1, 2, 3],
      );
    });

    test('readRunEvents returns the run’s events after a seq, in seq order', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const other = newId();
      const session = await repos.sessions.get(tenantId, sessionId);
      await repos.runs.create(tenantId, {
        runId: other,
        sessionId,
        principal: session!.principal,
        deviceId: session!.deviceId,
        channel: '',
      });
      await repos.journal.append(tenantId, sessionId, [
        event({ runId, kind: 'message_received', actor: 'user' }),
        event({ runId, runSeq: 1 }),
        event({ runId: other, runSeq: 1 }),
        event({ runId, runSeq: 2 }),
      ]);
      await repos.journal.append(tenantId, sessionId, [
        event({ runId, runSeq: 3 }),
        event({ runId, runSeq: 4 }),
      ]);
      const seqs = async (after: number, limit?: number) =>
        (await repos.journal.readRunEvents(tenantId, runId, after, limit === undefined ? {} : { limit })).map(
          (e) => e.runSeq,
        );
      assert.deepEqual(await seqs(0), [1, 2, 3, 4]);
      assert.deepEqual(await seqs(2), [3, 4]);
      assert.deepEqual(await seqs(1, 2), [2, 3]);
      assert.deepEqual(await seqs(4), []);
      assert.equal((await repos.runs.get(tenantId, runId))?.lastSeq, 4);
      assert.equal((await repos.runs.get(tenantId, other))?.lastSeq, 1);
      const recent = await repos.journal.readRecent(tenantId, { limit: 2 });
      assert.deepEqual(
        recent.map((e) => e.chainSeq),
        [6, 5],
      );
    });

    test('append names what is missing: the session, or the run in that session', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      await rejectsWith(repos.journal.append(tenantId, newId(), [event()]), 'NOT_FOUND', 'session not found');
      const ghost = newId();
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event({ runId: ghost, runSeq: 1 })]),
        'NOT_FOUND',
        `run ${ghost} not found in session ${sessionId}`,
      );
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event({ eventId: 'not-a-ulid' })]),
        'INVALID_ARGUMENT',
        'event_id must be a canonical ULID',
      );
      assert.deepEqual(await repos.journal.readSessionEvents(tenantId, sessionId), []);
    });
  });
}
