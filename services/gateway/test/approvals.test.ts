import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { type Metadata, status } from '@grpc/grpc-js';
import type { ControlMessage } from '@palyra/bus';
import { newId } from '@palyra/core';
import type { ApprovalRecord, RunRecord } from '@palyra/journal';
import type {
  ApprovalsServiceClient,
  DecideApprovalRequest,
  DecideApprovalResponse__Output,
  ExportApprovalsRequest,
  ExportApprovalsResponse__Output,
  GetApprovalResponse__Output,
  ListApprovalsRequest,
  ListApprovalsResponse__Output,
} from '@palyra/proto';
import { nextValue, waitFor } from '@palyra/testkit';
import { APPROVAL_EXPORT_CHUNK_BYTES, verifyApprovalExport } from '../src/approvals/approval-export.js';
import { PROMPT, seedApproval } from './approval-fixtures.js';
import {
  assertError,
  failure,
  HARNESS_KINDS,
  type Harness,
  openHarness,
  TENANT,
  testOn,
  unary,
} from './harness.js';

/** A session and an accepted run of `principal`, as admission leaves them. */
async function seedRun(harness: Harness, principal: string, tenantId = TENANT): Promise<RunRecord> {
  await harness.repositories.tenants.ensure(tenantId);
  const deviceId = newId();
  const session = await harness.repositories.sessions.create(tenantId, {
    principal,
    deviceId,
    channel: 'cli',
    sessionKey: `session-${newId()}`,
  });
  const { run } = await harness.repositories.runs.create(tenantId, {
    runId: newId(),
    sessionId: session.sessionId,
    principal,
    deviceId,
    channel: 'cli',
    state: 'accepted',
  });
  return run;
}

function approvalCalls(client: ApprovalsServiceClient, metadata: Metadata) {
  return {
    list: (request: ListApprovalsRequest = {}) =>
      unary<ListApprovalsResponse__Output>((done) =>
        client.ListApprovals({ v: 1, ...request }, metadata, done),
      ),
    get: (approvalId: string) =>
      unary<GetApprovalResponse__Output>((done) =>
        client.GetApproval({ v: 1, approval_id: { ulid: approvalId } }, metadata, done),
      ),
    decide: (approvalId: string, request: Omit<DecideApprovalRequest, 'approval_id'>) =>
      unary<DecideApprovalResponse__Output>((done) =>
        client.DecideApproval({ v: 1, approval_id: { ulid: approvalId }, ...request }, metadata, done),
      ),
    export: (request: ExportApprovalsRequest) =>
      new Promise<ExportApprovalsResponse__Output[]>((resolve, reject) => {
        const chunks: ExportApprovalsResponse__Output[] = [];
        const call = client.ExportApprovals({ v: 1, ...request }, metadata);
        call.on('data', (chunk: ExportApprovalsResponse__Output) => chunks.push(chunk));
        call.on('error', reject);
        call.on('end', () => resolve(chunks));
      }),
  };
}

interface Callers {
  readonly admin: ReturnType<typeof approvalCalls>;
  readonly alice: ReturnType<typeof approvalCalls>;
  readonly bob: ReturnType<typeof approvalCalls>;
  readonly otherTenantAdmin: ReturnType<typeof approvalCalls>;
}

/** An admin (admin token), alice and bob (plain JWT users) and an admin of another tenant. */
async function callers(harness: Harness): Promise<Callers> {
  const client = (await harness.startGateway()).approvalsClient();
  const user = async (principal: string) => approvalCalls(client, await harness.jwtMetadata(principal));
  const otherTenant = harness.metadata(harness.identity('admin:ops'));
  otherTenant.set('x-palyra-tenant', 'globex');
  return {
    admin: approvalCalls(client, harness.metadata(harness.identity('admin:ops'))),
    alice: await user('user:alice'),
    bob: await user('user:bob'),
    otherTenantAdmin: approvalCalls(client, otherTenant),
  };
}

function ids(response: ListApprovalsResponse__Output): string[] {
  return response.approvals.map((approval) => approval.approval_id?.ulid ?? '');
}

