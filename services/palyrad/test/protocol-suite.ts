// The public behaviour of a running Palyra, driven only through its gRPC API: the SDK
// (@palyra/client) as our own clients use it, and the reference client built from the public
// Palyra v1 protocol facts (not our .proto files) as an existing Palyra client would. Registered
// against several targets: palyrad embedded, palyrad on Postgres + NATS, a multi-process cluster.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ClientDuplexStream,
  type ClientReadableStream,
  credentials,
  type GrpcObject,
  Metadata,
  type ServiceClientConstructor,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import {
  createPalyraClient,
  isPalyraClientError,
  type PalyraClient,
  type RunEvent,
  type RunHandle,
  type RunOutcome,
  type StatusEvent,
  type TokenEvent,
} from '@palyra/client';
import { newId } from '@palyra/core';
import { loadPalyraV1ReferenceGrpcObject } from '@palyra/testkit';

export interface ProtocolTarget {
  /** gRPC addresses (`host:port`) of the gateway(s); the first one serves unary calls. */
  readonly urls: readonly string[];
  readonly adminToken: string;
  /** Tenant for the admin token (`x-palyra-tenant`); default the gateway's `default`. */
  readonly tenant?: string;
  stop(): Promise<void>;
}

/** How long one run may take to reach the event a test waits for. */
const EVENT_TIMEOUT_MS = 20_000;
const TEST_TIMEOUT_MS = 60_000;
const CANCELLED_BY_REQUEST = 'cancelled by request';

interface Identity {
  readonly principal: string;
  readonly deviceId: string;
}

function freshIdentity(label: string): Identity {
  return { principal: `user:${label}-${newId().toLowerCase()}`, deviceId: newId() };
}

/**
 * Session keys are unique per tenant, not per caller: every key carries a random suffix, so the
 * suite can run twice against one database (or beside other tests) without identity mismatches.
 */
function uniqueKey(name: string): string {
  return `${name}-${newId().slice(-10).toLowerCase()}`;
}

