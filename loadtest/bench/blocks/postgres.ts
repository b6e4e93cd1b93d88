import { createHash } from 'node:crypto';
import { newId } from '@palyra/core';
import {
  connectPostgres,
  createRepositories,
  type Database,
  migrate,
  type NewJournalEvent,
  type Repositories,
} from '@palyra/journal';
import { createTestDatabase, TEST_POSTGRES_ADMIN_URL, type TestDatabase } from '@palyra/testkit';
import pg from 'pg';
import { type BenchContext, CHUNK_WORDS, pick, RUN_INPUT_WORDS, runInputText } from '../context.js';
import { figure, type SectionResult } from '../report.js';
import { closedLoop, type LoopResult, procCpuMsOf, summarize } from '../stats.js';

const RAW_BATCH_ROWS = 20;
/** A Palyra run's stream: ACCEPTED, IN_PROGRESS, 20 token chunks, DONE. */
const RUN_EVENTS = 23;
const TENANT = 'bench';
const PARALLEL = 8;

/**
 * Postgres on a fresh database: (a) the floor, a multi-row INSERT of 20 journal-like rows in one
 * transaction; (b) the real JournalStore.append of a run's 23 events (session row lock, duplicate
 * check, sha256 chain, insert, head update), both one at a time and 8 sessions in parallel.
 * Server-side CPU is read from /proc for the backends serving the database (this machine's
 * Postgres; left out when /proc is not readable or the delta is below one clock tick).
 */
export async function measurePostgres(context: BenchContext): Promise<SectionResult> {
  const rawSerial = pick(context, { quick: 150, full: 1_500 });
  const rawParallel = pick(context, { quick: 600, full: 6_000 });
  const journalSerial = pick(context, { quick: 40, full: 400 });
  const journalParallel = pick(context, { quick: 160, full: 1_600 });
  const testDatabase = await createTestDatabase();
  try {
    const backends = await backendPidReader(testDatabase);
    context.log(
      `postgres: raw ${RAW_BATCH_ROWS}-row batches (${rawSerial} serial, ${rawParallel} x${PARALLEL})`,
    );
    const raw = await measureRaw(testDatabase.url, backends, rawSerial, rawParallel);
    context.log(`postgres: JournalStore.append ${RUN_EVENTS}-event batches`);
    const journal = await measureJournal(testDatabase.url, backends, journalSerial, journalParallel);
    await backends.close();

    const figures: SectionResult['figures'] = {
      rawRowsPerSec: figure(`raw ${RAW_BATCH_ROWS}-row tx: rows/s (1 conn)`, raw.serial.rowsPerSec, 'rows/s'),
      rawBatchesPerSec: figure(
        `raw ${RAW_BATCH_ROWS}-row tx: batches/s (1 conn)`,
        raw.serial.batchesPerSec,
        'tx/s',
      ),
      rawBatchP50: figure(`raw ${RAW_BATCH_ROWS}-row tx: p50 (1 conn)`, raw.serial.latency.p50, 'ms'),
      rawBatchP99: figure(`raw ${RAW_BATCH_ROWS}-row tx: p99 (1 conn)`, raw.serial.latency.p99, 'ms'),
      rawParallelRowsPerSec: figure(
        `raw ${RAW_BATCH_ROWS}-row tx: rows/s (${PARALLEL} conns)`,
        raw.parallel.rowsPerSec,
        'rows/s',
      ),
      rawClientCpu: figure('raw tx: client CPU per batch', raw.serial.clientCpuMsPerBatch, 'ms'),
      journalEventsPerSec: figure(
        `JournalStore.append ${RUN_EVENTS} ev: events/s (1 session)`,
        journal.serial.rowsPerSec,
        'ev/s',
      ),
      journalBatchesPerSec: figure(
        `JournalStore.append ${RUN_EVENTS} ev: batches/s (1 session)`,
        journal.serial.batchesPerSec,
        'tx/s',
      ),
      journalBatchP50: figure(
        `JournalStore.append ${RUN_EVENTS} ev: p50 (1 session)`,
        journal.serial.latency.p50,
        'ms',
      ),
      journalBatchP99: figure(
        `JournalStore.append ${RUN_EVENTS} ev: p99 (1 session)`,
        journal.serial.latency.p99,
        'ms',
      ),
      journalParallelEventsPerSec: figure(
        `JournalStore.append: events/s (${PARALLEL} sessions)`,
        journal.parallel.rowsPerSec,
        'ev/s',
      ),
      journalClientCpu: figure(
        'JournalStore.append: client CPU per batch',
        journal.serial.clientCpuMsPerBatch,
        'ms',
      ),
    };
    const serverFigures: [string, string, number | undefined][] = [
      ['rawServerCpu', 'raw tx: Postgres CPU per batch', raw.serial.serverCpuMsPerBatch],
      ['journalServerCpu', 'JournalStore.append: Postgres CPU per batch', journal.serial.serverCpuMsPerBatch],
    ];
    for (const [key, label, value] of serverFigures) {
      if (value !== undefined && value > 0) figures[key] = figure(label, value, 'ms');
    }
    return {
      id: 'postgres',
      title: 'Postgres batched inserts and JournalStore.append',
      figures,
      details: { database: testDatabase.name, raw, journal },
    };
  } finally {
    await testDatabase.drop();
  }
}

