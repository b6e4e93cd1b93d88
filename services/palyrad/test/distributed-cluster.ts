// Shared by the distributed-*.test.ts files: a real cluster (standalone gateway and orchestrator
// processes) on a fresh Postgres database and a fresh NATS stream prefix, SDK clients against it,
// and the journal read back directly to compare what clients saw with what was made durable.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { createPalyraClient, type PalyraClient, type RunEvent, type RunOutcome } from '@palyra/client';
import { newId } from '@palyra/core';
import {
  connectPostgres,
  createRepositories,
  type Database,
  migrate,
  type Repositories,
  type StoredJournalEvent,
} from '@palyra/journal';
import {
  type Cluster,
  type ClusterOptions,
  cleanupNatsPrefix,
  createTestDatabase,
  metricValue,
  printServiceLogs,
  runCommand,
  startCluster,
  testFailed,
  uniqueStreamPrefix,
} from '@palyra/testkit';

export const TENANT = 'acme';

export interface DistributedCluster {
  readonly cluster: Cluster;
  readonly database: Database;
  readonly repositories: Repositories;
  /**
   * An SDK client of a fresh identity (admin token, tenant `acme`) whose url list starts at
   * gateway `first` and fails over to the others.
   */
  client(first?: number, options?: ClientIdentity): PalyraClient;
  /** The run's stream events in the journal (seq order, every page). */
  journalEvents(runId: string): Promise<StoredJournalEvent[]>;
  /** `palyra_runs_total{outcome}` of one orchestrator's /metrics. */
  orchestratorRuns(index: number, outcome?: string): Promise<number>;
}

export interface ClientIdentity {
  /** Default a fresh `user:<ulid>`. */
  readonly principal?: string;
  /** Default a fresh ULID. */
  readonly deviceId?: string;
  /** `false`: a lost stream fails instead of resuming on the next gateway. */
  readonly resume?: false;
}

export interface DistributedClusterOptions {
  /** Run the schema migration through the `palyra migrate` CLI instead of the library. */
  readonly migrateWithCli?: boolean;
  readonly env?: ClusterOptions['env'];
  readonly gatewayEnv?: ClusterOptions['gatewayEnv'];
  readonly orchestratorEnv?: ClusterOptions['orchestratorEnv'];
  readonly gateways?: number;
  readonly orchestrators?: number;
}

/**
 * Database + migration + stream prefix + 2 gateways + 2 orchestrators. `stop()` tears everything
 * down in order: clients, processes (their logs printed first if asked), the journal connection,
 * the NATS streams, the database. If starting fails, what was started is torn down.
 */
export async function createDistributedCluster(
  options: DistributedClusterOptions = {},
): Promise<DistributedCluster & { stop(options?: { readonly dumpLogs?: boolean }): Promise<void> }> {
  const clients: PalyraClient[] = [];
  let cluster: Cluster | undefined;
  let database: Database | undefined;
  const testDatabase = await createTestDatabase();
  const natsPrefix = uniqueStreamPrefix();
  let stopped = false;
  const stop = async ({ dumpLogs = false } = {}): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (dumpLogs) for (const service of cluster?.services() ?? []) printServiceLogs(service);
    for (const client of clients) client.close();
    await cluster?.stop();
    await database?.close();
    await cleanupNatsPrefix(natsPrefix);
    await testDatabase.drop();
  };

  try {
    if (options.migrateWithCli === true) {
      const result = await runCommand({
        entry: 'services/cli/src/main.ts',
        args: ['migrate', '--database-url', testDatabase.url],
      });
      assert.equal(result.code, 0, `palyra migrate failed:\n${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /applied \d+ migration\(s\)/, 'palyra migrate reports what it applied');
    }
    database = await connectPostgres({ url: testDatabase.url, poolSize: 4 });
    if (options.migrateWithCli !== true) await migrate(database);
    cluster = await startCluster({
      database: testDatabase,
      natsPrefix,
      gateways: options.gateways ?? 2,
      orchestrators: options.orchestrators ?? 2,
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.gatewayEnv === undefined ? {} : { gatewayEnv: options.gatewayEnv }),
      ...(options.orchestratorEnv === undefined ? {} : { orchestratorEnv: options.orchestratorEnv }),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const started = cluster;
  const repositories = createRepositories(database);

  return {
    cluster: started,
    database,
    repositories,
    stop,
    client(first = 0, clientOptions = {}) {
      const urls = started.urls;
      const ordered = urls.map((_, index) => urls[(first + index) % urls.length] as string);
      const client = createPalyraClient({
        url: ordered,
        token: started.adminToken,
        tenant: TENANT,
        principal: clientOptions.principal ?? `user:${newId().toLowerCase()}`,
        deviceId: clientOptions.deviceId ?? newId(),
        // Generous, so a resume waits out a gateway's shutdown instead of giving up.
        resume: clientOptions.resume ?? { maxAttempts: 10, initialDelayMs: 50, maxDelayMs: 1_000 },
      });
      clients.push(client);
      return client;
    },
    async journalEvents(runId) {
      const events: StoredJournalEvent[] = [];
      for (;;) {
        const page = await repositories.journal.readRunEvents(TENANT, runId, events.at(-1)?.runSeq ?? 0, {
          limit: 500,
        });
        events.push(...page);
        if (page.length < 500) return events;
      }
    },
    async orchestratorRuns(index, outcome) {
      const orchestrator = started.orchestrators[index];
      assert.ok(orchestrator !== undefined, `no orchestrator #${index}`);
      const response = await fetch(`${orchestrator.httpUrl}/metrics`);
      return metricValue(
        await response.text(),
        'palyra_runs_total',
        outcome === undefined ? {} : { outcome },
      );
    },
  };
}