/** `count` distinct words, so chunking (<= 16 words a chunk) is exercised. */
function sentence(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`).join(' ');
}

function statuses(events: readonly RunEvent[]): StatusEvent[] {
  return events.filter((event): event is StatusEvent => event.type === 'status');
}

function tokens(events: readonly RunEvent[]): TokenEvent[] {
  return events.filter((event): event is TokenEvent => event.type === 'token');
}

function assertContiguousFrom(events: readonly RunEvent[], first: number, what: string): void {
  assert.deepEqual(
    events.map((event) => event.seq),
    Array.from({ length: events.length }, (_, index) => first + index),
    `${what}: seqs contiguous from ${first}`,
  );
}

function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = EVENT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A run whose events are recorded as they arrive, with a way to wait for a particular one. */
interface TrackedRun {
  readonly handle: RunHandle;
  readonly events: RunEvent[];
  /** The first event (already received or later) matching `predicate`. */
  until(predicate: (event: RunEvent) => boolean, what: string): Promise<RunEvent>;
  /** `done`, bounded. */
  finished(): Promise<RunOutcome>;
}

function track(client: PalyraClient, options: Parameters<PalyraClient['openRun']>[0]): TrackedRun {
  const events: RunEvent[] = [];
  const waiters = new Set<{ predicate: (event: RunEvent) => boolean; resolve: (event: RunEvent) => void }>();
  const handle = client.openRun({
    ...options,
    bufferEvents: false,
    onEvent: (event) => {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (!waiter.predicate(event)) continue;
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    },
  });
  // A failing stream rejects `done`; waiters report it through their own promise.
  handle.done.catch(() => {});
  return {
    handle,
    events,
    until(predicate, what) {
      const found = events.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      const matched = new Promise<RunEvent>((resolve) => waiters.add({ predicate, resolve }));
      const ended = handle.done.then(
        (outcome) => {
          throw new Error(`run ended (${outcome.status}: ${outcome.message}) before ${what}`);
        },
        (error: unknown) => {
          throw new Error(`run stream failed before ${what}: ${String(error)}`);
        },
      );
      return withTimeout(Promise.race([matched, ended]), what);
    },
    finished() {
      return withTimeout(handle.done, `run ${handle.runId} to finish`);
    },
  };
}

const isFinalToken = (event: RunEvent) => event.type === 'token' && event.isFinal;

async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  messagePart: string | undefined,
  what: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPalyraClientError(error), `${what}: a PalyraClientError, got ${String(error)}`);
    assert.equal(error.code, code, `${what}: ${error.code} ${error.message}`);
    if (messagePart !== undefined) assert.match(error.message, new RegExp(messagePart), what);
    return true;
  });
}

// The reference client: a grpc-js client whose schema is the public protocol facts only.

type ReferenceClient = InstanceType<ServiceClientConstructor>;
type UnaryMethod = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;
type DuplexMethod = (metadata: Metadata) => ClientDuplexStream<object, ReferenceEvent>;

interface ReferenceEvent {
  readonly v: number;
  readonly body?: string;
  readonly status?: { readonly kind: string; readonly message: string } | null;
  readonly model_token?: { readonly token: string; readonly is_final: boolean } | null;
}

function referenceServices(): { gateway: ServiceClientConstructor } {
  const root = loadPalyraV1ReferenceGrpcObject();
  const v1 = ((root.palyra as GrpcObject).gateway as GrpcObject).v1 as GrpcObject;
  return { gateway: v1.GatewayService as ServiceClientConstructor };
}

function referenceUnary<T>(
  client: ReferenceClient,
  method: string,
  request: object,
  metadata = new Metadata(),
): Promise<T> {
  const call = client[method] as UnaryMethod;
  return new Promise<T>((resolve, reject) => {
    call.call(client, request, metadata, (error, response) => {
      if (error !== null) reject(error);
      else resolve(response as T);
    });
  });
}

function referenceRunStream(
  client: ReferenceClient,
  metadata: Metadata,
): ClientDuplexStream<object, ReferenceEvent> {
  return (client.RunStream as DuplexMethod).call(client, metadata);
}

/** Collects a call's events until it ends; resolves with them and the final status. */
function collectStream(
  call: ClientReadableStream<ReferenceEvent> | ClientDuplexStream<object, ReferenceEvent>,
  onEvent: (event: ReferenceEvent) => void = () => {},
): Promise<{ events: ReferenceEvent[]; code: number; details: string }> {
  const events: ReferenceEvent[] = [];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (code: number, details: string) => {
      if (settled) return;
      settled = true;
      resolve({ events, code, details });
    };
    call.on('data', (event: ReferenceEvent) => {
      events.push(event);
      onEvent(event);
    });
    // OK: after both the last message ('end') and the status; otherwise 'error' carries the status.
    let ended = false;
    let okStatus: { code: number; details: string } | undefined;
    call.on('end', () => {
      ended = true;
      if (okStatus !== undefined) finish(okStatus.code, okStatus.details);
    });
    call.on('error', (error: ServiceError) => finish(error.code, error.details));
    call.on('status', (result: { code: number; details: string }) => {
      if (result.code !== status.OK) return;
      okStatus = result;
      if (ended) finish(result.code, result.details);
    });
  });
}

function isServiceError(error: unknown, code: number, messagePart?: string): boolean {
  const serviceError = error as Partial<ServiceError>;
  assert.equal(
    serviceError.code,
    code,
    `status ${String(serviceError.code)} (${String(serviceError.details)})`,
  );
  if (messagePart !== undefined) assert.match(String(serviceError.details), new RegExp(messagePart));
  return true;
}

/**
 * Registers the protocol tests under `describe(name)`. `target` starts (or connects to) a Palyra
 * once for the whole group; `stop` runs after it.
 */
export function registerProtocolSuite(name: string, target: () => Promise<ProtocolTarget>): void {
  describe(name, { timeout: 10 * TEST_TIMEOUT_MS }, () => {
    let running: ProtocolTarget | undefined;
    const clients: { close(): void }[] = [];

    before(async () => {
      running = await target();
    });
    after(async () => {
      for (const client of clients.splice(0)) client.close();
      await running?.stop();
    });

    function current(): ProtocolTarget {
      assert.ok(running !== undefined, 'the target started');
      return running;
    }

    function sdk(identity: Identity, options: { token?: string | null } = {}): PalyraClient {
      const { urls, adminToken, tenant } = current();
      const token = options.token === undefined ? adminToken : (options.token ?? undefined);
      const client = createPalyraClient({
        url: [...urls],
        ...(token === undefined ? {} : { token }),
        principal: identity.principal,
        deviceId: identity.deviceId,
        ...(tenant === undefined ? {} : { tenant }),
        callTimeoutMs: EVENT_TIMEOUT_MS,
      });
      clients.push(client);
      return client;
    }

    function reference(): ReferenceClient {
      const url = current().urls[0];
      assert.ok(url !== undefined, 'the target has a gateway');
      const client = new (referenceServices().gateway)(url, credentials.createInsecure());
      clients.push(client);
      return client;
    }

    /** Auth metadata of `identity`; `token: null` sends no authorization header. */
    function metadataOf(identity: Identity, token: string | null = current().adminToken): Metadata {
      const metadata = new Metadata();
      if (token !== null) metadata.set('authorization', `Bearer ${token}`);
      metadata.set('x-palyra-principal', identity.principal);
      metadata.set('x-palyra-device-id', identity.deviceId);
      const tenant = current().tenant;
      if (tenant !== undefined) metadata.set('x-palyra-tenant', tenant);
      return metadata;
    }

    it('GetHealth answers ok without credentials', { timeout: TEST_TIMEOUT_MS }, async () => {
      const health = await sdk(freshIdentity('health'), { token: null }).health();
      assert.equal(health.status, 'ok');
      assert.ok(health.service.length > 0, 'names the service');
      assert.ok(health.version.length > 0, 'reports a version');
      assert.ok(health.uptimeSeconds >= 0);
    });

    it('ResolveSession creates, finds, refuses conflicts and other identities, resets', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const identity = freshIdentity('resolve');
      const client = sdk(identity);
      const notes = uniqueKey('notes');
      const label = `My notes ${notes}`;
      const created = await client.resolveSession({ sessionKey: `  ${notes}  `, sessionLabel: label });
      assert.equal(created.created, true);
      assert.equal(created.session.sessionKey, notes, 'inputs are trimmed');
      assert.equal(created.session.sessionLabel, label);
      assert.match(created.session.sessionId, /^[0-9A-HJKMNP-TV-Z]{26}$/);

      const again = await client.resolveSession({ sessionKey: notes });
      assert.deepEqual([again.created, again.session.sessionId], [false, created.session.sessionId]);
      const byLabel = await client.resolveSession({ sessionLabel: label });
      assert.equal(byLabel.session.sessionId, created.session.sessionId, 'the label selects when alone');
      const byId = await client.resolveSession({ sessionId: created.session.sessionId });
      assert.equal(byId.session.sessionKey, notes);

      const givenId = newId();
      const withId = await client.resolveSession({ sessionId: givenId });
      assert.deepEqual(
        [withId.created, withId.session.sessionId, withId.session.sessionKey],
        [true, givenId, givenId],
        'a new session takes the given id, and the id as its key',
      );
      await rejectsWith(
        client.resolveSession({ sessionId: givenId, sessionKey: notes }),
        'INVALID_ARGUMENT',
        undefined,
        'id and key selecting different sessions',
      );
      await rejectsWith(
        client.resolveSession({ sessionKey: `missing-${newId()}`, requireExisting: true }),
        'NOT_FOUND',
        undefined,
        'require_existing on an unknown key',
      );
      const otherDevice = sdk({ principal: identity.principal, deviceId: newId() });
      await rejectsWith(
        otherDevice.resolveSession({ sessionKey: notes }),
        'FAILED_PRECONDITION',
        'session identity mismatch',
        'the same key from another device',
      );
      const reset = await client.resolveSession({ sessionKey: notes, resetSession: true });
      assert.deepEqual([reset.created, reset.resetApplied], [false, true]);
    });

    it('ListSessions returns only the caller’s sessions, ordered by key, paginated', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const identity = freshIdentity('list');
      const client = sdk(identity);
      const base = uniqueKey('list');
      const [a, b, c] = [`${base}-a`, `${base}-b`, `${base}-c`];
      for (const key of [c, a, b]) await client.resolveSession({ sessionKey: key });
      await sdk(freshIdentity('list-other')).resolveSession({ sessionKey: `${base}-0-someone-else` });

      const all = await client.listSessions();
      assert.deepEqual(
        all.sessions.map((session) => session.sessionKey),
        [a, b, c],
      );
      assert.equal(all.nextAfterSessionKey, undefined, 'one page');
      const first = await client.listSessions({ limit: 2 });
      assert.deepEqual(
        first.sessions.map((session) => session.sessionKey),
        [a, b],
      );
      assert.equal(first.nextAfterSessionKey, b);
      const second = await client.listSessions({ limit: 2, afterSessionKey: first.nextAfterSessionKey });
      assert.deepEqual(
        second.sessions.map((session) => session.sessionKey),
        [c],
      );
      assert.equal(second.nextAfterSessionKey, undefined);
    });

    it('CleanupSession archives once, frees the key and hides the session from the default list', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const client = sdk(freshIdentity('cleanup'));
      const scratch = uniqueKey('scratch');
      const { session } = await client.resolveSession({ sessionKey: scratch });
      const cleaned = await client.cleanupSession({ sessionKey: scratch });
      assert.deepEqual([cleaned.cleaned, cleaned.newlyArchived], [true, true]);
      assert.equal(cleaned.previousSessionKey, scratch);
      assert.match(cleaned.session?.sessionKey ?? '', new RegExp(`^archived:${session.sessionId}:\\d+$`));
      assert.ok((cleaned.session?.archivedAtUnixMs ?? 0) > 0, 'archived_at is set');

      const twice = await client.cleanupSession({ sessionId: session.sessionId });
      assert.deepEqual([twice.cleaned, twice.newlyArchived], [false, false]);
      assert.deepEqual((await client.listSessions()).sessions, [], 'archived sessions are not listed');
      assert.equal((await client.listSessions({ includeArchived: true })).sessions.length, 1);

      const fresh = await client.resolveSession({ sessionKey: scratch });
      assert.equal(fresh.created, true, 'the key is free again');
      assert.notEqual(fresh.session.sessionId, session.sessionId);
      await rejectsWith(
        client.cleanupSession({ sessionKey: `never-${newId()}` }),
        'NOT_FOUND',
        undefined,
        'cleanup of an unknown key',
      );
    });

    it('a chat run streams ACCEPTED, IN_PROGRESS, the echoed answer in chunks, DONE, with seqs from 1', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const identity = freshIdentity('chat');
      const client = sdk(identity);
      const input = sentence('word', 40);
      const sessionKey = uniqueKey('chat');
      const run = track(client, { text: input, sessionKey });
      run.handle.halfClose();
      const outcome = await run.finished();

      assert.equal(outcome.status, 'DONE', outcome.message);
      assert.equal(outcome.text, input, 'the deterministic provider echoes the input');
      assertContiguousFrom(run.events, 1, 'chat run');
      const [accepted, inProgress] = run.events;
      assert.ok(outcome.sessionId !== undefined);
      assert.deepEqual(accepted?.type === 'status' ? [accepted.kind, accepted.message] : accepted, [
        'ACCEPTED',
        `accepted session=${outcome.sessionId} principal=${identity.principal}`,
      ]);
      assert.equal(inProgress?.type === 'status' ? inProgress.kind : inProgress?.type, 'IN_PROGRESS');
      assert.deepEqual(
        statuses(run.events).map((event) => event.kind),
        ['ACCEPTED', 'IN_PROGRESS', 'DONE'],
      );
      assert.equal(run.events.at(-1)?.type, 'status', 'DONE is the last event');
      const chunks = tokens(run.events);
      assert.ok(chunks.length >= 3, `40 words come in several chunks (got ${chunks.length})`);
      for (const chunk of chunks) {
        assert.ok((chunk.text.match(/\S+/g) ?? []).length <= 16, 'a chunk holds at most 16 words');
      }
      assert.deepEqual(
        chunks.map((chunk) => chunk.isFinal),
        chunks.map((_, index) => index === chunks.length - 1),
        'only the last chunk is final',
      );
      assert.equal((await client.resolveSession({ sessionKey })).session.lastRunId, outcome.runId);
    });

    it('runs several turns in one run until the client half-closes', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const client = sdk(freshIdentity('turns'));
      const run = track(client, { text: 'first turn', sessionKey: uniqueKey('turns') });
      const firstAnswer = await run.until(isFinalToken, 'the first answer');
      run.handle.send('second turn');
      await run.until((event) => isFinalToken(event) && event.seq > firstAnswer.seq, 'the second answer');
      run.handle.halfClose();
      const outcome = await run.finished();

      assert.equal(outcome.status, 'DONE', outcome.message);
      assert.equal(outcome.text, 'first turnsecond turn');
      assertContiguousFrom(run.events, 1, 'multi-turn run');
      assert.deepEqual(
        statuses(run.events).map((event) => event.kind),
        ['ACCEPTED', 'IN_PROGRESS', 'DONE'],
        'one run, one set of statuses',
      );
      const turns = tokens(run.events).filter((token) => token.isFinal);
      assert.equal(turns.length, 2, 'one final chunk per turn');
    });

    it('`/cancel` during a run ends it FAILED `cancelled by request`', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const client = sdk(freshIdentity('cancel'));
      const run = track(client, { text: 'an answer, then a cancel', sessionKey: uniqueKey('cancel') });
      await run.until(isFinalToken, 'the answer');
      run.handle.send('/cancel');
      const outcome = await run.finished();
      assert.deepEqual([outcome.status, outcome.message], ['FAILED', CANCELLED_BY_REQUEST]);
      assertContiguousFrom(run.events, 1, 'cancelled run');
      const last = run.events.at(-1);
      assert.deepEqual(last?.type === 'status' ? [last.kind, last.message] : last, [
        'FAILED',
        CANCELLED_BY_REQUEST,
      ]);
    });

    it('AbortRun from another stream cancels the run; an unknown run is NOT_FOUND', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const identity = freshIdentity('abort');
      const run = track(sdk(identity), { text: 'to be aborted', sessionKey: uniqueKey('abort') });
      await run.until(isFinalToken, 'the answer');
      const other = sdk({ principal: identity.principal, deviceId: newId() });
      const aborted = await other.abortRun(run.handle.runId, 'changed my mind');
      assert.deepEqual([aborted.runId, aborted.cancelRequested], [run.handle.runId, true]);
      assert.equal(aborted.reason, 'changed my mind');
      const outcome = await run.finished();
      assert.deepEqual([outcome.status, outcome.message], ['FAILED', CANCELLED_BY_REQUEST]);
      await rejectsWith(other.abortRun(newId()), 'NOT_FOUND', undefined, 'AbortRun of an unknown run');
    });

    it('a detached client re-attaches with resume_from_seq and receives exactly the later events', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const client = sdk(freshIdentity('resume'));
      const input = sentence('resume', 40);
      const first = track(client, { text: input, sessionKey: uniqueKey('resume') });
      await first.until(isFinalToken, 'the whole answer');
      const seen = [...first.events];
      first.handle.detach();
      const sessionId = first.handle.sessionId;
      assert.ok(sessionId !== undefined);

      const resumeFrom = 3;
      assert.ok(seen.length > resumeFrom, `more than ${resumeFrom} events before detaching`);
      const second = track(client, { runId: first.handle.runId, sessionId, resumeFromSeq: resumeFrom });
      await second.until((event) => event.seq === seen.at(-1)?.seq, 'the replayed answer');
      second.handle.halfClose();
      const outcome = await second.finished();

      assert.equal(outcome.status, 'DONE', outcome.message);
      assertContiguousFrom(second.events, resumeFrom + 1, 'resumed stream');
      const strip = (event: RunEvent) => ({ ...event, timestampUnixMs: 0 });
      assert.deepEqual(
        second.events.slice(0, seen.length - resumeFrom).map(strip),
        seen.slice(resumeFrom).map(strip),
        'the replay equals what the first stream saw after that seq',
      );
      assert.deepEqual(
        second.events
          .slice(seen.length - resumeFrom)
          .map((event) => (event.type === 'status' ? event.kind : event.type)),
        ['DONE'],
        'then only what happened after the detach',
      );
      assert.equal(
        tokens([...seen.slice(0, resumeFrom), ...second.events])
          .map((token) => token.text)
          .join(''),
        input,
        'the first stream up to the resume point plus the resumed stream hold the whole answer once',
      );
    });

    it('the session’s journal chain verifies after runs', { timeout: TEST_TIMEOUT_MS }, async () => {
      const client = sdk(freshIdentity('verify'));
      const sessionKey = uniqueKey('verify');
      for (const text of ['one', 'two three']) {
        const outcome = await withTimeout(client.chat(text, { sessionKey }), 'chat');
        assert.equal(outcome.status, 'DONE', outcome.message);
      }
      const { session } = await client.resolveSession({ sessionKey, requireExisting: true });
      const verification = await client.verifySessionChain(session.sessionId);
      assert.equal(verification.ok, true, verification.reason);
      assert.ok(verification.length >= 10, `the chain holds both runs' events (${verification.length})`);
      assert.match(verification.headHash, /^[0-9a-f]{64}$/);
    });

    it('rejects bad input: v = 2, malformed ULIDs naming the field, missing or wrong credentials', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const client = reference();
      const identity = freshIdentity('bad-input');
      await assert.rejects(referenceUnary(client, 'GetHealth', { v: 2 }), (error) =>
        isServiceError(error, status.FAILED_PRECONDITION, 'unsupported protocol major version'),
      );
      await assert.rejects(
        referenceUnary(
          client,
          'ResolveSession',
          { v: 2, session_key: uniqueKey('v2') },
          metadataOf(identity),
        ),
        (error) => isServiceError(error, status.FAILED_PRECONDITION),
      );
      await assert.rejects(
        referenceUnary(
          client,
          'ResolveSession',
          { v: 1, session_id: { ulid: 'not-a-ulid' } },
          metadataOf(identity),
        ),
        (error) => isServiceError(error, status.INVALID_ARGUMENT, 'session_id'),
      );
      await assert.rejects(
        referenceUnary(
          client,
          'AbortRun',
          { v: 1, run_id: { ulid: newId().toLowerCase() } },
          metadataOf(identity),
        ),
        (error) => isServiceError(error, status.INVALID_ARGUMENT, 'run_id'),
      );
      await assert.rejects(
        referenceUnary(client, 'ListSessions', { v: 1 }, metadataOf(identity, null)),
        (error) => isServiceError(error, status.PERMISSION_DENIED),
      );
      await assert.rejects(
        referenceUnary(client, 'ListSessions', { v: 1 }, metadataOf(identity, 'not-the-admin-token-at-all')),
        (error) => isServiceError(error, status.PERMISSION_DENIED),
      );
      await assert.rejects(
        referenceUnary(client, 'ListSessions', { v: 1 }, metadataOf({ ...identity, deviceId: 'device-1' })),
        (error) => isServiceError(error, status.PERMISSION_DENIED, 'x-palyra-device-id'),
      );

      const badVersion = referenceRunStream(client, metadataOf(identity));
      badVersion.write({ v: 2, run_id: { ulid: newId() }, input: { v: 1, content: { text: 'x' } } });
      const versionResult = await withTimeout(collectStream(badVersion), 'RunStream v=2 to end');
      assert.equal(versionResult.code, status.FAILED_PRECONDITION, versionResult.details);

      const badRunId = referenceRunStream(client, metadataOf(identity));
      badRunId.write({ v: 1, run_id: { ulid: 'abc' }, input: { v: 1, content: { text: 'x' } } });
      const runIdResult = await withTimeout(collectStream(badRunId), 'RunStream with a bad run_id to end');
      assert.equal(runIdResult.code, status.INVALID_ARGUMENT, runIdResult.details);
      assert.match(runIdResult.details, /run_id/);

      const switching = referenceRunStream(client, metadataOf(identity));
      let sentSecond = false;
      const switched = collectStream(switching, (event) => {
        if (sentSecond || event.model_token?.is_final !== true) return;
        sentSecond = true;
        switching.write({ v: 1, run_id: { ulid: newId() }, input: { v: 1, content: { text: 'y' } } });
      });
      switching.write({
        v: 1,
        run_id: { ulid: newId() },
        session_key: uniqueKey('switch'),
        input: { v: 1, content: { text: 'x' } },
      });
      const switchResult = await withTimeout(switched, 'RunStream switching run_id to end');
      assert.equal(switchResult.code, status.INVALID_ARGUMENT, switchResult.details);
      assert.match(switchResult.details, /cannot switch run_id mid-stream/);
    });

    it('a client built only from the public Palyra v1 protocol runs the whole flow', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const client = reference();
      const identity = freshIdentity('reference');
      const health = await referenceUnary<{ v: number; status: string }>(client, 'GetHealth', { v: 1 });
      assert.deepEqual([health.v, health.status], [1, 'ok']);

      const sessionKey = uniqueKey('reference');
      const resolved = await referenceUnary<{ created: boolean; session: { session_id: { ulid: string } } }>(
        client,
        'ResolveSession',
        { v: 1, session_key: sessionKey },
        metadataOf(identity),
      );
      assert.equal(resolved.created, true);
      const sessionId = resolved.session.session_id.ulid;
      const listed = await referenceUnary<{ sessions: { session_key: string }[] }>(
        client,
        'ListSessions',
        { v: 1 },
        metadataOf(identity),
      );
      assert.deepEqual(
        listed.sessions.map((session) => session.session_key),
        [sessionKey],
      );

      // RunStream to DONE: open with the session, send input, half-close.
      const runId = newId();
      const call = referenceRunStream(client, metadataOf(identity));
      const done = collectStream(call);
      call.write({
        v: 1,
        session_id: { ulid: sessionId },
        run_id: { ulid: runId },
        input: {
          v: 1,
          envelope_id: { ulid: newId() },
          timestamp_unix_ms: Date.now(),
          origin: { type: 'ORIGIN_TYPE_CLI' },
          content: { text: 'hello from the reference client' },
        },
      });
      call.end();
      const result = await withTimeout(done, 'the reference RunStream to end');
      assert.equal(result.code, status.OK, result.details);
      assert.deepEqual(
        result.events.filter((event) => event.body === 'status').map((event) => event.status?.kind),
        ['STATUS_KIND_ACCEPTED', 'STATUS_KIND_IN_PROGRESS', 'STATUS_KIND_DONE'],
      );
      assert.equal(
        result.events.find((event) => event.body === 'status')?.status?.message,
        `accepted session=${sessionId} principal=${identity.principal}`,
      );
      assert.equal(
        result.events.map((event) => event.model_token?.token ?? '').join(''),
        'hello from the reference client',
      );
      assert.ok(
        result.events.every((event) => event.v === 1),
        'every event carries v = 1',
      );

      // AbortRun of a run waiting for more input: the stream ends FAILED `cancelled by request`.
      const abortedRunId = newId();
      const open = referenceRunStream(client, metadataOf(identity));
      let answered: () => void = () => {};
      const answer = new Promise<void>((resolve) => {
        answered = resolve;
      });
      const ended = collectStream(open, (event) => {
        if (event.model_token?.is_final === true) answered();
      });
      open.write({
        v: 1,
        session_id: { ulid: sessionId },
        run_id: { ulid: abortedRunId },
        input: { v: 1, content: { text: 'abort me' } },
      });
      await withTimeout(answer, 'the answer before the abort');
      const aborted = await referenceUnary<{
        v: number;
        run_id: { ulid: string };
        cancel_requested: boolean;
      }>(client, 'AbortRun', { v: 1, run_id: { ulid: abortedRunId }, reason: '' }, metadataOf(identity));
      assert.deepEqual([aborted.v, aborted.run_id.ulid, aborted.cancel_requested], [1, abortedRunId, true]);
      const abortResult = await withTimeout(ended, 'the aborted RunStream to end');
      assert.equal(abortResult.code, status.OK, abortResult.details);
      const last = abortResult.events.at(-1);
      assert.deepEqual(
        [last?.status?.kind, last?.status?.message],
        ['STATUS_KIND_FAILED', CANCELLED_BY_REQUEST],
      );
    });
  });
}
