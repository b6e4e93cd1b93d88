import assert from 'node:assert/strict';
import { type ErrorCode, isPalyraError, newId } from '@palyra/core';
import {
  createRepositories,
  type Database,
  type NewApproval,
  type NewJournalEvent,
  type Repositories,
} from '../src/index.js';

/** A tenant id no other test uses. */
export function uniqueTenantId(): string {
  return `t-${newId().toLowerCase()}`;
}

export interface Seeded {
  readonly repos: Repositories;
  readonly tenantId: string;
  readonly sessionId: string;
  readonly runId: string;
}

/** A tenant with one session and one run in it. */
export async function seed(database: Database, tenantId: string = uniqueTenantId()): Promise<Seeded> {
  const repos = createRepositories(database);
  await repos.tenants.ensure(tenantId);
  const identity = { principal: 'user:alice', deviceId: newId(), channel: '' };
  const session = await repos.sessions.create(tenantId, { sessionKey: `key-${newId()}`, ...identity });
  const runId = newId();
  await repos.runs.create(tenantId, { runId, sessionId: session.sessionId, ...identity });
  return { repos, tenantId, sessionId: session.sessionId, runId };
}

export function event(overrides: Partial<NewJournalEvent> = {}): NewJournalEvent {
  return { eventId: newId(), kind: 'model_token', actor: 'agent', payload: { text: 'hello' }, ...overrides };
}

export async function rejectsWith(
  promise: Promise<unknown>,
  code: ErrorCode,
  message?: RegExp | string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPalyraError(error), `expected a PalyraError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}

/** Rejects with a database error whose message matches. */
export async function rejectsWithDatabaseError(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.match(String((error as Error).message), message);
    return true;
  });
}

/** An approval request for a tool call in the seeded run; ids fresh, expiring in a minute. */
export function approvalFor(
  seeded: { readonly sessionId: string; readonly runId: string },
  overrides: Partial<NewApproval> = {},
): NewApproval {
  const requestedAt = new Date();
  return {
    approvalId: newId(),
    sessionId: seeded.sessionId,
    runId: seeded.runId,
    proposalId: newId(),
    principal: 'user:alice',
    deviceId: 'device-1',
    channel: '',
    subjectType: 'tool',
    subjectId: 'palyra.fs.write',
    requestSummary: 'write notes.txt',
    prompt: { title: 'Allow palyra.fs.write?', risk_level: 'MEDIUM', options: [] },
    policyId: 'tools-default',
    policyHash: 'f'.repeat(64),
    policySummary: 'writes need approval',
    requestedAt,
    expiresAt: new Date(requestedAt.getTime() + 60_000),
    ...overrides,
  };
}
