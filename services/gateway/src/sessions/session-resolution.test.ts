import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalyraError, newId, PalyraError } from '@palyra/core';
import type { NewSession, SessionIdentity, SessionRecord } from '@palyra/journal';
import {
  findSelectedSession,
  normalizeSelector,
  type RawSessionSelector,
  resolveSession,
  type SessionLookup,
} from './session-resolution.js';

const alice: SessionIdentity = { principal: 'user:alice', deviceId: newId(), channel: '' };

function fakeLookup(initial: SessionRecord[] = []) {
  const sessions = new Map(initial.map((session) => [session.sessionId, session]));
  const calls = { create: 0, reset: 0 };
  const lookup: SessionLookup = {
    get: async (sessionId) => sessions.get(sessionId) ?? null,
    getByKey: async (key) => [...sessions.values()].find((session) => session.sessionKey === key) ?? null,
    findByLabel: async (identity, label) =>
      [...sessions.values()]
        .filter(
          (session) =>
            session.sessionLabel === label &&
            session.principal === identity.principal &&
            session.deviceId === identity.deviceId &&
            session.channel === identity.channel,
        )
        .sort((a, b) => a.sessionKey.localeCompare(b.sessionKey))[0] ?? null,
    async create(session: NewSession) {
      calls.create += 1;
      const sessionId = session.sessionId ?? newId();
      if (
        sessions.has(sessionId) ||
        [...sessions.values()].some((s) => s.sessionKey === session.sessionKey)
      ) {
        throw new PalyraError('ALREADY_EXISTS', 'taken');
      }
      const record = makeSession({ ...session, sessionId });
      sessions.set(sessionId, record);
      return record;
    },
    async reset(sessionId) {
      calls.reset += 1;
      const record = { ...(sessions.get(sessionId) as SessionRecord), lastRunId: null };
      sessions.set(sessionId, record);
      return record;
    },
  };
  return { lookup, sessions, calls };
}

function makeSession(
  fields: Partial<SessionRecord> & { sessionId?: string; sessionKey?: string },
): SessionRecord {
  const sessionId = fields.sessionId ?? newId();
  return {
    tenantId: 'acme',
    sessionId,
    sessionKey: fields.sessionKey ?? sessionId,
    sessionLabel: fields.sessionLabel ?? '',
    principal: fields.principal ?? alice.principal,
    deviceId: fields.deviceId ?? alice.deviceId,
    channel: fields.channel ?? alice.channel,
    createdAt: new Date(),
    updatedAt: new Date(),
    lastRunId: fields.lastRunId ?? null,
    archivedAt: null,
    chainLength: 0,
    chainHeadHash: '0'.repeat(64),
  };
}

function raw(fields: Partial<RawSessionSelector>): RawSessionSelector {
  return {
    session_id: null,
    session_key: '',
    session_label: '',
    require_existing: false,
    reset_session: false,
    ...fields,
  };
}