/** `createDistributedCluster`, stopped after the test (with the service logs if it failed). */
export async function openDistributedCluster(
  t: TestContext,
  options: DistributedClusterOptions = {},
): Promise<DistributedCluster> {
  const env = await createDistributedCluster(options);
  t.after(() => env.stop({ dumpLogs: testFailed(t) }));
  return env;
}

/** What one client observed of a run. */
export interface ObservedRun {
  readonly runId: string;
  readonly input: string;
  /** Every seq the client received, in arrival order. */
  readonly seqs: number[];
  readonly events: RunEvent[];
  readonly outcome: RunOutcome;
}

/** Rejects with `what` if `promise` has not settled within `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Words of a deterministic input: the deterministic provider answers with exactly this text. */
export function sentence(label: string, words: number): string {
  const parts = [label];
  for (let index = 1; index < words; index += 1) parts.push(`w${index}`);
  return parts.join(' ');
}

/**
 * Runs `limit` tasks at a time over `items`; every result, in input order. A failing task does not
 * stop the others (the first failure is thrown at the end, after every task settled).
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= items.length) return;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) {
    throw new AggregateError(
      failures,
      `${failures.length} of ${items.length} tasks failed: ${String(failures[0])}`,
    );
  }
  return results;
}

/** Asserts seqs are exactly 1..n in order (no gap, no duplicate), naming the first offender. */
export function assertContiguous(seqs: readonly number[], what: string): void {
  const bad = seqs.findIndex((seq, index) => seq !== index + 1);
  if (bad === -1) return;
  const window = seqs.slice(Math.max(0, bad - 3), bad + 4).join(', ');
  assert.fail(
    `${what}: seqs must be 1..${seqs.length} without gaps or repeats; at index ${bad}: ... ${window} ...`,
  );
}

/** Asserts two seq lists are equal, naming the first difference. */
export function assertSameSeqs(
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  what: string,
) {
  const length = Math.max(actual.length, expected.length);
  for (let index = 0; index < length; index += 1) {
    if (actual[index] !== expected[index]) {
      assert.fail(
        `${what}: first difference at index ${index}: got ${actual[index]}, expected ${expected[index]} ` +
          `(lengths ${actual.length} and ${expected.length})`,
      );
    }
  }
}

/**
 * The client's view of a finished run matches the journal exactly: the same seqs, a terminal
 * status last, and the streamed text equal to the journaled tokens.
 */
export function assertMatchesJournal(observed: ObservedRun, journal: readonly StoredJournalEvent[]): void {
  const what = `run ${observed.runId}`;
  assertContiguous(observed.seqs, `${what} (client)`);
  assertSameSeqs(
    observed.seqs,
    journal.map((event) => event.runSeq),
    `${what}: the client received exactly the journal's seqs`,
  );
  assert.equal(journal.at(-1)?.kind, observed.outcome.status === 'DONE' ? 'run_completed' : 'run_failed');
  const journaledText = journal
    .filter((event) => event.kind === 'model_token')
    .map((event) => (event.payload as { text?: string }).text ?? '')
    .join('');
  assert.equal(observed.outcome.text, journaledText, `${what}: streamed text equals the journaled tokens`);
}
