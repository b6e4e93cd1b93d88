// /console/v1 over fastify inject(): the real HTTP app (auth hook, error envelope, schemas) with
// the console routes, on a real Postgres database and NATS, a gRPC gateway beside it for
// comparisons, and the harness's fake worker playing the orchestrator.
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { describe, it, type TestContext } from 'node:test';
import { createAuthenticator } from '@palyra/auth';
import type { Bus, ControlMessage, RunEvents, Subscription } from '@palyra/bus';
import { type JournalEventKind, newId, silentLogger } from '@palyra/core';
import type { RunRecord, SessionRecord } from '@palyra/journal';
import type { ListRunEventsResponse__Output } from '@palyra/proto';
import { createMetrics, type Metrics } from '@palyra/telemetry';
import { metricValue, nextValue, waitFor } from '@palyra/testkit';
import { createParser } from 'eventsource-parser';
import type { LightMyRequestResponse } from 'fastify';
import { createApprovalOperations } from '../src/approvals/approval-operations.js';
import { createCallerResolver } from '../src/callers.js';
import { verifyNdjsonChecksumChain } from '../src/exports/ndjson-checksum-chain.js';
import { createGatewayMetrics } from '../src/gateway-metrics.js';
import { consoleRoutes } from '../src/http/console/console-routes.js';
import { JOURNAL_EXPORT_SCHEMA } from '../src/http/console/journal-routes.js';
import { toRunEventJson } from '../src/http/console/run-event-json.js';
import { buildHttpApp, type HttpApp } from '../src/http/http-app.js';
import { DEFAULT_FOLLOW_SETTINGS } from '../src/run-stream/run-follower.js';
import { seedApproval } from './approval-fixtures.js';
import {
  ADMIN_TOKEN,
  DONE,
  type FakeWorker,
  type Harness,
  IN_PROGRESS,
  JWT_SETTINGS,
  openHarness,
  TENANT,
  type TestGateway,
  tokens,
  unary,
  type WorkerEvent,
} from './harness.js';

const BASE = '/console/v1';

interface Caller {
  readonly principal: string;
  readonly deviceId: string;
  /** A JWT of the principal (a tenant member); absent: the admin token with context headers. */
  readonly token?: string;
  readonly tenant?: string;
}

function headersOf(caller: Caller): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${caller.token ?? ADMIN_TOKEN}`,
    'x-palyra-principal': caller.principal,
    'x-palyra-device-id': caller.deviceId,
  };
  if (caller.token === undefined) headers['x-palyra-tenant'] = caller.tenant ?? TENANT;
  return headers;
}

interface ReplicaOptions {
  readonly draining?: boolean;
  readonly sseHeartbeatMs?: number;
  /** Live events a stream holds while its client is slow (default the gateway's 1024). */
  readonly liveBufferEvents?: number;
}

/** A console app of its own (another gateway replica: its own bus connection), listening. */
interface Replica {
  readonly app: HttpApp;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Live run-event subscriptions this replica holds right now (followers not stopped). */
  activeSubscriptions(): number;
  /** `palyra_stream_catchups_total{reason}` of this replica. */
  catchUps(reason: string): Promise<number>;
}

/** Counts live subscriptions to run events, to see followers stop. */
function countingBus(bus: Bus): { readonly bus: Bus; active(): number } {
  let active = 0;
  const runEvents: RunEvents = {
    publish: (tenantId, runId, events) => bus.runEvents.publish(tenantId, runId, events),
    subscribe(tenantId, runId, onEvents) {
      const subscription = bus.runEvents.subscribe(tenantId, runId, onEvents);
      active += 1;
      let released = false;
      return {
        ready: subscription.ready,
        unsubscribe() {
          if (!released) active -= 1;
          released = true;
          subscription.unsubscribe();
        },
      };
    },
  };
  return { bus: { ...bus, runEvents }, active: () => active };
}

/** The console routes on the gateway's HTTP app, as createGateway builds it. */
function buildConsoleApp(
  harness: Harness,
  bus: Bus,
  options: ReplicaOptions = {},
  metrics: Metrics = createMetrics({ defaultMetrics: false }),
): HttpApp {
  const authenticator = createAuthenticator({
    adminToken: ADMIN_TOKEN,
    jwt: { secret: JWT_SETTINGS.secret, issuer: JWT_SETTINGS.issuer, audience: JWT_SETTINGS.audience },
  });
  return buildHttpApp({
    logger: silentLogger,
    routes: [
      consoleRoutes({
        repositories: harness.repositories,
        bus,
        approvalOperations: createApprovalOperations({
          approvals: harness.repositories.approvals,
          runs: harness.repositories.runs,
          control: bus.control,
        }),
        metrics: createGatewayMetrics(metrics),
        logger: silentLogger,
        // A lost live message must be filled by the gap path, not by a poll.
        follow: {
          ...DEFAULT_FOLLOW_SETTINGS,
          pollInitialMs: 60_000,
          pollMaxMs: 60_000,
          ...(options.liveBufferEvents === undefined ? {} : { liveBufferEvents: options.liveBufferEvents }),
        },
        isDraining: () => options.draining === true,
        ...(options.sseHeartbeatMs === undefined ? {} : { sseHeartbeatMs: options.sseHeartbeatMs }),
      }),
    ],
    auth: {
      callers: createCallerResolver({ authenticator, tenants: harness.repositories.tenants }),
      operators: authenticator,
    },
    openApi: { title: 'console test', version: '0.0.0' },
  });
}

interface Console {
  readonly harness: Harness;
  readonly app: HttpApp;
  readonly gateway: TestGateway;
  readonly worker: FakeWorker;
  /** A tenant member (JWT, not an admin) with a fresh device. */
  member(principal?: string): Promise<Caller>;
  /** A tenant admin: the admin token with context headers. */
  admin(principal?: string): Caller;
  request(
    caller: Caller | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  session(caller: Caller, key?: string, label?: string): Promise<SessionRecord>;
  replica(options?: ReplicaOptions): Promise<Replica>;
}

async function openConsole(t: TestContext): Promise<Console> {
  const closers: (() => Promise<unknown>)[] = [];
  // Registered before the harness's own cleanup, so the apps close before the buses and database.
  t.after(async () => {
    for (const close of closers.reverse()) await close();
  });
  const harness = await openHarness(t, 'postgres');
  await harness.repositories.tenants.ensure(TENANT);
  const gateway = await harness.startGateway();
  const worker = await harness.worker();
  const app = buildConsoleApp(harness, gateway.bus);
  closers.push(() => app.close());
  return {
    harness,
    app,
    gateway,
    worker,
    async member(principal = `user:${newId().toLowerCase()}`) {
      return { principal, deviceId: newId(), token: await harness.jwtFor(principal) };
    },
    admin(principal = 'admin:ops') {
      return { principal, deviceId: newId() };
    },
    request(caller, method, path, body) {
      return app.inject({
        method,
        url: `${BASE}${path}`,
        headers: caller === undefined ? {} : headersOf(caller),
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    },
    async session(caller, key = `key-${newId().toLowerCase()}`, label) {
      return harness.repositories.sessions.create(caller.tenant ?? TENANT, {
        sessionKey: key,
        ...(label === undefined ? {} : { sessionLabel: label }),
        principal: caller.principal,
        deviceId: caller.deviceId,
        channel: '',
      });
    },
    async replica(options = {}) {
      const counted = countingBus((await harness.startGateway()).bus);
      const metrics = createMetrics({ defaultMetrics: false });
      const replicaApp = buildConsoleApp(harness, counted.bus, options, metrics);
      closers.push(() => replicaApp.close());
      await replicaApp.listen({ host: '127.0.0.1', port: 0 });
      const address = replicaApp.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      return {
        app: replicaApp,
        origin: `http://127.0.0.1:${port}`,
        activeSubscriptions: counted.active,
        async catchUps(reason) {
          return metricValue(await metrics.registry.metrics(), 'palyra_stream_catchups_total', { reason });
        },
      };
    },
  };
}

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}

