import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { createPalyraClient, type PalyraClient, PalyraClientError, parseEndpoint } from '@palyra/client';
import { newId } from '@palyra/core';
import type {
  ApprovalRecord,
  DecideApprovalRequest__Output,
  ListApprovalsRequest__Output,
  SessionSummary,
} from '@palyra/proto';
import {
  acceptedMessage,
  type FakeGateway,
  PALYRA_APPROVAL_OPTIONS,
  startFakeGateway,
  statusEvent,
  tokenEvent,
} from './fake-gateway.js';

const TOKEN = 'test-token-0123456789';
const DEVICE_ID = newId();
const SESSION_ID = newId();
const RUN_ID = newId();
const KEYS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const APPROVAL_ID = newId();

function approvalRecord(decided?: DecideApprovalRequest__Output): ApprovalRecord {
  return {
    v: 1,
    approval_id: { ulid: APPROVAL_ID },
    session_id: { ulid: SESSION_ID },
    run_id: { ulid: RUN_ID },
    principal: 'user:test',
    device_id: DEVICE_ID,
    channel: 'cli',
    requested_at_unix_ms: 1_700_000_000_000,
    resolved_at_unix_ms: decided === undefined ? 0 : 1_700_000_005_000,
    subject_type: 'APPROVAL_SUBJECT_TYPE_TOOL',
    subject_id: 'palyra.http.fetch',
    request_summary: 'GET https://example.com/',
    decision:
      decided === undefined
        ? 'APPROVAL_DECISION_UNSPECIFIED'
        : decided.approved
          ? 'APPROVAL_DECISION_ALLOW'
          : 'APPROVAL_DECISION_DENY',
    decision_scope: decided?.decision_scope ?? 'APPROVAL_DECISION_SCOPE_UNSPECIFIED',
    decision_scope_ttl_ms: decided?.decision_scope_ttl_ms ?? 0,
    decision_reason: decided?.reason ?? '',
    policy_snapshot: {
      policy_id: 'palyra.tools.v1',
      policy_hash: 'cd'.repeat(32),
      evaluation_summary: 'ask',
    },
    prompt: {
      title: 'Fetch a URL',
      risk_level: 'APPROVAL_RISK_LEVEL_HIGH',
      summary: 'GET https://example.com/',
      options: PALYRA_APPROVAL_OPTIONS,
      timeout_seconds: 60,
    },
  };
}

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
  const approvalLists: ListApprovalsRequest__Output[] = [];
  const approvalDecisions: DecideApprovalRequest__Output[] = [];

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
        CreateAgent: (call, callback) => {
          const request = call.request;
          callback(null, {
            v: 1,
            agent: {
              agent_id: request.agent_id.toLowerCase(),
              display_name: request.display_name,
              agent_dir: request.agent_dir || `agents/${request.agent_id.toLowerCase()}`,
              workspace_roots: request.workspace_roots.length > 0 ? request.workspace_roots : ['workspace'],
              default_model_profile: request.default_model_profile,
              default_tool_allowlist: request.default_tool_allowlist,
              default_skill_allowlist: request.default_skill_allowlist,
              created_at_unix_ms: 10,
              updated_at_unix_ms: 10,
            },
            default_changed: request.set_default,
            default_agent_id: request.set_default ? request.agent_id.toLowerCase() : 'main',
          });
        },
        BindAgentForContext: (call, callback) => {
          const request = call.request;
          callback(null, {
            v: 1,
            binding: {
              agent_id: request.agent_id,
              principal: request.principal || 'user:test',
              channel: request.channel,
              session_id: request.session_id,
              updated_at_unix_ms: 11,
            },
            created: true,
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
      approvals: {
        ListApprovals: (call, callback) => {
          approvalLists.push(call.request);
          callback(null, { v: 1, approvals: [approvalRecord()], next_after_approval_ulid: APPROVAL_ID });
        },
        GetApproval: (call, callback) => {
          if (call.request.approval_id?.ulid !== APPROVAL_ID) {
            callback({ code: status.NOT_FOUND, details: 'approval not found' });
            return;
          }
          callback(null, { v: 1, approval: approvalRecord() });
        },
        DecideApproval: (call, callback) => {
          approvalDecisions.push(call.request);
          callback(null, { v: 1, approval: approvalRecord(call.request) });
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

  it('creates an agent and binds it to a session', async () => {
    const created = await client.createAgent({
      agentId: 'Claude',
      displayName: 'Claude',
      modelProfile: 'anthropic',
      toolAllowlist: ['palyra.echo'],
      setDefault: true,
    });
    assert.deepEqual(created, {
      agent: {
        agentId: 'claude',
        displayName: 'Claude',
        agentDir: 'agents/claude',
        workspaceRoots: ['workspace'],
        modelProfile: 'anthropic',
        toolAllowlist: ['palyra.echo'],
        skillAllowlist: [],
        createdAtUnixMs: 10,
        updatedAtUnixMs: 10,
      },
      defaultChanged: true,
      defaultAgentId: 'claude',
    });
    const bound = await client.bindAgentForContext({ agentId: 'claude', sessionId: SESSION_ID });
    assert.deepEqual(bound, {
      binding: {
        agentId: 'claude',
        principal: 'user:test',
        channel: '',
        sessionId: SESSION_ID,
        updatedAtUnixMs: 11,
      },
      created: true,
    });
    await assert.rejects(client.bindAgentForContext({ agentId: 'claude', sessionId: 'nope' }), {
      code: 'INVALID_ARGUMENT',
    });
  });

  it('lists, reads and decides approvals through ApprovalsService with the auth metadata', async () => {
    gateway.calls.length = 0;
    approvalLists.length = 0;
    approvalDecisions.length = 0;
    const page = await client.listApprovals({ limit: 10, subjectId: 'palyra.http.fetch', decision: 'DENY' });
    assert.equal(page.nextAfterApprovalId, APPROVAL_ID);
    assert.equal(page.approvals.length, 1);
    const pending = page.approvals[0];
    assert.equal(pending?.approvalId, APPROVAL_ID);
    assert.equal(pending?.decision, 'PENDING');
    assert.equal(pending?.subjectType, 'TOOL');
    assert.equal(pending?.policy.policyId, 'palyra.tools.v1');
    assert.deepEqual(
      pending?.prompt?.options.map((option) => option.label),
      ['Allow once', 'Allow for this session', 'Deny'],
    );
    assert.deepEqual(await client.getApproval(APPROVAL_ID), pending);
    await assert.rejects(client.getApproval(newId()), { code: 'NOT_FOUND', message: 'approval not found' });

    const decided = await client.decideApproval(APPROVAL_ID, {
      approved: true,
      scope: 'TIMEBOXED',
      scopeTtlMs: 60_000,
      reason: 'fine for a minute',
    });
    assert.equal(decided.decision, 'ALLOW');
    assert.equal(decided.scope, 'TIMEBOXED');
    assert.equal(decided.scopeTtlMs, 60_000);
    assert.equal(decided.decisionReason, 'fine for a minute');
    const denied = await client.decideApproval(APPROVAL_ID, { approved: false });
    assert.equal(denied.decision, 'DENY');
    assert.equal(denied.scope, 'ONCE', 'the default scope is ONCE');

    const [list] = approvalLists;
    const [decide] = approvalDecisions;
    assert.equal(list?.limit, 10);
    assert.equal(list?.subject_id, 'palyra.http.fetch');
    assert.equal(list?.decision, 'APPROVAL_DECISION_DENY');
    assert.equal(decide?.approval_id?.ulid, APPROVAL_ID);
    assert.equal(decide?.decision_scope, 'APPROVAL_DECISION_SCOPE_TIMEBOXED');
    assert.equal(decide?.decision_scope_ttl_ms, 60_000);
    for (const call of gateway.calls) {
      assert.equal(call.metadata.authorization, `Bearer ${TOKEN}`, `${call.method} carries the token`);
    }
    await assert.rejects(client.decideApproval('not-a-ulid', { approved: true }), {
      code: 'INVALID_ARGUMENT',
    });
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