async function rejection(promise: Promise<unknown>): Promise<PalyraError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isPalyraError(error), `expected a PalyraError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('session resolution rules', () => {
  it('trims every input and treats empty as absent', () => {
    const selector = normalizeSelector(
      raw({ session_id: { ulid: '  ' }, session_key: ' k ', session_label: '\t' }),
    );
    assert.deepEqual(selector, {
      sessionId: undefined,
      sessionKey: 'k',
      sessionLabel: undefined,
      requireExisting: false,
      resetSession: false,
    });
  });

  it('names session_id when it is not a canonical ULID', () => {
    assert.throws(
      () => normalizeSelector(raw({ session_id: { ulid: 'nope' } })),
      (error: unknown) =>
        isPalyraError(error) &&
        error.code === 'INVALID_ARGUMENT' &&
        error.message === 'session_id must be a canonical ULID',
    );
  });

  it('creates a session keyed by its new id when nothing is selected', async () => {
    const { lookup } = fakeLookup();
    const result = await resolveSession(normalizeSelector(raw({})), alice, lookup);
    assert.equal(result.created, true);
    assert.equal(result.resetApplied, false);
    assert.equal(result.session.sessionKey, result.session.sessionId);
  });

  it('creates with the given id, key and label', async () => {
    const { lookup } = fakeLookup();
    const id = newId();
    const result = await resolveSession(
      normalizeSelector(raw({ session_id: { ulid: id }, session_key: 'main', session_label: 'Main' })),
      alice,
      lookup,
    );
    assert.deepEqual(
      [result.created, result.session.sessionId, result.session.sessionKey, result.session.sessionLabel],
      [true, id, 'main', 'Main'],
    );
  });

  it('finds by id or by key', async () => {
    const existing = makeSession({ sessionKey: 'main' });
    const { lookup, calls } = fakeLookup([existing]);
    const byId = await resolveSession(
      normalizeSelector(raw({ session_id: { ulid: existing.sessionId } })),
      alice,
      lookup,
    );
    const byKey = await resolveSession(normalizeSelector(raw({ session_key: 'main' })), alice, lookup);
    assert.equal(byId.session.sessionId, existing.sessionId);
    assert.equal(byKey.session.sessionId, existing.sessionId);
    assert.equal(byId.created || byKey.created, false);
    assert.equal(calls.create, 0);
  });

  it('refuses an id and a key that select different sessions', async () => {
    const first = makeSession({ sessionKey: 'one' });
    const second = makeSession({ sessionKey: 'two' });
    const { lookup } = fakeLookup([first, second]);
    const error = await rejection(
      resolveSession(
        normalizeSelector(raw({ session_id: { ulid: first.sessionId }, session_key: 'two' })),
        alice,
        lookup,
      ),
    );
    assert.equal(error.code, 'INVALID_ARGUMENT');
    const unknownId = await rejection(
      resolveSession(
        normalizeSelector(raw({ session_id: { ulid: newId() }, session_key: 'two' })),
        alice,
        lookup,
      ),
    );
    assert.equal(unknownId.code, 'INVALID_ARGUMENT');
  });

  it('uses the label as a selector only when neither id nor key is given', async () => {
    const labelled = makeSession({ sessionKey: 'k1', sessionLabel: 'work' });
    const { lookup } = fakeLookup([labelled]);
    const byLabel = await resolveSession(normalizeSelector(raw({ session_label: 'work' })), alice, lookup);
    assert.equal(byLabel.session.sessionId, labelled.sessionId);
    const withKey = await resolveSession(
      normalizeSelector(raw({ session_key: 'k2', session_label: 'work' })),
      alice,
      lookup,
    );
    assert.equal(withKey.created, true);
    assert.equal(withKey.session.sessionLabel, 'work');
    assert.notEqual(withKey.session.sessionId, labelled.sessionId);
  });

  it("refuses a found session of another identity with 'session identity mismatch'", async () => {
    for (const other of [
      { principal: 'user:bob' },
      { deviceId: newId() },
      { channel: 'slack' },
    ] satisfies Partial<SessionIdentity>[]) {
      const session = makeSession({ sessionKey: 'shared', ...other });
      const { lookup } = fakeLookup([session]);
      const error = await rejection(
        resolveSession(normalizeSelector(raw({ session_key: 'shared' })), alice, lookup),
      );
      assert.equal(error.code, 'SESSION_IDENTITY_MISMATCH');
      assert.equal(error.message, 'session identity mismatch');
    }
  });

  it('answers NOT_FOUND for require_existing when nothing matches', async () => {
    const { lookup, calls } = fakeLookup();
    const error = await rejection(
      resolveSession(
        normalizeSelector(raw({ session_key: 'missing', require_existing: true })),
        alice,
        lookup,
      ),
    );
    assert.equal(error.code, 'SESSION_NOT_FOUND');
    assert.equal(calls.create, 0);
  });

  it('resets a found session and reports reset_applied', async () => {
    const session = makeSession({ sessionKey: 'main', lastRunId: newId() });
    const { lookup, calls } = fakeLookup([session]);
    const result = await resolveSession(
      normalizeSelector(raw({ session_key: 'main', reset_session: true })),
      alice,
      lookup,
    );
    assert.equal(result.resetApplied, true);
    assert.equal(result.session.lastRunId, null);
    assert.equal(calls.reset, 1);
  });

  it('resolves again when a concurrent caller created the key first', async () => {
    const { lookup, sessions } = fakeLookup();
    const winner = makeSession({ sessionKey: 'race' });
    let looked = 0;
    const racing: SessionLookup = {
      ...lookup,
      async getByKey(key) {
        looked += 1;
        // The first lookup misses; the session appears before our insert.
        if (looked === 1) {
          sessions.set(winner.sessionId, winner);
          return null;
        }
        return lookup.getByKey(key);
      },
    };
    const result = await resolveSession(normalizeSelector(raw({ session_key: 'race' })), alice, racing);
    assert.equal(result.created, false);
    assert.equal(result.session.sessionId, winner.sessionId);
  });

  it('findSelectedSession creates nothing and returns null without a selection', async () => {
    const { lookup, calls } = fakeLookup();
    assert.equal(await findSelectedSession(normalizeSelector(raw({})), alice, lookup), null);
    assert.equal(calls.create, 0);
  });
});