interface Envelope {
  readonly error: string;
  readonly code: string;
  readonly validation_errors: readonly { field: string; code: string; message: string }[];
}

function assertError(response: LightMyRequestResponse, status: number, code: string): Envelope {
  assert.equal(
    response.statusCode,
    status,
    `expected ${status} ${code}, got ${response.statusCode}: ${response.body}`,
  );
  const body = json<Envelope>(response);
  assert.equal(body.code, code, response.body);
  return body;
}

function assertField(response: LightMyRequestResponse, field: string): void {
  const body = assertError(response, 400, 'INVALID_ARGUMENT');
  assert.ok(
    body.validation_errors.some((violation) => violation.field === field),
    `expected a violation naming ${field}: ${response.body}`,
  );
}

/** Starts a run over HTTP; the fake worker takes its job. */
async function startRun(
  env: Console,
  caller: Caller,
  session: SessionRecord,
  text = 'hello there',
): Promise<{ runId: string; job: Awaited<ReturnType<FakeWorker['nextJob']>> }> {
  const response = await env.request(caller, 'POST', `/sessions/${session.sessionId}/messages`, { text });
  assert.equal(response.statusCode, 202, response.body);
  const runId = json<{ run_id: string }>(response).run_id;
  const job = await env.worker.nextJob();
  assert.equal(job.runId, runId);
  return { runId, job };
}

/** A complete answered run: IN_PROGRESS, a tool call, the answer, DONE. */
const TOOL_PROPOSAL_ID = newId();
const ANSWERED_RUN: readonly WorkerEvent[] = [
  IN_PROGRESS,
  {
    kind: 'tool_proposed',
    payload: {
      proposal_id: TOOL_PROPOSAL_ID,
      tool_name: 'palyra.echo',
      input_json: '{"text":"hi"}',
      approval_required: false,
      turn: 1,
      call_id: 'call-1',
    },
  },
  {
    kind: 'tool_executed',
    payload: { proposal_id: TOOL_PROPOSAL_ID, success: true, output_json: '{"text":"hi"}', error: '' },
  },
  ...tokens('Hello ', 'from ', 'the agent.'),
  DONE,
];

/**
 * Listens for the run's Control messages (ready on return); `next` is the first of `type`. Others
 * (e.g. the half-close of the admission, published just before) are skipped.
 */
async function listenControl(
  t: TestContext,
  bus: Bus,
  tenantId: string,
  runId: string,
  type: ControlMessage['type'],
): Promise<{ readonly next: Promise<ControlMessage> }> {
  let subscription: Subscription | undefined;
  const next = nextValue<ControlMessage>(
    (deliver) => {
      subscription = bus.control.listen(tenantId, runId, (message) => {
        if (message.type === type) deliver(message);
      });
    },
    { what: 'a control message' },
  );
  const listening = subscription as unknown as Subscription;
  t.after(() => listening.unsubscribe());
  await listening.ready;
  return { next };
}