interface BatchFigures {
  readonly batches: number;
  readonly rowsPerBatch: number;
  readonly concurrency: number;
  readonly errors: number;
  readonly rowsPerSec: number;
  readonly batchesPerSec: number;
  readonly latency: ReturnType<typeof summarize>;
  readonly clientCpuMsPerBatch: number;
  /** Undefined when /proc of the backends is not readable. */
  readonly serverCpuMsPerBatch: number | undefined;
}

interface BackendPids {
  pids(): Promise<number[]>;
  close(): Promise<void>;
}

/** Lists the backends connected to the test database (an admin connection to `postgres`, not counted). */
async function backendPidReader(testDatabase: TestDatabase): Promise<BackendPids> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  return {
    async pids() {
      const result = await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1',
        [testDatabase.name],
      );
      return result.rows.map((row) => row.pid);
    },
    close: () => admin.end(),
  };
}

async function withServerCpu(
  backends: BackendPids,
  rowsPerBatch: number,
  concurrency: number,
  run: () => Promise<LoopResult>,
): Promise<BatchFigures> {
  // The pool is warm (every connection opened by the warm-up), so the same backends serve the run.
  const pids = await backends.pids();
  const before = procCpuMsOf(pids);
  const result = await run();
  const after = procCpuMsOf(pids);
  if (result.errors > 0) throw new Error(`postgres batch failed: ${result.firstError}`);
  const readable = pids.length > 0 && before > 0;
  return {
    batches: result.ops,
    rowsPerBatch,
    concurrency,
    errors: result.errors,
    rowsPerSec: (result.ops * rowsPerBatch * 1000) / result.elapsedMs,
    batchesPerSec: result.opsPerSec,
    latency: summarize(result.samples),
    clientCpuMsPerBatch: result.cpuMs / result.ops,
    serverCpuMsPerBatch: readable ? (after - before) / result.ops : undefined,
  };
}

async function measureRaw(
  url: string,
  backends: BackendPids,
  serialCount: number,
  parallelCount: number,
): Promise<{ serial: BatchFigures; parallel: BatchFigures }> {
  const pool = new pg.Pool({ connectionString: url, max: PARALLEL });
  try {
    await pool.query(`create table bench_events (
      session_id text not null,
      chain_seq bigint not null,
      event_id text not null unique,
      run_id text,
      run_seq bigint,
      kind text not null,
      actor text not null,
      payload text not null,
      recorded_at_us bigint not null,
      prev_hash text not null,
      hash text not null,
      primary key (session_id, chain_seq)
    )`);
    const chainSeqs = new Map<string, number>();
    const payload = JSON.stringify({ text: runInputText(CHUNK_WORDS), is_final: false, turn: 1 });
    const insertBatch = async (sessionId: string): Promise<number> => {
      let seq = chainSeqs.get(sessionId) ?? 0;
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let row = 0; row < RAW_BATCH_ROWS; row += 1) {
        seq += 1;
        const base = values.length;
        tuples.push(`(${Array.from({ length: 11 }, (_, column) => `$${base + column + 1}`).join(',')})`);
        const eventId = newId();
        values.push(
          sessionId,
          seq,
          eventId,
          sessionId,
          seq,
          'model_token',
          'agent',
          payload,
          Date.now() * 1000,
        );
        values.push('0'.repeat(64), createHash('sha256').update(eventId).digest('hex'));
      }
      chainSeqs.set(sessionId, seq);
      const client = await pool.connect();
      const start = performance.now();
      try {
        await client.query('begin');
        await client.query(
          `insert into bench_events (session_id, chain_seq, event_id, run_id, run_seq, kind, actor, payload,
             recorded_at_us, prev_hash, hash) values ${tuples.join(',')}`,
          values,
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
      return performance.now() - start;
    };
    const sessions = Array.from({ length: PARALLEL }, () => newId());
    const session = (worker: number): string => sessions[worker % sessions.length] ?? '';
    await closedLoop({
      concurrency: PARALLEL,
      totalOps: PARALLEL * 10,
      op: (worker) => insertBatch(session(worker)),
    });
    const serial = await withServerCpu(backends, RAW_BATCH_ROWS, 1, () =>
      closedLoop({ concurrency: 1, totalOps: serialCount, op: () => insertBatch(session(0)) }),
    );
    const parallel = await withServerCpu(backends, RAW_BATCH_ROWS, PARALLEL, () =>
      closedLoop({
        concurrency: PARALLEL,
        totalOps: parallelCount,
        op: (worker) => insertBatch(session(worker)),
      }),
    );
    return { serial, parallel };
  } finally {
    await pool.end();
  }
}

/** The events of one deterministic run: ACCEPTED, IN_PROGRESS, 20 chunks of 16 words, DONE. */
function runEvents(runId: string): NewJournalEvent[] {
  const words = runInputText(RUN_INPUT_WORDS).split(' ');
  const inReplyTo = newId();
  const events: NewJournalEvent[] = [
    {
      eventId: newId(),
      runId,
      runSeq: 1,
      kind: 'run_status',
      actor: 'system',
      payload: { status: 'ACCEPTED', message: 'accepted' },
    },
    {
      eventId: newId(),
      runId,
      runSeq: 2,
      kind: 'run_status',
      actor: 'system',
      payload: { status: 'IN_PROGRESS', message: 'in progress' },
    },
  ];
  const chunks = RUN_INPUT_WORDS / CHUNK_WORDS;
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const text = `${words.slice(chunk * CHUNK_WORDS, (chunk + 1) * CHUNK_WORDS).join(' ')} `;
    events.push({
      eventId: newId(),
      runId,
      runSeq: 3 + chunk,
      kind: 'model_token',
      actor: 'agent',
      payload: { text, is_final: chunk === chunks - 1, turn: 1, in_reply_to: inReplyTo },
    });
  }
  events.push({
    eventId: newId(),
    runId,
    runSeq: chunks + 3,
    kind: 'run_completed',
    actor: 'system',
    payload: { status: 'DONE', message: 'done' },
  });
  return events;
}

