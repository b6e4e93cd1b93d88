import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { createPalyraClient, type PalyraClient, PalyraClientError, parseEndpoint } from '@palyra/client';
import { newId } from '@palyra/core';
import type { SessionSummary } from '@palyra/proto';
import {
  acceptedMessage,
  type FakeGateway,
  startFakeGateway,
  statusEvent,
  tokenEvent,
} from './fake-gateway.js';

const TOKEN = 'test-token-0123456789';
const DEVICE_ID = newId();
const SESSION_ID = newId();
const RUN_ID = newId();
const KEYS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

function summary(key: string): SessionSummary {
  return {
    session_id: { ulid: SESSION_ID },
    session_key: key,
    session_label: `label ${key}`,
    created_at_unix_ms: 1,
    updated_at_unix_ms: 2,
    last_run_state: 'done',
  };
}

describe('PalyraClient unary calls', () => {
  let gateway: FakeGateway;
  let client: PalyraClient;
  const listRequests: { after: string; limit: number; archived: boolean; q: string }[] = [];

  before(async () => {
    gateway = await startFakeGateway({
      runStream: async (stream) => {
        const runId = (await stream.next())?.run_id?.ulid ?? '';
        stream.send(statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)));
        await stream.untilHalfClosed();
        stream.send(tokenEvent(runId, 2, 'ok', true), statusEvent(runId, 3, 'DONE'));
        stream.end();
      },
      gateway: {
        ResolveSession: (call, callback) => {
          if (call.request.session_key === 'someone-else') {
            callback({ code: status.FAILED_PRECONDITION, details: 'session identity mismatch' });
            return;
          }
          callback(null, {
            v: 1,
            session: summary(call.request.session_key),
            created: true,
            reset_applied: false,
          });
        },
        ListSessions: (call, callback) => {
          const { after_session_key: after, limit, include_archived: archived, q } = call.request;
          listRequests.push({ after, limit, archived, q });
          const start = after === '' ? 0 : KEYS.indexOf(after) + 1;
          const page = KEYS.slice(start, start + limit);
          const last = page.at(-1);
          const more = last !== undefined && KEYS.indexOf(last) < KEYS.length - 1;
          callback(null, { v: 1, sessions: page.map(summary), next_after_session_key: more ? last : '' });
        },
        CleanupSession: (call, callback) => {
          callback(null, {
            v: 1,
            session: { ...summary(`archived:${SESSION_ID}:1`), archived_at_unix_ms: 5 },
            cleaned: true,
            newly_archived: true,
            previous_session_key: call.request.session_key,
            run_count: 2,
          });
        },
        AbortRun: (call, callback) => {
          callback(null, {
            v: 1,
            run_id: call.request.run_id,
            cancel_requested: true,
            reason: call.request.reason || 'grpc_abort_requested',
          });
        },
        AppendEvent: (call, callback) => {
          const event = call.request.event;
          assert.equal(event?.kind, 'EVENT_KIND_MESSAGE_RECEIVED');
          assert.equal(event?.actor, 'EVENT_ACTOR_USER');
          assert.deepEqual(JSON.parse(event?.payload_json.toString('utf8') ?? ''), { text: 'hello' });
          callback(null, { v: 1, event_id: { ulid: RUN_ID }, accepted: true });
        },
      },
      journal: {
        VerifySessionChain: (call, callback) => {
          const ok = call.request.session_id?.ulid === SESSION_ID;
          callback(null, {
            v: 1,
            ok,
            length: 7,
            head_hash: ok ? 'ab'.repeat(32) : '',
            broken_at_chain_seq: ok ? 0 : 4,
            reason: ok ? '' : 'hash mismatch',
          });
        },
        ListRunEvents: (call, callback) => {
          const runId = call.request.run_id?.ulid ?? '';
          const all = [
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            tokenEvent(runId, 2, 'a'),
            tokenEvent(runId, 3, 'b', true),
            statusEvent(runId, 4, 'DONE'),
          ];
          const events = all.filter((event) => Number(event.seq) > call.request.after_seq).slice(0, 2);
          const last = Number(events.at(-1)?.seq ?? 0);
          callback(null, { v: 1, events, next_after_seq: last < 4 ? last : 0 });
        },
      },
    });
    client = createPalyraClient({
      url: `grpc://${gateway.url}`,
      token: TOKEN,
      principal: 'user:test',
      deviceId: DEVICE_ID,
      channel: 'cli',
      tenant: 'acme',
    });
  });

  after(async () => {
    client.close();
    await gateway.close();
  });

  it('sends the auth metadata on every call but GetHealth', async () => {
    gateway.calls.length = 0;
    const health = await client.health();
    assert.deepEqual(health, {
      service: 'palyra-gateway',
      status: 'ok',
      version: '0.1.0',
      gitHash: 'abc1234',
      buildProfile: 'test',
      uptimeSeconds: 42,
    });
    await client.resolveSession({ sessionKey: 'notes' });
    await client.listSessions({ limit: 2 });
    await client.abortRun(RUN_ID);
    await client.verifySessionChain(SESSION_ID);
    await client.chat('hi');

    const [healthCall, ...others] = gateway.calls;
    assert.equal(healthCall?.method, 'GetHealth');
    assert.equal(healthCall?.metadata.authorization, undefined);
    assert.equal(healthCall?.metadata['x-palyra-principal'], undefined);
    assert.deepEqual(
      others.map((call) => call.method),
      ['ResolveSession', 'ListSessions', 'AbortRun', 'VerifySessionChain', 'RunStream'],
    );
    for (const call of others) {
      assert.equal(call.metadata.authorization, `Bearer ${TOKEN}`, call.method);
      assert.equal(call.metadata['x-palyra-principal'], 'user:test', call.method);
      assert.equal(call.metadata['x-palyra-device-id'], DEVICE_ID, call.method);
      assert.equal(call.metadata['x-palyra-channel'], 'cli', call.method);
      assert.equal(call.metadata['x-palyra-tenant'], 'acme', call.method);
    }
  });

  it('maps a gRPC status to PalyraClientError with the status name and the server message', async () => {
    const error = await client
      .resolveSession({ sessionKey: 'someone-else' })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof PalyraClientError);
    assert.equal(error.code, 'FAILED_PRECONDITION');
    assert.equal(error.grpcCode, status.FAILED_PRECONDITION);
    assert.equal(error.message, 'session identity mismatch');
  });

  it('rejects a malformed id locally without calling the gateway', async () => {
    const before = gateway.calls.length;
    await assert.rejects(client.abortRun('01-not-a-ulid'), {
      code: 'INVALID_ARGUMENT',
      message: 'runId must be a canonical ULID',
    });
    await assert.rejects(client.verifySessionChain(''), {
      code: 'INVALID_ARGUMENT',
      message: 'sessionId is required',
    });
    assert.equal(gateway.calls.length, before);
  });

  it('maps sessions to plain objects with string ids', async () => {
    const resolved = await client.resolveSession({ sessionKey: ' notes ' });
    assert.equal(resolved.created, true);
    assert.equal(resolved.session.sessionId, SESSION_ID);
    assert.equal(resolved.session.sessionKey, 'notes', 'inputs are trimmed');
    assert.equal(resolved.session.lastRunId, undefined);
    assert.equal(resolved.session.lastRunState, 'done');
  });

  it('iterates every page of sessions with the same filters', async () => {
    listRequests.length = 0;
    const keys: string[] = [];
    for await (const session of client.iterateSessions({ limit: 2, includeArchived: true, query: 'a' })) {
      keys.push(session.sessionKey);
    }
    assert.deepEqual(keys, KEYS);
    assert.deepEqual(listRequests, [
      { after: '', limit: 2, archived: true, q: 'a' },
      { after: 'bravo', limit: 2, archived: true, q: 'a' },
      { after: 'delta', limit: 2, archived: true, q: 'a' },
    ]);
  });

  it('cleans up a session by key and aborts a run with the default reason', async () => {
    const cleaned = await client.cleanupSession({ sessionKey: 'notes' });
    assert.equal(cleaned.cleaned, true);
    assert.equal(cleaned.previousSessionKey, 'notes');
    assert.equal(cleaned.runCount, 2);
    assert.equal(cleaned.session?.archivedAtUnixMs, 5);
    const aborted = await client.abortRun(RUN_ID);
    assert.deepEqual(aborted, { runId: RUN_ID, cancelRequested: true, reason: 'grpc_abort_requested' });
    await assert.rejects(client.cleanupSession({}), { code: 'INVALID_ARGUMENT' });
  });

  it('appends a journal event with a JSON payload', async () => {
    const result = await client.appendEvent({
      sessionId: SESSION_ID,
      runId: RUN_ID,
      kind: 'EVENT_KIND_MESSAGE_RECEIVED',
      actor: 'EVENT_ACTOR_USER',
      payload: { text: 'hello' },
    });
    assert.deepEqual(result, { eventId: RUN_ID, accepted: true });
  });

  it('reports chain verification and the first broken link', async () => {
    const ok = await client.verifySessionChain(SESSION_ID);
    assert.deepEqual(ok, {
      ok: true,
      length: 7,
      headHash: 'ab'.repeat(32),
      brokenAtChainSeq: undefined,
      reason: '',
    });
    const broken = await client.verifySessionChain(newId());
    assert.equal(broken.ok, false);
    assert.equal(broken.brokenAtChainSeq, 4);
    assert.equal(broken.reason, 'hash mismatch');
  });

  it('pages through run events from the journal as typed events', async () => {
    const first = await client.listRunEvents(RUN_ID);
    assert.deepEqual(
      first.events.map((event) => [event.seq, event.type]),
      [
        [1, 'status'],
        [2, 'token'],
      ],
    );
    assert.equal(first.nextAfterSeq, 2);
    const second = await client.listRunEvents(RUN_ID, first.nextAfterSeq);
    assert.deepEqual(
      second.events.map((event) => event.seq),
      [3, 4],
    );
    assert.equal(second.nextAfterSeq, undefined);
  });
});