describe('console API (/console/v1)', () => {
  it('answers 401 without credentials, 403 with a wrong one, with the error envelope', async (t) => {
    const env = await openConsole(t);
    const missing = await env.request(undefined, 'GET', '/sessions');
    assertError(missing, 401, 'UNAUTHENTICATED');
    const wrong = await env.request(
      { principal: 'user:alice', deviceId: newId(), token: 'not-a-valid-token' },
      'GET',
      '/sessions',
    );
    const body = assertError(wrong, 403, 'PERMISSION_DENIED');
    assert.doesNotMatch(body.error, /not-a-valid-token/, 'the credential is never echoed');
    const missingOnStream = await env.request(undefined, 'GET', `/runs/${newId()}/events/stream`);
    assertError(missingOnStream, 401, 'UNAUTHENTICATED');
  });

  it("lists the caller's sessions with search, paging and archived ones on request", async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const bob = await env.member('user:bob');
    const alpha = await env.session(alice, 'alpha', 'Alpha project');
    const beta = await env.session(alice, 'beta', 'Budget');
    const gamma = await env.session(alice, 'gamma');
    await env.session(bob, 'bobs');

    const firstPage = json<{ items: { session_key: string }[]; next_cursor: string | null }>(
      await env.request(alice, 'GET', '/sessions?limit=2'),
    );
    assert.deepEqual(
      firstPage.items.map((item) => item.session_key),
      ['alpha', 'beta'],
    );
    assert.ok(firstPage.next_cursor !== null);
    const secondPage = json<{ items: { session_key: string }[]; next_cursor: string | null }>(
      await env.request(alice, 'GET', `/sessions?limit=2&cursor=${firstPage.next_cursor}`),
    );
    assert.deepEqual(
      secondPage.items.map((item) => item.session_key),
      ['gamma'],
    );
    assert.equal(secondPage.next_cursor, null);

    const searched = json<{ items: { session_id: string }[] }>(
      await env.request(alice, 'GET', '/sessions?q=BUD'),
    );
    assert.deepEqual(
      searched.items.map((item) => item.session_id),
      [beta.sessionId],
      'q matches the label case-insensitively',
    );

    const archived = await env.request(alice, 'POST', `/sessions/${gamma.sessionId}/archive`);
    assert.equal(archived.statusCode, 200, archived.body);
    assert.ok(json<{ archived_at_unix_ms: number | null }>(archived).archived_at_unix_ms !== null);
    const active = json<{ items: { session_id: string }[] }>(await env.request(alice, 'GET', '/sessions'));
    assert.deepEqual(
      active.items.map((item) => item.session_id),
      [alpha.sessionId, beta.sessionId],
    );
    const all = json<{ items: { session_id: string }[] }>(
      await env.request(alice, 'GET', '/sessions?include_archived=true'),
    );
    assert.equal(all.items.length, 3);
    assert.ok(all.items.some((item) => item.session_id === gamma.sessionId));
  });

  it('gets, renames and resets own sessions; other principals and tenants get 404', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const bob = await env.member('user:bob');
    const session = await env.session(alice, 'main', 'Main');

    const got = json<Record<string, unknown>>(
      await env.request(alice, 'GET', `/sessions/${session.sessionId}`),
    );
    assert.equal(got.session_id, session.sessionId);
    assert.equal(got.session_key, 'main');
    assert.equal(got.session_label, 'Main');
    assert.equal(got.last_run_id, null);
    assert.equal(got.archived_at_unix_ms, null);

    const renamed = await env.request(alice, 'PATCH', `/sessions/${session.sessionId}`, {
      label: '  Renamed  ',
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(json(renamed).session_label, 'Renamed');
    assert.equal(
      (await env.harness.repositories.sessions.get(TENANT, session.sessionId))?.sessionLabel,
      'Renamed',
    );

    const { runId, job } = await startRun(env, alice, session);
    await env.worker.emit(job, [IN_PROGRESS, ...tokens('ok'), DONE]);
    assert.equal(json(await env.request(alice, 'GET', `/sessions/${session.sessionId}`)).last_run_id, runId);
    const reset = await env.request(alice, 'POST', `/sessions/${session.sessionId}/reset`);
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(json(reset).last_run_id, null);

    // Another principal of the tenant: every session route reads as unknown, and changes nothing.
    for (const [method, path, body] of [
      ['GET', `/sessions/${session.sessionId}`, undefined],
      ['GET', `/sessions/${session.sessionId}/transcript`, undefined],
      ['GET', `/sessions/${session.sessionId}/runs`, undefined],
      ['PATCH', `/sessions/${session.sessionId}`, { label: 'stolen' }],
      ['POST', `/sessions/${session.sessionId}/reset`, undefined],
      ['POST', `/sessions/${session.sessionId}/archive`, undefined],
      ['POST', `/sessions/${session.sessionId}/messages`, { text: 'hi' }],
      ['GET', `/sessions/${session.sessionId}/journal`, undefined],
      ['GET', `/sessions/${session.sessionId}/journal/verify`, undefined],
      ['GET', `/sessions/${session.sessionId}/journal/export`, undefined],
    ] as const) {
      const response = await env.request(bob, method, path, body);
      const envelope = assertError(response, 404, 'SESSION_NOT_FOUND');
      assert.doesNotMatch(
        response.body,
        /Renamed|main/,
        `${method} ${path} leaks nothing: ${envelope.error}`,
      );
    }
    const after = await env.harness.repositories.sessions.get(TENANT, session.sessionId);
    assert.equal(after?.sessionLabel, 'Renamed');
    assert.equal(after?.archivedAt, null);

    // Another tenant's admin token: the same session id is unknown there.
    const otherTenant = { ...env.admin('admin:other'), tenant: 'globex' };
    assertError(
      await env.request(otherTenant, 'GET', `/sessions/${session.sessionId}`),
      404,
      'SESSION_NOT_FOUND',
    );
    assertError(await env.request(otherTenant, 'GET', `/runs/${runId}`), 404, 'RUN_NOT_FOUND');
  });

  it('finds or creates a session by key with the ResolveSession rules', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const bob = await env.member('user:bob');
    type Resolved = {
      session: { session_id: string; session_key: string; session_label: string };
      created: boolean;
    };
    const created = await env.request(alice, 'POST', '/sessions', {
      session_key: 'work',
      session_label: 'Work',
    });
    assert.equal(created.statusCode, 201, created.body);
    const first = json<Resolved>(created);
    assert.deepEqual(
      [first.created, first.session.session_key, first.session.session_label],
      [true, 'work', 'Work'],
    );
    const again = await env.request(alice, 'POST', '/sessions', { session_key: 'work' });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(
      [json<Resolved>(again).created, json<Resolved>(again).session.session_id],
      [false, first.session.session_id],
    );
    assertError(
      await env.request(bob, 'POST', '/sessions', { session_key: 'work' }),
      409,
      'SESSION_IDENTITY_MISMATCH',
    );
    assertError(
      await env.request(alice, 'POST', '/sessions', { session_key: 'missing', require_existing: true }),
      404,
      'SESSION_NOT_FOUND',
    );
    const fresh = json<Resolved>(await env.request(alice, 'POST', '/sessions', {}));
    assert.equal(fresh.created, true);
    assert.equal(fresh.session.session_key, fresh.session.session_id, 'without a key, the key is the id');
  });

  it('names the bad field in validation errors', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    assertField(await env.request(alice, 'GET', '/sessions/not-a-ulid'), 'params.session_id');
    assertField(await env.request(alice, 'GET', '/sessions?limit=0'), 'query.limit');
    assertField(await env.request(alice, 'GET', '/sessions?limit=501'), 'query.limit');
    assertField(await env.request(alice, 'PATCH', `/sessions/${session.sessionId}`, {}), 'body.label');
    assertField(
      await env.request(alice, 'PATCH', `/sessions/${session.sessionId}`, { label: 'x', colour: 'red' }),
      'body.colour',
    );
    assertField(await env.request(alice, 'POST', `/sessions/${session.sessionId}/messages`, {}), 'body.text');
    assertField(
      await env.request(alice, 'POST', `/sessions/${session.sessionId}/messages`, { text: '   ' }),
      'body.text',
    );
    assertField(
      await env.request(alice, 'POST', `/sessions/${session.sessionId}/messages`, {
        text: 'x',
        run_id: 'nope',
      }),
      'body.run_id',
    );
    assertField(await env.request(alice, 'GET', `/runs/${newId()}/events?after_seq=-1`), 'query.after_seq');
  });

  it('starts a run with a message: admitted like RunStream, input closed, idempotent on run_id', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const runId = newId();
    const response = await env.request(alice, 'POST', `/sessions/${session.sessionId}/messages`, {
      text: 'What is the weather?',
      run_id: runId,
    });
    assert.equal(response.statusCode, 202, response.body);
    assert.deepEqual(json(response), {
      run_id: runId,
      session_id: session.sessionId,
      events_url: `${BASE}/runs/${runId}/events/stream`,
      created: true,
    });
    const job = await env.worker.nextJob();
    assert.deepEqual(job, { tenantId: TENANT, sessionId: session.sessionId, runId });

    const run = (await env.harness.repositories.runs.get(TENANT, runId)) as RunRecord;
    assert.equal(run.state, 'accepted');
    assert.equal(run.principal, 'user:alice');
    assert.equal(run.deviceId, alice.deviceId);
    assert.ok(run.inputClosedAt !== null, 'the input is closed at once: the run ends after answering');
    const journaled = await env.harness.repositories.journal.readSessionEvents(TENANT, session.sessionId);
    assert.deepEqual(
      journaled.map((event) => [event.kind, event.runSeq]),
      [
        ['message_received', null],
        ['run_status', 1],
      ],
    );
    assert.deepEqual(journaled[0]?.payload, { text: 'What is the weather?' });
    assert.deepEqual(journaled[1]?.payload, {
      status: 'ACCEPTED',
      message: `accepted session=${session.sessionId} principal=user:alice`,
    });

    // A retry (same run id) answers with the same run and journals nothing again.
    const retry = await env.request(alice, 'POST', `/sessions/${session.sessionId}/messages`, {
      text: 'What is the weather?',
      run_id: runId,
    });
    assert.equal(retry.statusCode, 202, retry.body);
    assert.equal(json(retry).created, false);
    assert.equal(
      (await env.harness.repositories.journal.readSessionEvents(TENANT, session.sessionId)).length,
      2,
    );

    // The same run id in another session of the caller is a conflict.
    const other = await env.session(alice);
    const conflict = await env.request(alice, 'POST', `/sessions/${other.sessionId}/messages`, {
      text: 'again',
      run_id: runId,
    });
    assertError(conflict, 409, 'FAILED_PRECONDITION');
  });

  it('gets runs and lists them per session; another principal gets 404', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const bob = await env.member('user:bob');
    const session = await env.session(alice);
    const first = await startRun(env, alice, session, 'one');
    await env.worker.emit(first.job, [IN_PROGRESS, ...tokens('done'), DONE]);
    await env.harness.repositories.runs.transition(TENANT, first.runId, 'in_progress');
    await env.harness.repositories.runs.transition(TENANT, first.runId, 'done');
    await env.harness.repositories.runs.recordUsage(TENANT, first.runId, {
      callIndex: 0,
      turn: 1,
      provider: 'deterministic',
      model: 'echo',
      promptTokens: 12,
      completionTokens: 3,
    });
    const second = await startRun(env, alice, session, 'two');

    const run = json<Record<string, unknown>>(await env.request(alice, 'GET', `/runs/${first.runId}`));
    assert.equal(run.run_id, first.runId);
    assert.equal(run.session_id, session.sessionId);
    assert.equal(run.state, 'done');
    assert.equal(run.last_seq, 4);
    assert.deepEqual(run.usage, { prompt_tokens: 12, completion_tokens: 3, model_calls: 1 });
    assert.equal(typeof run.started_at_unix_ms, 'number');
    assert.equal(typeof run.finished_at_unix_ms, 'number');
    assert.equal(typeof run.input_closed_at_unix_ms, 'number');

    const page = json<{ items: { run_id: string }[]; next_cursor: string | null }>(
      await env.request(alice, 'GET', `/sessions/${session.sessionId}/runs?limit=1`),
    );
    assert.deepEqual(
      page.items.map((item) => item.run_id),
      [first.runId],
    );
    assert.ok(page.next_cursor !== null);
    const rest = json<{ items: { run_id: string }[]; next_cursor: string | null }>(
      await env.request(
        alice,
        'GET',
        `/sessions/${session.sessionId}/runs?limit=1&cursor=${page.next_cursor}`,
      ),
    );
    assert.deepEqual(
      rest.items.map((item) => item.run_id),
      [second.runId],
    );

    for (const [method, path] of [
      ['GET', `/runs/${first.runId}`],
      ['GET', `/runs/${first.runId}/events`],
      ['GET', `/runs/${first.runId}/events/stream`],
      ['POST', `/runs/${second.runId}/cancel`],
    ] as const) {
      assertError(await env.request(bob, method, path), 404, 'RUN_NOT_FOUND');
    }
    assertError(await env.request(alice, 'GET', `/runs/${newId()}`), 404, 'RUN_NOT_FOUND');
    const untouched = await env.harness.repositories.runs.get(TENANT, second.runId);
    assert.equal(untouched?.cancelRequested, false, "bob's cancel changed nothing");

    // A tenant admin sees every run of the tenant.
    const asAdmin = await env.request(env.admin(), 'GET', `/runs/${first.runId}`);
    assert.equal(asAdmin.statusCode, 200, asAdmin.body);
  });

  it('cancels a run: durable flag, journaled once, the worker woken', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId } = await startRun(env, alice, session);
    const control = await listenControl(t, env.worker.bus, TENANT, runId, 'cancel');

    const cancelled = await env.request(alice, 'POST', `/runs/${runId}/cancel`, {
      reason: 'changed my mind',
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(json(cancelled).cancel_requested, true);
    assert.equal(json(cancelled).cancel_reason, 'changed my mind');
    assert.deepEqual(await control.next, {
      type: 'cancel',
      reason: 'changed my mind',
      requestedBy: 'user:alice',
    });

    // No body: the default reason; the first reason stays, and the cancel is not journaled twice.
    const again = await env.request(alice, 'POST', `/runs/${runId}/cancel`);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(json(again).cancel_reason, 'changed my mind');
    const requests = (
      await env.harness.repositories.journal.readSessionEvents(TENANT, session.sessionId)
    ).filter((event) => event.kind === 'run_cancel_requested');
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0]?.payload, { reason: 'changed my mind', requested_by: 'user:alice' });
  });

  it('pages run events as JSON rendered exactly like the gRPC events', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId, job } = await startRun(env, alice, session);
    await env.worker.emit(job, ANSWERED_RUN);

    type Page = { items: Record<string, unknown>[]; next_after_seq: number | null };
    const first = json<Page>(await env.request(alice, 'GET', `/runs/${runId}/events?limit=3`));
    assert.deepEqual(
      first.items.map((item) => item.seq),
      [1, 2, 3],
    );
    assert.equal(first.next_after_seq, 3);
    const rest = json<Page>(await env.request(alice, 'GET', `/runs/${runId}/events?after_seq=3`));
    assert.equal(rest.next_after_seq, null);
    const items = [...first.items, ...rest.items];
    assert.deepEqual(
      items.map((item) => item.type),
      [
        'status',
        'status',
        'tool_proposal',
        'tool_result',
        'model_token',
        'model_token',
        'model_token',
        'status',
      ],
    );
    assert.deepEqual(items[2], {
      run_id: runId,
      seq: 3,
      timestamp_unix_ms: items[2]?.timestamp_unix_ms,
      type: 'tool_proposal',
      tool_proposal: {
        proposal_id: TOOL_PROPOSAL_ID,
        tool_name: 'palyra.echo',
        input_json: '{"text":"hi"}',
        approval_required: false,
      },
    });
    assert.deepEqual(items.at(-1)?.status, { kind: 'STATUS_KIND_DONE', message: 'done' });

    // The same events over gRPC ListRunEvents, made JSON by the same rendering.
    const metadata = env.harness.metadata({ principal: 'user:alice', deviceId: alice.deviceId });
    const grpc = await unary<ListRunEventsResponse__Output>((done) =>
      env.gateway.journalClient().ListRunEvents({ v: 1, run_id: { ulid: runId } }, metadata, done),
    );
    assert.deepEqual(items, grpc.events.map(toRunEventJson));
  });

  it('builds the transcript from the journal: messages, joined answers, tool events, paged', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId, job } = await startRun(env, alice, session, 'Say hello');
    await env.worker.emit(job, ANSWERED_RUN);

    type Entry = { type: string; text?: string; complete?: boolean; turn?: number; run_id: string | null };
    type Page = { items: Entry[]; next_after_chain_seq: number | null };
    const whole = json<Page>(await env.request(alice, 'GET', `/sessions/${session.sessionId}/transcript`));
    assert.equal(whole.next_after_chain_seq, null);
    assert.deepEqual(
      whole.items.map((entry) => [entry.type, entry.text]),
      [
        ['user_message', 'Say hello'],
        ['tool_proposed', undefined],
        ['tool_executed', undefined],
        ['assistant_message', 'Hello from the agent.'],
      ],
    );
    const answer = whole.items[3] as Entry;
    assert.equal(answer.complete, true);
    assert.equal(answer.turn, 1);
    assert.equal(answer.run_id, runId);

    // Pages of one entry each, continued by chain seq, give the same entries.
    const paged: Entry[] = [];
    let after = 0;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = json<Page>(
        await env.request(
          alice,
          'GET',
          `/sessions/${session.sessionId}/transcript?limit=1&after_chain_seq=${after}`,
        ),
      );
      paged.push(...page.items);
      if (page.next_after_chain_seq === null) break;
      after = page.next_after_chain_seq;
    }
    assert.deepEqual(paged, whole.items);
  });

  it('pages, verifies and exports the journal with a checksum chain that detects tampering', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { job } = await startRun(env, alice, session);
    await env.worker.emit(job, ANSWERED_RUN);
    const stored = await env.harness.repositories.journal.readSessionEvents(TENANT, session.sessionId);

    type Page = {
      items: { chain_seq: number; kind: JournalEventKind; hash: string }[];
      next_after_chain_seq: number | null;
    };
    const first = json<Page>(
      await env.request(alice, 'GET', `/sessions/${session.sessionId}/journal?limit=4`),
    );
    assert.equal(first.items.length, 4);
    assert.equal(first.next_after_chain_seq, 4);
    const rest = json<Page>(
      await env.request(alice, 'GET', `/sessions/${session.sessionId}/journal?after_chain_seq=4`),
    );
    assert.equal(rest.next_after_chain_seq, null);
    assert.deepEqual(
      [...first.items, ...rest.items].map((event) => [event.chain_seq, event.kind, event.hash]),
      stored.map((event) => [event.chainSeq, event.kind, event.hash]),
    );

    const verified = json(await env.request(alice, 'GET', `/sessions/${session.sessionId}/journal/verify`));
    assert.deepEqual(verified, { ok: true, length: stored.length, head_hash: stored.at(-1)?.hash });

    const exported = await env.request(alice, 'GET', `/sessions/${session.sessionId}/journal/export`);
    assert.equal(exported.statusCode, 200, exported.body);
    assert.match(String(exported.headers['content-type']), /^application\/x-ndjson/);
    assert.match(String(exported.headers['content-disposition']), /attachment; filename="journal-/);
    const verification = verifyNdjsonChecksumChain(exported.body, JOURNAL_EXPORT_SCHEMA);
    assert.ok(verification.ok, JSON.stringify(verification));
    assert.equal(verification.records, stored.length);
    const lines = exported.body.trimEnd().split('\n');
    const firstRecord = JSON.parse(lines[0] as string).record as { event_id: string; hash: string };
    assert.equal(firstRecord.event_id, stored[0]?.eventId);
    assert.equal(firstRecord.hash, stored[0]?.hash);

    const tampered = exported.body.replace('Hello ', 'Howdy ');
    assert.notEqual(tampered, exported.body);
    const broken = verifyNdjsonChecksumChain(tampered, JOURNAL_EXPORT_SCHEMA);
    assert.equal(broken.ok, false);
    const dropped = [...lines.slice(0, 2), ...lines.slice(3)].join('\n');
    assert.equal(verifyNdjsonChecksumChain(`${dropped}\n`, JOURNAL_EXPORT_SCHEMA).ok, false);
    const truncated = `${lines.slice(0, -1).join('\n')}\n`;
    assert.deepEqual(verifyNdjsonChecksumChain(truncated, JOURNAL_EXPORT_SCHEMA), {
      ok: false,
      line: lines.length,
      reason: 'the export ends without a trailer (truncated?)',
    });
  });

  it('manages agents and bindings for admins; members get 403; bad ids name the field', async (t) => {
    const env = await openConsole(t);
    const admin = env.admin();
    const member = await env.member('user:alice');
    assertError(await env.request(member, 'GET', '/agents'), 403, 'PERMISSION_DENIED');
    assertError(
      await env.request(member, 'POST', '/agents', { agent_id: 'x', display_name: 'X' }),
      403,
      'PERMISSION_DENIED',
    );

    const created = await env.request(admin, 'POST', '/agents', {
      agent_id: ' Helper ',
      display_name: 'Helper',
      system_prompt: 'Be brief.',
      default_tool_allowlist: ['palyra.echo'],
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = json<{ agent: Record<string, unknown>; default_changed: boolean; default_agent_id: string }>(
      created,
    );
    assert.equal(body.agent.agent_id, 'helper', 'ids are trimmed and lower-cased');
    assert.equal(body.agent.system_prompt, 'Be brief.');
    assert.deepEqual(body.agent.default_tool_allowlist, ['palyra.echo']);
    assert.equal(body.default_agent_id, 'helper', 'the first agent becomes the default');
    const second = await env.request(admin, 'POST', '/agents', {
      agent_id: 'writer',
      display_name: 'Writer',
    });
    assert.equal(second.statusCode, 201, second.body);
    assertError(
      await env.request(admin, 'POST', '/agents', { agent_id: 'writer', display_name: 'Again' }),
      409,
      'ALREADY_EXISTS',
    );
    const badId = assertError(
      await env.request(admin, 'POST', '/agents', { agent_id: 'bad id!', display_name: 'Bad' }),
      400,
      'INVALID_ARGUMENT',
    );
    assert.equal(badId.validation_errors[0]?.field, 'agent_id');
    assertField(await env.request(admin, 'POST', '/agents', { agent_id: 'nameless' }), 'body.display_name');

    type AgentPage = { items: { agent_id: string }[]; next_cursor: string | null; default_agent_id: string };
    const page = json<AgentPage>(await env.request(admin, 'GET', '/agents?limit=1'));
    assert.deepEqual(
      page.items.map((agent) => agent.agent_id),
      ['helper'],
    );
    assert.ok(page.next_cursor !== null);
    const next = json<AgentPage>(
      await env.request(admin, 'GET', `/agents?limit=1&cursor=${page.next_cursor}`),
    );
    assert.deepEqual(
      next.items.map((agent) => agent.agent_id),
      ['writer'],
    );

    const updated = await env.request(admin, 'PATCH', '/agents/writer', { display_name: 'Writer II' });
    assert.equal(json(updated).display_name, 'Writer II');
    const setDefault = await env.request(admin, 'PUT', '/agents/default', { agent_id: 'writer' });
    assert.deepEqual(json(setDefault), { previous_agent_id: 'helper', default_agent_id: 'writer' });
    const got = json<{ agent: { display_name: string }; is_default: boolean }>(
      await env.request(admin, 'GET', '/agents/writer'),
    );
    assert.equal(got.is_default, true);
    assert.equal(got.agent.display_name, 'Writer II');

    const sessionId = newId();
    const bound = await env.request(admin, 'PUT', '/agent-bindings', {
      agent_id: 'helper',
      session_id: sessionId,
    });
    assert.equal(bound.statusCode, 200, bound.body);
    assert.equal(json(bound).created, true);
    const bindings = json<{ items: { agent_id: string; session_id: string; principal: string }[] }>(
      await env.request(admin, 'GET', `/agent-bindings?session_id=${sessionId}`),
    );
    assert.deepEqual(
      bindings.items.map((binding) => [binding.agent_id, binding.session_id, binding.principal]),
      [['helper', sessionId, 'admin:ops']],
    );
    const resolved = json<{ agent: { agent_id: string }; source: string }>(
      await env.request(admin, 'POST', '/agent-bindings/resolve', { session_id: sessionId }),
    );
    assert.deepEqual([resolved.agent.agent_id, resolved.source], ['helper', 'session_binding']);
    const unbound = await env.request(admin, 'DELETE', `/agent-bindings?session_id=${sessionId}`);
    assert.deepEqual(json(unbound), { removed: true, removed_agent_id: 'helper' });

    const deleted = await env.request(admin, 'DELETE', '/agents/writer');
    assert.equal(json(deleted).default_agent_id, 'helper', 'the default moves to the first remaining agent');
    assertError(await env.request(admin, 'GET', '/agents/writer'), 404, 'NOT_FOUND');
    // Another tenant's admin does not see this tenant's agents.
    assertError(await env.request({ ...admin, tenant: 'globex' }, 'GET', '/agents/helper'), 404, 'NOT_FOUND');
  });

  it('lists, gets and decides approvals; another principal gets 404; the worker is woken', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const bob = await env.member('user:bob');
    const session = await env.session(alice);
    const { runId } = await startRun(env, alice, session);
    const run = (await env.harness.repositories.runs.get(TENANT, runId)) as RunRecord;
    const approval = await seedApproval(env.harness.repositories, run, {
      prompt: { title: 'Fetch a page?' },
    });

    const listed = json<{
      items: { approval_id: string; decision: string | null }[];
      next_cursor: string | null;
    }>(await env.request(alice, 'GET', '/approvals?decision=pending'));
    assert.deepEqual(
      listed.items.map((item) => [item.approval_id, item.decision]),
      [[approval.approvalId, null]],
    );
    assert.equal(listed.next_cursor, null);
    const got = json<Record<string, unknown>>(
      await env.request(alice, 'GET', `/approvals/${approval.approvalId}`),
    );
    assert.equal(got.subject_id, 'palyra.http.fetch');
    assert.deepEqual(got.prompt, { title: 'Fetch a page?' });

    assert.deepEqual(json(await env.request(bob, 'GET', '/approvals')).items, []);
    assertError(await env.request(bob, 'GET', `/approvals/${approval.approvalId}`), 404, 'NOT_FOUND');
    assertError(
      await env.request(bob, 'POST', `/approvals/${approval.approvalId}/decide`, { approved: true }),
      404,
      'NOT_FOUND',
    );
    assertField(
      await env.request(alice, 'POST', `/approvals/${approval.approvalId}/decide`, {
        approved: true,
        decision_scope: 'forever',
      }),
      'body.decision_scope',
    );

    const control = await listenControl(t, env.worker.bus, TENANT, runId, 'approval');
    const decided = await env.request(alice, 'POST', `/approvals/${approval.approvalId}/decide`, {
      approved: true,
      decision_scope: 'session',
      reason: 'looks fine',
    });
    assert.equal(decided.statusCode, 200, decided.body);
    const outcome = json<{ approval: Record<string, unknown>; decided: boolean }>(decided);
    assert.equal(outcome.decided, true);
    assert.equal(outcome.approval.decision, 'allow');
    assert.equal(outcome.approval.decision_scope, 'session');
    assert.equal(outcome.approval.decided_by, 'user:alice');
    assert.deepEqual(await control.next, { type: 'approval', approvalId: approval.approvalId });
    const denied = await env.request(alice, 'POST', `/approvals/${approval.approvalId}/decide`, {
      approved: false,
    });
    assertError(denied, 409, 'FAILED_PRECONDITION');

    const exported = await env.request(alice, 'GET', '/approvals/export');
    assert.equal(exported.statusCode, 200, exported.body);
    const lines = exported.body.trimEnd().split('\n');
    assert.equal(lines.length, 2, 'one entry and the trailer');
    assert.equal(JSON.parse(lines[0] as string).record.approval_id, approval.approvalId);
  });
});

