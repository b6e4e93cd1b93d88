import assert from 'node:assert/strict';
import { it, type TestContext } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import {
  type ClientDuplexStream,
  credentials,
  Metadata,
  type ServiceError,
  type StatusObject,
  status,
} from '@grpc/grpc-js';
import { createAuthenticator, mintDevelopmentToken } from '@palyra/auth';
import { type Bus, connectNatsBus, createInProcessBroker, type RunJob } from '@palyra/bus';
import { type JournalEventKind, LIMITS, newId, type RunEventRecord, silentLogger } from '@palyra/core';
import {
  connectPostgres,
  createRepositories,
  type Database,
  migrate,
  openPglite,
  type Repositories,
} from '@palyra/journal';
import {
  type ApprovalsServiceClient,
  type GatewayServiceClient,
  type JournalServiceClient,
  loadPalyraGrpcObject,
  type RunStreamEvent__Output,
  type RunStreamRequest,
} from '@palyra/proto';
import { createMetrics, type Metrics } from '@palyra/telemetry';
import { cleanupNatsPrefix, createTestDatabase, natsTestServers, uniqueStreamPrefix } from '@palyra/testkit';
import { createGateway, type Gateway, type GatewaySettings } from '../src/app.js';

/**
 * One harness per test: a database of its own (Postgres with NATS under a fresh stream prefix, or
 * PGlite with the in-process bus), gateways on ephemeral 127.0.0.1 ports, real gRPC clients, and a
 * fake worker that plays the orchestrator through the real journal and bus as
 * docs/run-protocol.md says (consume RunQueue, append stream events, publish them on RunEvents).
 */

export const HARNESS_KINDS = ['postgres', 'pglite'] as const;
export type HarnessKind = (typeof HARNESS_KINDS)[number];

export const ADMIN_TOKEN = 'palyra-gateway-test-admin-token';
export const JWT_SETTINGS = {
  secret: 'palyra-gateway-test-jwt-secret-0123456789',
  issuer: 'palyra-test',
  audience: 'palyra',
} as const;
export const TENANT = 'acme';

/** Where a test runs: on both stacks, or on Postgres only (the embedded stack repeats the core ones). */
export type HarnessCoverage = 'everywhere' | 'postgres';

/** Registers `name` for the harness kind of the enclosing loop when `where` covers it. */
export function testOn(
  kind: HarnessKind,
  where: HarnessCoverage,
  name: string,
  body: (t: TestContext) => Promise<void>,
): void {
  if (where === 'everywhere' || kind === 'postgres') it(name, body);
}

export interface Identity {
  readonly principal: string;
  readonly deviceId: string;
  readonly channel?: string;
  /** Bearer token; default the admin token (which also sends x-palyra-tenant). */
  readonly token?: string;
}

export interface TestGateway {
  readonly gateway: Gateway;
  readonly target: string;
  readonly httpPort: number;
  readonly bus: Bus;
  readonly metrics: Metrics;
  /** Tells the gateway its bus reconnected (as `watchReconnects` does for NATS). */
  busReconnected(): void;
  client(): GatewayServiceClient;
  journalClient(): JournalServiceClient;
  approvalsClient(): ApprovalsServiceClient;
}

export interface FakeWorker {
  readonly bus: Bus;
  /** The next job enqueued on the RunQueue (acknowledged). */
  nextJob(): Promise<RunJob>;
  /** Journals stream events with the run's next seqs (durable), without publishing them. */
  append(job: RunJob, events: readonly WorkerEvent[]): Promise<RunEventRecord[]>;
  publish(events: readonly RunEventRecord[]): void;
  /** Durable first, then visible: append, then publish the same batch. */
  emit(job: RunJob, events: readonly WorkerEvent[]): Promise<RunEventRecord[]>;
}

export interface WorkerEvent {
  readonly kind: JournalEventKind;
  readonly payload: unknown;
}

export interface Harness {
  readonly kind: HarnessKind;
  readonly database: Database;
  readonly repositories: Repositories;
  /** A fresh caller identity (new device) of `principal`. */
  identity(principal?: string, channel?: string): Identity;
  metadata(identity: Identity): Metadata;
  jwtFor(principal: string, roles?: readonly string[]): Promise<string>;
  /** Metadata of a fresh identity of `principal` that signs in with a JWT (not the admin token). */
  jwtMetadata(principal: string, roles?: readonly string[]): Promise<Metadata>;
  startGateway(settings?: Partial<GatewaySettings>): Promise<TestGateway>;
  worker(): Promise<FakeWorker>;
}

let migratedDump: Promise<Blob> | undefined;

/** PGlite's initdb and migrations cost seconds; every test database starts from one migrated dump. */
async function openMigratedPglite(): Promise<Database> {
  migratedDump ??= (async () => {
    const pglite = await PGlite.create();
    const database = await openPglite({ pglite });
    await migrate(database);
    const dump = await pglite.dumpDataDir('none');
    await database.close();
    return dump;
  })();
  return openPglite({ pglite: await PGlite.create({ loadDataDir: await migratedDump }) });
}