describe('createPalyraClient options', () => {
  it('accepts host:port, grpc:// and grpcs:// addresses', () => {
    assert.deepEqual(parseEndpoint('127.0.0.1:7443'), { target: '127.0.0.1:7443', tls: false });
    assert.deepEqual(parseEndpoint('grpc://gateway:7443/'), { target: 'gateway:7443', tls: false });
    assert.deepEqual(parseEndpoint('grpcs://palyra.example.com:443'), {
      target: 'palyra.example.com:443',
      tls: true,
    });
    assert.throws(() => parseEndpoint('http://gateway:7443'), { code: 'INVALID_ARGUMENT' });
  });

  it('refuses an identity the gateway would reject, before dialling', () => {
    const base = { url: '127.0.0.1:1', token: TOKEN, principal: 'user:test', deviceId: DEVICE_ID };
    assert.throws(() => createPalyraClient({ ...base, deviceId: 'device-1' }), {
      message: 'deviceId must be a canonical ULID',
    });
    assert.throws(() => createPalyraClient({ ...base, principal: ' ' }), {
      message: 'principal is required',
    });
    assert.throws(() => createPalyraClient({ ...base, token: 'two words' }), {
      message: 'token must not contain whitespace',
    });
  });

  it('reports an unreachable gateway as UNAVAILABLE', async () => {
    const client = createPalyraClient({
      url: '127.0.0.1:1',
      token: TOKEN,
      principal: 'user:test',
      deviceId: DEVICE_ID,
      callTimeoutMs: 2000,
    });
    try {
      await assert.rejects(client.health(), { code: 'UNAVAILABLE', grpcCode: 14 });
    } finally {
      client.close();
    }
  });
});