// Server-Sent Events: a real listening app read by a streaming HTTP client.

interface SseMessage {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

interface SseClient {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The next event (comments are collected in `comments`). */
  next(what?: string): Promise<SseMessage>;
  /** Every event until the server ends the response. */
  rest(timeoutMs?: number): Promise<SseMessage[]>;
  readonly comments: string[];
  /** Resolves when the response has ended (server side) or the client closed it. */
  readonly ended: Promise<void>;
  /** Starts reading a stream opened `paused`. */
  resume(): void;
  close(): void;
}

const SSE_TIMEOUT_MS = 10_000;

function openSse(
  url: string,
  headers: Record<string, string>,
  options: { readonly paused?: boolean } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } });
    request.once('error', reject);
    request.once('response', (response) => {
      const queue: SseMessage[] = [];
      const comments: string[] = [];
      let finished = false;
      let wake: (() => void) | undefined;
      const ended = new Promise<void>((done) => {
        const end = () => {
          finished = true;
          wake?.();
          done();
        };
        response.once('end', end);
        response.once('close', end);
      });
      const parser = createParser({
        onEvent: (event) => {
          queue.push({ id: event.id, event: event.event, data: event.data });
          wake?.();
        },
        onComment: (comment) => {
          comments.push(comment.trim());
          wake?.();
        },
      });
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => parser.feed(chunk));
      // A paused client reads nothing (the kernel buffers fill, then the server's) until resume().
      if (options.paused === true) response.pause();
      response.on('error', () => {});
      const next = async (what = 'an SSE event'): Promise<SseMessage> => {
        const deadline = Date.now() + SSE_TIMEOUT_MS;
        while (queue.length === 0) {
          if (finished) throw new Error(`the stream ended while waiting for ${what}`);
          const remaining = deadline - Date.now();
          if (remaining <= 0) throw new Error(`timed out waiting for ${what}`);
          await new Promise<void>((woken) => {
            const timer = setTimeout(woken, remaining);
            wake = () => {
              clearTimeout(timer);
              woken();
            };
          });
          wake = undefined;
        }
        return queue.shift() as SseMessage;
      };
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        next,
        async rest(timeoutMs = SSE_TIMEOUT_MS) {
          await within(ended, timeoutMs, 'the end of the SSE response');
          return queue.splice(0);
        },
        comments,
        ended,
        resume() {
          response.resume();
        },
        close() {
          request.destroy();
        },
      });
    });
    request.end();
  });
}