for (const kind of HARNESS_KINDS) {
  describe(`ApprovalsService (${kind})`, () => {
    testOn(
      kind,
      'postgres',
      'ListApprovals pages newest first and filters by principal, subject, decision, type and time',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { admin, alice } = await callers(harness);
        const aliceRun = await seedRun(harness, 'user:alice');
        const bobRun = await seedRun(harness, 'user:bob');
        const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
        const a1 = await seedApproval(harness.repositories, aliceRun, { requestedAt: minutesAgo(40) });
        const a2 = await seedApproval(harness.repositories, aliceRun, {
          requestedAt: minutesAgo(30),
          subjectId: 'palyra.sleep',
        });
        const a3 = await seedApproval(harness.repositories, aliceRun, { requestedAt: minutesAgo(20) });
        const b1 = await seedApproval(harness.repositories, bobRun, { requestedAt: minutesAgo(10) });
        await harness.repositories.approvals.decide(TENANT, a1.approvalId, {
          decision: 'allow',
          scope: 'once',
          reason: 'fine',
          decidedBy: 'user:alice',
        });
        const all = [b1, a3, a2, a1].map((approval) => approval.approvalId);

        assert.deepEqual(ids(await admin.list()), all);
        const page1 = await admin.list({ limit: 3 });
        assert.deepEqual(ids(page1), all.slice(0, 3));
        assert.equal(page1.next_after_approval_ulid, a2.approvalId);
        const page2 = await admin.list({ limit: 3, after_approval_ulid: page1.next_after_approval_ulid });
        assert.deepEqual(ids(page2), [a1.approvalId]);
        assert.equal(page2.next_after_approval_ulid, '');

        assert.deepEqual(ids(await admin.list({ principal: 'user:bob' })), [b1.approvalId]);
        assert.deepEqual(ids(await admin.list({ subject_id: 'palyra.sleep' })), [a2.approvalId]);
        assert.deepEqual(ids(await admin.list({ decision: 'APPROVAL_DECISION_ALLOW' })), [a1.approvalId]);
        assert.deepEqual(ids(await admin.list({ subject_type: 'APPROVAL_SUBJECT_TYPE_TOOL' })), all);
        assert.deepEqual(ids(await admin.list({ subject_type: 'APPROVAL_SUBJECT_TYPE_CHANNEL_SEND' })), []);
        assert.deepEqual(ids(await admin.list({ since_unix_ms: minutesAgo(35).getTime() })), all.slice(0, 3));
        assert.deepEqual(ids(await admin.list({ until_unix_ms: minutesAgo(25).getTime() })), all.slice(2));
        assertError(
          await failure(admin.list({ since_unix_ms: Date.now(), until_unix_ms: Date.now() - 1_000 })),
          status.INVALID_ARGUMENT,
          'since_unix_ms must not be greater than until_unix_ms',
        );
        assertError(
          await failure(admin.list({ after_approval_ulid: 'nope' })),
          status.INVALID_ARGUMENT,
          'after_approval_ulid must be a canonical ULID',
        );
        assertError(
          await failure(admin.list({ v: 2 })),
          status.FAILED_PRECONDITION,
          'unsupported protocol major version',
        );

        // Non-admins see only their own approvals, whatever they ask for.
        assert.deepEqual(
          ids(await alice.list()),
          [a3, a2, a1].map((approval) => approval.approvalId),
        );
        assert.deepEqual(ids(await alice.list({ principal: 'user:bob' })), []);
      },
    );

    testOn(
      kind,
      'postgres',
      'GetApproval maps the record field by field; another principal or tenant gets NOT_FOUND',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { admin, alice, bob, otherTenantAdmin } = await callers(harness);
        const run = await seedRun(harness, 'user:alice');
        const approval = await seedApproval(harness.repositories, run);

        const { approval: message } = await alice.get(approval.approvalId);
        assert.deepEqual(message, {
          v: 1,
          approval_id: { ulid: approval.approvalId },
          session_id: { ulid: run.sessionId },
          run_id: { ulid: run.runId },
          principal: 'user:alice',
          device_id: run.deviceId,
          channel: 'cli',
          requested_at_unix_ms: approval.requestedAt.getTime(),
          resolved_at_unix_ms: 0,
          subject_type: 'APPROVAL_SUBJECT_TYPE_TOOL',
          subject_id: 'palyra.http.fetch',
          request_summary: 'palyra.http.fetch GET https://example.com/',
          decision: 'APPROVAL_DECISION_UNSPECIFIED',
          decision_scope: 'APPROVAL_DECISION_SCOPE_UNSPECIFIED',
          policy_snapshot: {
            policy_id: 'palyra.tool_policy',
            policy_hash: 'ab'.repeat(32),
            evaluation_summary: 'palyra.http.fetch is in the approval-required set',
          },
          prompt: {
            title: PROMPT.title,
            risk_level: 'APPROVAL_RISK_LEVEL_HIGH',
            subject_id: 'palyra.http.fetch',
            summary: PROMPT.summary,
            options: [
              {
                option_id: 'allow_once',
                label: 'Allow once',
                description: 'Run this call only',
                default_selected: true,
                decision_scope: 'APPROVAL_DECISION_SCOPE_ONCE',
                timebox_ttl_ms: 0,
              },
              {
                option_id: 'allow_10m',
                label: 'Allow for 10 minutes',
                description: 'Later calls in this session run without asking',
                default_selected: false,
                decision_scope: 'APPROVAL_DECISION_SCOPE_TIMEBOXED',
                timebox_ttl_ms: 600_000,
              },
            ],
            timeout_seconds: 60,
            details_json: Buffer.from(PROMPT.details_json),
            policy_explanation: PROMPT.policy_explanation,
          },
          decision_reason: '',
          decision_scope_ttl_ms: 0,
        });
        assert.equal((await admin.get(approval.approvalId)).approval?.principal, 'user:alice');

        const notFound = `approval ${approval.approvalId} not found`;
        assertError(await failure(bob.get(approval.approvalId)), status.NOT_FOUND, notFound);
        assertError(await failure(otherTenantAdmin.get(approval.approvalId)), status.NOT_FOUND, notFound);
        const unknown = newId();
        assertError(await failure(admin.get(unknown)), status.NOT_FOUND, `approval ${unknown} not found`);
        assertError(
          await failure(admin.get('01abc')),
          status.INVALID_ARGUMENT,
          'approval_id must be a canonical ULID',
        );
        const client = (await harness.startGateway()).approvalsClient();
        const metadata = harness.metadata(harness.identity('admin:ops'));
        assertError(
          await failure(unary((done) => client.GetApproval({ v: 1 }, metadata, done))),
          status.INVALID_ARGUMENT,
          'approval_id is required',
        );
      },
    );

    testOn(
      kind,
      'everywhere',
      'ExportApprovals streams chunks of <= 64 KiB from chunk_seq 1, then an empty done chunk; the NDJSON verifies',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { admin, alice } = await callers(harness);
        const aliceRun = await seedRun(harness, 'user:alice');
        const bobRun = await seedRun(harness, 'user:bob');
        // ~30 KiB prompts: six records need several chunks.
        const bulky = { ...PROMPT, details_json: JSON.stringify({ body: 'x'.repeat(30_000) }) };
        const created: ApprovalRecord[] = [];
        for (let index = 0; index < 6; index += 1) {
          created.push(
            await seedApproval(harness.repositories, index < 4 ? aliceRun : bobRun, { prompt: bulky }),
          );
        }

        const chunks = await admin.export({ format: 'APPROVAL_EXPORT_FORMAT_NDJSON' });
        assert.ok(chunks.length >= 4, `expected several chunks, got ${chunks.length}`);
        assert.deepEqual(
          chunks.map((chunk) => chunk.chunk_seq),
          chunks.map((_, index) => index + 1),
        );
        const last = chunks.at(-1);
        assert.equal(last?.done, true);
        assert.equal(last?.chunk.length, 0);
        for (const chunk of chunks.slice(0, -1)) {
          assert.equal(chunk.done, false);
          assert.ok(chunk.chunk.length > 0 && chunk.chunk.length <= APPROVAL_EXPORT_CHUNK_BYTES);
          assert.equal(chunk.v, 1);
        }
        const document = Buffer.concat(chunks.map((chunk) => chunk.chunk));
        const verification = verifyApprovalExport(document);
        assert.ok(verification.ok, JSON.stringify(verification));
        assert.equal(verification.records, 6);
        const exportedIds = document
          .toString('utf8')
          .split('\n')
          .slice(0, -2)
          .map((line) => (JSON.parse(line) as { record: { approval_id: string } }).record.approval_id);
        assert.deepEqual(exportedIds, created.map((approval) => approval.approvalId).reverse());

        const limited = verifyApprovalExport(
          Buffer.concat((await admin.export({ limit: 2 })).map((c) => c.chunk)),
        );
        assert.ok(limited.ok);
        assert.equal(limited.records, 2);

        const json = JSON.parse(
          Buffer.concat(
            (await alice.export({ format: 'APPROVAL_EXPORT_FORMAT_JSON' })).map((c) => c.chunk),
          ).toString('utf8'),
        ) as { approval_id: string; principal: string }[];
        assert.deepEqual(
          json.map((record) => record.approval_id),
          created
            .slice(0, 4)
            .map((approval) => approval.approvalId)
            .reverse(),
        );

        assertError(
          await failure(admin.export({ v: 2 })),
          status.FAILED_PRECONDITION,
          'unsupported protocol major version',
        );
      },
    );

    testOn(
      kind,
      'postgres',
      'an export the client cancels mid-stream stops on the server (it waits on flow control, then ends CANCELLED)',
      async (t) => {
        const harness = await openHarness(t, kind);
        const gateway = await harness.startGateway();
        const run = await seedRun(harness, 'user:alice');
        // ~1.5 MiB: far more than HTTP/2 flow control and the stream's buffer admit unread.
        const bulky = { ...PROMPT, details_json: JSON.stringify({ body: 'x'.repeat(64 * 1024) }) };
        for (let index = 0; index < 24; index += 1)
          await seedApproval(harness.repositories, run, { prompt: bulky });

        const call = gateway
          .approvalsClient()
          .ExportApprovals({ v: 1 }, harness.metadata(harness.identity('admin:ops')));
        call.on('error', () => {});
        await nextValue<void>((resolve) =>
          call.once('data', () => {
            call.pause();
            resolve();
          }),
        );
        call.cancel();
        const counter = gateway.metrics.registry.getSingleMetric('palyra_grpc_requests_total');
        assert.ok(counter);
        const outcome = await waitFor(
          async () => {
            const { values } = await counter.get();
            return values.find((value) => value.labels.method === 'ExportApprovals')?.labels.code;
          },
          { what: 'the export to end on the server' },
        );
        assert.equal(outcome, 'CANCELLED');
      },
    );

    testOn(
      kind,
      'postgres',
      'ExportApprovals refuses bad credentials with PERMISSION_DENIED on the stream',
      async (t) => {
        const harness = await openHarness(t, kind);
        const client = (await harness.startGateway()).approvalsClient();
        const metadata = harness.metadata(harness.identity('admin:ops'));
        metadata.set('authorization', 'Bearer not-a-valid-token');
        const calls = approvalCalls(client, metadata);
        assertError(await failure(calls.export({})), status.PERMISSION_DENIED, 'invalid admin token or JWT');
      },
    );

    testOn(
      kind,
      'everywhere',
      'DecideApproval records the first decision, wakes the worker through Control, and repeats idempotently',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { alice } = await callers(harness);
        const run = await seedRun(harness, 'user:alice');
        const approval = await seedApproval(harness.repositories, run);

        const { bus } = await harness.worker();
        let deliver: ((message: ControlMessage) => void) | undefined;
        const subscription = bus.control.listen(TENANT, run.runId, (message) => deliver?.(message));
        t.after(() => subscription.unsubscribe());
        await subscription.ready;
        const woken = nextValue<ControlMessage>(
          (resolve) => {
            deliver = resolve;
          },
          { what: 'a Control approval message' },
        );

        const decided = await alice.decide(approval.approvalId, {
          approved: true,
          decision_scope: 'APPROVAL_DECISION_SCOPE_SESSION',
        });
        assert.equal(decided.approval?.decision, 'APPROVAL_DECISION_ALLOW');
        assert.equal(decided.approval?.decision_scope, 'APPROVAL_DECISION_SCOPE_SESSION');
        assert.equal(decided.approval?.decision_reason, 'approved by user:alice');
        const resolvedAt = decided.approval?.resolved_at_unix_ms ?? 0;
        assert.ok(resolvedAt > 0);
        assert.deepEqual(await woken, { type: 'approval', approvalId: approval.approvalId });
        const stored = await harness.repositories.approvals.get(TENANT, approval.approvalId);
        assert.equal(stored?.decidedBy, 'user:alice');
        // An "allow for the session" is remembered for later proposals of the same tool.
        assert.notEqual(
          await harness.repositories.approvals.findGrant(TENANT, run.sessionId, 'palyra.http.fetch'),
          null,
        );

        const repeated = await alice.decide(approval.approvalId, {
          approved: true,
          reason: 'retrying after a network error',
          decision_scope: 'APPROVAL_DECISION_SCOPE_SESSION',
        });
        assert.equal(repeated.approval?.resolved_at_unix_ms, resolvedAt);
        assert.equal(repeated.approval?.decision_reason, 'approved by user:alice');

        assertError(
          await failure(alice.decide(approval.approvalId, { approved: false })),
          status.FAILED_PRECONDITION,
          `approval ${approval.approvalId} was already decided: allow (session) by user:alice`,
        );
        assertError(
          await failure(
            alice.decide(approval.approvalId, {
              approved: true,
              decision_scope: 'APPROVAL_DECISION_SCOPE_ONCE',
            }),
          ),
          status.FAILED_PRECONDITION,
        );
      },
    );

    testOn(
      kind,
      'postgres',
      "an admin may decide anyone's approval; another principal or tenant gets NOT_FOUND",
      async (t) => {
        const harness = await openHarness(t, kind);
        const { admin, bob, otherTenantAdmin } = await callers(harness);
        const run = await seedRun(harness, 'user:alice');
        const approval = await seedApproval(harness.repositories, run);
        const notFound = `approval ${approval.approvalId} not found`;
        assertError(
          await failure(bob.decide(approval.approvalId, { approved: true })),
          status.NOT_FOUND,
          notFound,
        );
        assertError(
          await failure(otherTenantAdmin.decide(approval.approvalId, { approved: true })),
          status.NOT_FOUND,
          notFound,
        );
        assert.equal((await harness.repositories.approvals.get(TENANT, approval.approvalId))?.decision, null);

        const denied = await admin.decide(approval.approvalId, { approved: false, reason: '  not today  ' });
        assert.equal(denied.approval?.decision, 'APPROVAL_DECISION_DENY');
        assert.equal(denied.approval?.decision_scope, 'APPROVAL_DECISION_SCOPE_ONCE');
        assert.equal(denied.approval?.decision_reason, 'not today');
        assert.equal(
          (await harness.repositories.approvals.get(TENANT, approval.approvalId))?.decidedBy,
          'admin:ops',
        );
      },
    );

    testOn(
      kind,
      'postgres',
      'an expired approval, or one whose run has ended, cannot be decided; timeboxed needs a ttl',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { alice } = await callers(harness);
        const run = await seedRun(harness, 'user:alice');
        const expired = await seedApproval(harness.repositories, run, {
          requestedAt: new Date(Date.now() - 120_000),
          expiresAt: new Date(Date.now() - 60_000),
        });
        assertError(
          await failure(alice.decide(expired.approvalId, { approved: true })),
          status.FAILED_PRECONDITION,
          `approval ${expired.approvalId} expired`,
        );

        const timeboxed = await seedApproval(harness.repositories, run);
        assertError(
          await failure(
            alice.decide(timeboxed.approvalId, {
              approved: true,
              decision_scope: 'APPROVAL_DECISION_SCOPE_TIMEBOXED',
            }),
          ),
          status.INVALID_ARGUMENT,
          'decision_scope_ttl_ms must be between 1 and 2592000000 for a timeboxed decision',
        );
        const granted = await alice.decide(timeboxed.approvalId, {
          approved: true,
          decision_scope: 'APPROVAL_DECISION_SCOPE_TIMEBOXED',
          decision_scope_ttl_ms: 600_000,
        });
        assert.equal(granted.approval?.decision_scope, 'APPROVAL_DECISION_SCOPE_TIMEBOXED');
        assert.equal(granted.approval?.decision_scope_ttl_ms, 600_000);

        const pending = await seedApproval(harness.repositories, run);
        await harness.repositories.runs.transition(TENANT, run.runId, 'cancelled');
        assertError(
          await failure(alice.decide(pending.approvalId, { approved: true })),
          status.FAILED_PRECONDITION,
          `approval ${pending.approvalId} can no longer be decided: run ${run.runId} has ended (cancelled)`,
        );
      },
    );
  });
}