async function measureJournal(
  url: string,
  backends: BackendPids,
  serialCount: number,
  parallelCount: number,
): Promise<{ serial: BatchFigures; parallel: BatchFigures }> {
  const database: Database = await connectPostgres({
    url,
    poolSize: PARALLEL,
    applicationName: 'palyra-bench',
  });
  try {
    await migrate(database);
    const repositories = createRepositories(database);
    await repositories.tenants.ensure(TENANT);
    const sessions: string[] = [];
    for (let index = 0; index < PARALLEL; index += 1) {
      const created = await repositories.sessions.create(TENANT, {
        principal: 'bench',
        deviceId: newId(),
        channel: '',
        sessionKey: `bench-${index}`,
      });
      sessions.push(created.sessionId);
    }
    // Runs (foreign key of their events) and payloads are made up front: only the append is timed.
    // Each worker appends to its own session, as each orchestrator run does; a worker that runs out
    // takes from the others, so only the tail can contend for a session lock.
    type Batch = { readonly sessionId: string; readonly events: NewJournalEvent[] };
    const prepare = async (perSession: number, sessionCount: number): Promise<Batch[][]> =>
      Promise.all(
        sessions.slice(0, sessionCount).map(async (sessionId) => {
          const batches: Batch[] = [];
          for (let index = 0; index < perSession; index += 1) {
            const runId = newId();
            await createRun(repositories, sessionId, runId);
            batches.push({ sessionId, events: runEvents(runId) });
          }
          return batches;
        }),
      );
    const appendAll = (queues: Batch[][]) => {
      const total = queues.reduce((sum, queue) => sum + queue.length, 0);
      return closedLoop({
        concurrency: queues.length,
        totalOps: total,
        op: async (worker) => {
          const batch = queues[worker]?.shift() ?? queues.find((queue) => queue.length > 0)?.shift();
          if (batch === undefined) throw new Error('no batch left');
          const start = performance.now();
          await repositories.journal.append(TENANT, batch.sessionId, batch.events);
          return performance.now() - start;
        },
      });
    };
    await appendAll(await prepare(3, PARALLEL));
    const serialBatches = await prepare(serialCount, 1);
    const serial = await withServerCpu(backends, RUN_EVENTS, 1, () => appendAll(serialBatches));
    const parallelBatches = await prepare(Math.ceil(parallelCount / PARALLEL), PARALLEL);
    const parallel = await withServerCpu(backends, RUN_EVENTS, PARALLEL, () => appendAll(parallelBatches));
    return { serial, parallel };
  } finally {
    await database.close();
  }
}

async function createRun(repositories: Repositories, sessionId: string, runId: string): Promise<void> {
  await repositories.runs.create(TENANT, {
    runId,
    sessionId,
    principal: 'bench',
    deviceId: newId(),
    channel: '',
    state: 'accepted',
  });
}