async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function seqsOf(messages: readonly SseMessage[]): number[] {
  return messages.map((message) => Number(message.id));
}

describe('console API: run events as Server-Sent Events', () => {
  it('streams a run from seq 1 to its terminal event, the same JSON as the events page, then ends', async (t) => {
    const env = await openConsole(t);
    const replica = await env.replica();
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId, job } = await startRun(env, alice, session);

    const stream = await openSse(`${replica.origin}${BASE}/runs/${runId}/events/stream`, headersOf(alice));
    assert.equal(stream.status, 200);
    assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
    assert.equal(stream.headers['cache-control'], 'no-cache');
    assert.equal(stream.headers['x-accel-buffering'], 'no');
    const accepted = await stream.next('ACCEPTED');
    assert.deepEqual([accepted.id, accepted.event], ['1', 'status']);

    // The worker writes while the client is connected: these arrive through the live feed.
    await env.worker.emit(job, ANSWERED_RUN);
    const messages = [accepted, ...(await stream.rest())];
    assert.deepEqual(seqsOf(messages), [1, 2, 3, 4, 5, 6, 7, 8]);
    const page = json<{ items: { type: string }[] }>(
      await env.request(alice, 'GET', `/runs/${runId}/events`),
    );
    assert.deepEqual(
      messages.map((message) => JSON.parse(message.data)),
      page.items,
    );
    assert.deepEqual(
      messages.map((message) => message.event),
      page.items.map((item) => item.type),
    );
    await within(stream.ended, SSE_TIMEOUT_MS, 'the response to end after DONE');
    await waitFor(() => (replica.activeSubscriptions() === 0 ? true : undefined), {
      what: 'the follower to stop',
    });
  });

  it('resumes after Last-Event-ID on another replica: every event exactly once', async (t) => {
    const env = await openConsole(t);
    const first = await env.replica();
    const second = await env.replica();
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId, job } = await startRun(env, alice, session);
    const path = `${BASE}/runs/${runId}/events/stream`;

    const before = await openSse(`${first.origin}${path}`, headersOf(alice));
    await env.worker.emit(job, ANSWERED_RUN.slice(0, 3));
    const seen = [await before.next(), await before.next(), await before.next()];
    assert.deepEqual(seqsOf(seen), [1, 2, 3]);
    before.close();
    await waitFor(() => (first.activeSubscriptions() === 0 ? true : undefined), {
      what: 'the first replica to stop following after the disconnect',
    });

    // Events written while no client is connected come from the journal, later ones live.
    await env.worker.emit(job, ANSWERED_RUN.slice(3, 5));
    // The URL still says after_seq=0, as EventSource reconnects to the same URL: Last-Event-ID wins.
    const after = await openSse(`${second.origin}${path}?after_seq=0`, {
      ...headersOf(alice),
      'last-event-id': '3',
    });
    const resumed = [await after.next(), await after.next()];
    await env.worker.emit(job, ANSWERED_RUN.slice(5));
    resumed.push(...(await after.rest()));
    const union = [...seqsOf(seen), ...seqsOf(resumed)];
    assert.deepEqual(union, [1, 2, 3, 4, 5, 6, 7, 8], 'no event missing, none repeated');
    assert.equal(resumed.at(-1)?.event, 'status');
    assert.equal(JSON.parse(resumed.at(-1)?.data ?? '{}').status.kind, 'STATUS_KIND_DONE');

    // after_seq alone resumes too.
    const fromQuery = await openSse(`${second.origin}${path}?after_seq=6`, headersOf(alice));
    assert.deepEqual(seqsOf(await fromQuery.rest()), [7, 8]);
  });

  it('answers 204 once the client has every event of an ended run, 400 beyond it, 503 while draining', async (t) => {
    const env = await openConsole(t);
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId, job } = await startRun(env, alice, session);
    await env.worker.emit(job, [IN_PROGRESS, ...tokens('ok'), DONE]);
    await env.harness.repositories.runs.transition(TENANT, runId, 'in_progress');
    await env.harness.repositories.runs.transition(TENANT, runId, 'done');
    const path = `${BASE}/runs/${runId}/events/stream`;

    const finished = await env.app.inject({
      method: 'GET',
      url: path,
      headers: { ...headersOf(alice), 'last-event-id': '4' },
    });
    assert.equal(finished.statusCode, 204, finished.body);
    assert.equal(finished.body, '');
    const beyond = await env.app.inject({
      method: 'GET',
      url: path,
      headers: { ...headersOf(alice), 'last-event-id': '9' },
    });
    assertField(beyond, 'headers.last-event-id');
    assertField(
      await env.app.inject({ method: 'GET', url: `${path}?after_seq=9`, headers: headersOf(alice) }),
      'query.after_seq',
    );
    assertField(
      await env.app.inject({
        method: 'GET',
        url: path,
        headers: { ...headersOf(alice), 'last-event-id': 'abc' },
      }),
      'headers.last-event-id',
    );

    // A finished run from an earlier seq: the rest of it, then the end.
    const replica = await env.replica();
    const tail = await openSse(`${replica.origin}${path}`, { ...headersOf(alice), 'last-event-id': '2' });
    assert.deepEqual(seqsOf(await tail.rest()), [3, 4]);

    const draining = await env.replica({ draining: true });
    const refused = await draining.app.inject({ method: 'GET', url: path, headers: headersOf(alice) });
    const envelope = assertError(refused, 503, 'UNAVAILABLE');
    assert.equal(envelope.error, 'gateway is draining; retry on another replica');
  });

  it('gives a slow client every event in order: backpressure, then catch-up from the journal', async (t) => {
    const env = await openConsole(t);
    const replica = await env.replica({ liveBufferEvents: 16 });
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId, job } = await startRun(env, alice, session);
    const stream = await openSse(`${replica.origin}${BASE}/runs/${runId}/events/stream`, headersOf(alice), {
      paused: true,
    });

    // ~16 MB of tokens: more than the socket buffers hold while the client reads nothing.
    const chunk = 'x'.repeat(2_000);
    const batches = 8;
    const perBatch = 1_000;
    await env.worker.emit(job, [IN_PROGRESS]);
    for (let batch = 0; batch < batches; batch += 1) {
      await env.worker.emit(
        job,
        Array.from({ length: perBatch }, () => ({
          kind: 'model_token' as const,
          payload: { text: chunk, is_final: false, turn: 1, in_reply_to: '' },
        })),
      );
    }
    await env.worker.emit(job, [DONE]);
    // The live buffer overflowed while the client was stuck; the stream reads the journal instead.
    await waitFor(async () => ((await replica.catchUps('overflow')) > 0 ? true : undefined), {
      what: 'the live buffer to overflow',
    });

    stream.resume();
    const messages = await stream.rest(120_000);
    const total = 1 + 1 + batches * perBatch + 1;
    assert.deepEqual(
      seqsOf(messages),
      Array.from({ length: total }, (_, index) => index + 1),
      'every seq once, in order',
    );
    assert.ok(messages.slice(2, -1).every((message) => JSON.parse(message.data).model_token.token === chunk));
    assert.equal(messages.at(-1)?.event, 'status');
  });

  it('sends a heartbeat comment while the run is quiet', async (t) => {
    const env = await openConsole(t);
    const replica = await env.replica({ sseHeartbeatMs: 25 });
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId } = await startRun(env, alice, session);
    const stream = await openSse(`${replica.origin}${BASE}/runs/${runId}/events/stream`, headersOf(alice));
    await stream.next('ACCEPTED');
    await waitFor(() => (stream.comments.includes('heartbeat') ? true : undefined), { what: 'a heartbeat' });
    stream.close();
  });

  it('ends open streams when the server closes, so a shutdown never waits on them', async (t) => {
    const env = await openConsole(t);
    const replica = await env.replica();
    const alice = await env.member('user:alice');
    const session = await env.session(alice);
    const { runId } = await startRun(env, alice, session);
    const stream = await openSse(`${replica.origin}${BASE}/runs/${runId}/events/stream`, headersOf(alice));
    await stream.next('ACCEPTED');
    assert.equal(replica.activeSubscriptions(), 1);
    await within(replica.app.close(), SSE_TIMEOUT_MS, 'the app to close with a stream open');
    await within(stream.ended, SSE_TIMEOUT_MS, 'the stream to end');
    assert.equal(replica.activeSubscriptions(), 0);
  });
});
