import { isPalyraError, newId, optionalUlid, PalyraError } from '@palyra/core';
import type { NewSession, SessionIdentity, SessionRecord } from '@palyra/journal';
import { trimmedOrUndefined } from '../validation.js';

/**
 * ResolveSession's rules (also RunStream's first message), free of any transport or driver: the
 * data access is the `SessionLookup` port, so the rules are unit-tested against an in-memory fake.
 */

export const SESSION_IDENTITY_MISMATCH_MESSAGE = 'session identity mismatch';
export const SESSION_NOT_FOUND_MESSAGE = 'session not found';
export const SESSION_SELECTOR_CONFLICT_MESSAGE = 'session_id and session_key select different sessions';

/** A session selection after trimming; empty inputs are absent. */
export interface SessionSelector {
  readonly sessionId: string | undefined;
  readonly sessionKey: string | undefined;
  readonly sessionLabel: string | undefined;
  readonly requireExisting: boolean;
  readonly resetSession: boolean;
}

export interface RawSessionSelector {
  readonly session_id: { readonly ulid: string } | null;
  readonly session_key: string;
  readonly session_label: string;
  readonly require_existing: boolean;
  readonly reset_session: boolean;
}

/** Trims every input (empty = absent) and validates the id (INVALID_ARGUMENT naming `session_id`). */
export function normalizeSelector(raw: RawSessionSelector): SessionSelector {
  return {
    sessionId: optionalUlid(trimmedOrUndefined(raw.session_id?.ulid), 'session_id'),
    sessionKey: trimmedOrUndefined(raw.session_key),
    sessionLabel: trimmedOrUndefined(raw.session_label),
    requireExisting: raw.require_existing,
    resetSession: raw.reset_session,
  };
}

export function hasSelection(selector: SessionSelector): boolean {
  return (
    selector.sessionId !== undefined ||
    selector.sessionKey !== undefined ||
    selector.sessionLabel !== undefined
  );
}

/** The data the rules need, scoped to one tenant. */
export interface SessionLookup {
  get(sessionId: string): Promise<SessionRecord | null>;
  getByKey(sessionKey: string): Promise<SessionRecord | null>;
  /** The identity's first session (by key) whose label is exactly `label`. */
  findByLabel(identity: SessionIdentity, label: string): Promise<SessionRecord | null>;
  create(session: NewSession): Promise<SessionRecord>;
  reset(sessionId: string): Promise<SessionRecord>;
}

export interface SessionResolution {
  readonly session: SessionRecord;
  readonly created: boolean;
  readonly resetApplied: boolean;
}

export function isSameIdentity(session: SessionIdentity, identity: SessionIdentity): boolean {
  return (
    session.principal === identity.principal &&
    session.deviceId === identity.deviceId &&
    session.channel === identity.channel
  );
}

/** FAILED_PRECONDITION 'session identity mismatch' unless the session is the caller's. */
export function requireOwnSession(session: SessionRecord, identity: SessionIdentity): SessionRecord {
  if (!isSameIdentity(session, identity)) {
    throw new PalyraError('SESSION_IDENTITY_MISMATCH', SESSION_IDENTITY_MISMATCH_MESSAGE, {
      details: { sessionId: session.sessionId },
    });
  }
  return session;
}

/**
 * Finds the selected session without creating anything: by id and/or key (both given must agree),
 * else by label. Null when nothing matches or nothing is selected.
 */
export async function findSelectedSession(
  selector: SessionSelector,
  identity: SessionIdentity,
  lookup: SessionLookup,
): Promise<SessionRecord | null> {
  const { sessionId, sessionKey, sessionLabel } = selector;
  if (sessionId !== undefined && sessionKey !== undefined) {
    const [byId, byKey] = await Promise.all([lookup.get(sessionId), lookup.getByKey(sessionKey)]);
    if (byKey !== null && byKey.sessionId !== sessionId) {
      throw new PalyraError('INVALID_ARGUMENT', SESSION_SELECTOR_CONFLICT_MESSAGE, {
        violations: [{ field: 'session_key', code: 'conflict', message: SESSION_SELECTOR_CONFLICT_MESSAGE }],
      });
    }
    return byId;
  }
  if (sessionId !== undefined) return lookup.get(sessionId);
  if (sessionKey !== undefined) return lookup.getByKey(sessionKey);
  if (sessionLabel !== undefined) return lookup.findByLabel(identity, sessionLabel);
  return null;
}

/**
 * ResolveSession: find (identity must match exactly), else NOT_FOUND when `require_existing`, else
 * create (id = given or new, key = given or the id, label); then `reset_session` clears the found
 * session's last run. A concurrent creation of the same key or id is resolved by looking again.
 */
export async function resolveSession(
  selector: SessionSelector,
  identity: SessionIdentity,
  lookup: SessionLookup,
  mintId: () => string = newId,
): Promise<SessionResolution> {
  for (let attempt = 0; ; attempt += 1) {
    const found = await findSelectedSession(selector, identity, lookup);
    if (found !== null) {
      requireOwnSession(found, identity);
      if (!selector.resetSession) return { session: found, created: false, resetApplied: false };
      return { session: await lookup.reset(found.sessionId), created: false, resetApplied: true };
    }
    if (selector.requireExisting) {
      throw new PalyraError('SESSION_NOT_FOUND', SESSION_NOT_FOUND_MESSAGE);
    }
    const sessionId = selector.sessionId ?? mintId();
    try {
      const session = await lookup.create({
        sessionId,
        sessionKey: selector.sessionKey ?? sessionId,
        ...(selector.sessionLabel === undefined ? {} : { sessionLabel: selector.sessionLabel }),
        principal: identity.principal,
        deviceId: identity.deviceId,
        channel: identity.channel,
      });
      return { session, created: true, resetApplied: false };
    } catch (error) {
      // Someone created it between our lookup and insert: resolve again (once).
      if (attempt === 0 && isPalyraError(error) && error.code === 'ALREADY_EXISTS') continue;
      throw error;
    }
  }
}