export async function openHarness(t: TestContext, kind: HarnessKind): Promise<Harness> {
  const cleanups: (() => Promise<void> | void)[] = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  let database: Database;
  let connectBus: () => Promise<Bus>;
  if (kind === 'postgres') {
    const testDatabase = await createTestDatabase();
    cleanups.push(() => testDatabase.drop());
    database = await connectPostgres({ url: testDatabase.url, poolSize: 8 });
    cleanups.push(() => database.close());
    await migrate(database);
    const prefix = uniqueStreamPrefix();
    cleanups.push(async () => {
      await cleanupNatsPrefix(prefix);
    });
    connectBus = async () => {
      const bus = await connectNatsBus({ servers: natsTestServers(), prefix, name: 'gateway-test' });
      cleanups.push(() => bus.close());
      return bus;
    };
  } else {
    database = await openMigratedPglite();
    cleanups.push(() => database.close());
    const broker = createInProcessBroker();
    cleanups.push(() => broker.close());
    connectBus = async () => {
      const bus = broker.connect({ name: 'gateway-test' });
      cleanups.push(() => bus.close());
      return bus;
    };
  }
  const repositories = createRepositories(database);
  const authenticator = createAuthenticator({
    adminToken: ADMIN_TOKEN,
    jwt: { secret: JWT_SETTINGS.secret, issuer: JWT_SETTINGS.issuer, audience: JWT_SETTINGS.audience },
  });
  // The worker's bus first: on NATS it creates the streams the gateways enqueue onto.
  let workerBus: Promise<Bus> | undefined;
  const busForWorker = () => {
    workerBus ??= connectBus();
    return workerBus;
  };

  const grpcObject = loadPalyraGrpcObject();
  const clients: { close(): void }[] = [];
  cleanups.push(() => {
    for (const client of clients) client.close();
  });

  const harness: Harness = {
    kind,
    database,
    repositories,
    identity(principal = 'user:alice', channel) {
      return { principal, deviceId: newId(), ...(channel === undefined ? {} : { channel }) };
    },
    metadata(identity) {
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${identity.token ?? ADMIN_TOKEN}`);
      metadata.set('x-palyra-principal', identity.principal);
      metadata.set('x-palyra-device-id', identity.deviceId);
      if (identity.channel !== undefined) metadata.set('x-palyra-channel', identity.channel);
      if (identity.token === undefined) metadata.set('x-palyra-tenant', TENANT);
      return metadata;
    },
    jwtFor(principal, roles = []) {
      return mintDevelopmentToken({ ...JWT_SETTINGS, tenant: TENANT, subject: principal, roles });
    },
    async jwtMetadata(principal, roles = []) {
      return harness.metadata({
        ...harness.identity(principal),
        token: await harness.jwtFor(principal, roles),
      });
    },
    async startGateway(settings = {}) {
      await busForWorker();
      const bus = await connectBus();
      const metrics = createMetrics({ defaultMetrics: false });
      const reconnectListeners = new Set<() => void>();
      const gateway = createGateway({
        repositories,
        bus,
        database,
        authenticator,
        logger: silentLogger,
        metrics,
        settings: {
          grpc: { bindAddr: '127.0.0.1', port: 0, maxMessageBytes: LIMITS.grpcMessageBytes },
          http: { bindAddr: '127.0.0.1', port: 0 },
          // Polls far apart unless a test asks: gaps must be filled by the gap path, not by a poll.
          stream: { liveBufferEvents: 1024, pollInitialMs: 60_000, pollMaxMs: 60_000 },
          ...settings,
        },
        version: { version: '0.1.0-test', gitHash: 'test-hash', buildProfile: 'test' },
        onBusReconnect: (listener) => {
          reconnectListeners.add(listener);
          return () => reconnectListeners.delete(listener);
        },
      });
      // Closed before the bus (registered after it, cleanups run in reverse).
      cleanups.push(() => gateway.close());
      const ports = await gateway.listen();
      const target = `127.0.0.1:${ports.grpcPort}`;
      return {
        gateway,
        target,
        httpPort: ports.httpPort,
        bus,
        metrics,
        busReconnected() {
          for (const listener of reconnectListeners) listener();
        },
        client() {
          const client = new grpcObject.palyra.gateway.v1.GatewayService(
            target,
            credentials.createInsecure(),
          );
          clients.push(client);
          return client;
        },
        journalClient() {
          const client = new grpcObject.palyra.journal.v1.JournalService(
            target,
            credentials.createInsecure(),
          );
          clients.push(client);
          return client;
        },
        approvalsClient() {
          const client = new grpcObject.palyra.gateway.v1.ApprovalsService(
            target,
            credentials.createInsecure(),
          );
          clients.push(client);
          return client;
        },
      };
    },
    async worker() {
      const bus = await busForWorker();
      const jobs: RunJob[] = [];
      const waiters: ((job: RunJob) => void)[] = [];
      const consumer = bus.runQueue.consume(
        async (delivery) => {
          await delivery.ack();
          const waiter = waiters.shift();
          if (waiter === undefined) jobs.push(delivery.job);
          else waiter(delivery.job);
        },
        { concurrency: 8 },
      );
      cleanups.push(() => consumer.stop(1_000));
      const append = async (job: RunJob, events: readonly WorkerEvent[]) => {
        const run = await repositories.runs.get(job.tenantId, job.runId);
        let seq = run?.lastSeq ?? 0;
        const stored = await repositories.journal.append(
          job.tenantId,
          job.sessionId,
          events.map((event) => ({
            eventId: newId(),
            runId: job.runId,
            runSeq: ++seq,
            kind: event.kind,
            actor: 'agent' as const,
            payload: event.payload,
          })),
        );
        return stored.map(
          (event): RunEventRecord => ({
            tenantId: event.tenantId,
            sessionId: event.sessionId,
            runId: job.runId,
            seq: event.runSeq ?? 0,
            eventId: event.eventId,
            kind: event.kind,
            actor: event.actor,
            payload: event.payload,
            timestampUnixMs: Math.floor(event.recordedAtUs / 1000),
          }),
        );
      };
      const publish = (events: readonly RunEventRecord[]) => {
        const first = events[0];
        if (first !== undefined) bus.runEvents.publish(first.tenantId, first.runId, events);
      };
      return {
        bus,
        nextJob() {
          const job = jobs.shift();
          if (job !== undefined) return Promise.resolve(job);
          return new Promise<RunJob>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('timed out waiting for a job')), 10_000);
            waiters.push((value) => {
              clearTimeout(timer);
              resolve(value);
            });
          });
        },
        append,
        publish,
        async emit(job, events) {
          const records = await append(job, events);
          publish(records);
          return records;
        },
      };
    },
  };
  return harness;
}

// gRPC helpers.

/** Asserts a call failed with `code` (and, when given, exactly `details`). */
export function assertError(error: ServiceError, code: status, details?: string): void {
  assert.equal(error.code, code, `expected ${status[code]}, got ${status[error.code]}: ${error.details}`);
  if (details !== undefined) assert.equal(error.details, details);
}

/** Promisifies one unary call: `unary((done) => client.GetHealth({ v: 1 }, done))`. */
export function unary<Response>(
  invoke: (done: (error: ServiceError | null, response?: Response) => void) => unknown,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    invoke((error, response) => {
      if (error) reject(error);
      else resolve(response as Response);
    });
  });
}

/** Resolves with the ServiceError a call failed with (rejects if it succeeded). */
export async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}

export interface StreamProbe {
  readonly call: ClientDuplexStream<RunStreamRequest, RunStreamEvent__Output>;
  /** Every event received so far, in order. */
  readonly events: RunStreamEvent__Output[];
  /** The next event not yet returned by `next()`. */
  next(what?: string): Promise<RunStreamEvent__Output>;
  /** The call's final status (OK or error). */
  readonly status: Promise<StatusObject>;
  send(message: RunStreamRequest): void;
}

export function openStream(client: GatewayServiceClient, metadata: Metadata): StreamProbe {
  const call = client.RunStream(metadata);
  const events: RunStreamEvent__Output[] = [];
  let cursor = 0;
  let wake: (() => void) | undefined;
  let ended = false;
  call.on('data', (event: RunStreamEvent__Output) => {
    events.push(event);
    wake?.();
  });
  call.on('error', () => {});
  const status = new Promise<StatusObject>((resolve) => {
    call.on('status', (received: StatusObject) => {
      ended = true;
      wake?.();
      resolve(received);
    });
  });
  return {
    call,
    events,
    status,
    async next(what = 'a run stream event') {
      const deadline = Date.now() + 10_000;
      while (cursor >= events.length) {
        if (ended) throw new Error(`stream ended while waiting for ${what}`);
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      return events[cursor++] as RunStreamEvent__Output;
    },
    send(message) {
      call.write(message);
    },
  };
}

/** A first RunStream message with input. */
export function firstMessage(
  runId: string,
  text: string | undefined,
  extra: RunStreamRequest = {},
): RunStreamRequest {
  return {
    v: 1,
    run_id: { ulid: runId },
    ...(text === undefined
      ? {}
      : {
          input: { v: 1, envelope_id: { ulid: newId() }, timestamp_unix_ms: Date.now(), content: { text } },
        }),
    ...extra,
  };
}

/** One turn's chunks, as a worker writes a final answer: the last is final and awaits input. */
export function tokens(...texts: string[]): WorkerEvent[] {
  return texts.map((text, index) => ({
    kind: 'model_token' as const,
    payload:
      index === texts.length - 1
        ? { text, is_final: true, turn: 1, in_reply_to: '', awaiting_input: true }
        : { text, is_final: false, turn: 1, in_reply_to: '' },
  }));
}

export const IN_PROGRESS: WorkerEvent = {
  kind: 'run_status',
  payload: { status: 'IN_PROGRESS', message: 'in progress' },
};
export const DONE: WorkerEvent = { kind: 'run_completed', payload: { status: 'DONE', message: 'done' } };
