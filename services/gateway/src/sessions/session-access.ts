import type { CallerContext } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import type { SessionRecord, SessionRepository } from '@palyra/journal';
import { identityOf } from './session-lookup.js';
import { isSameIdentity, SESSION_NOT_FOUND_MESSAGE } from './session-resolution.js';

/**
 * Who may use a session by id (the console API). Unlike ResolveSession, which answers a foreign
 * session with 'session identity mismatch', these read another identity's session as unknown, so
 * an id reveals nothing about sessions the caller cannot see.
 */

function sessionNotFound(sessionId: string): PalyraError {
  return new PalyraError('SESSION_NOT_FOUND', SESSION_NOT_FOUND_MESSAGE, { details: { sessionId } });
}

/** A session the caller may read: its own (same principal, device, channel), or any for a tenant admin. */
export async function findReadableSession(
  sessions: Pick<SessionRepository, 'get'>,
  caller: CallerContext,
  sessionId: string,
): Promise<SessionRecord> {
  const session = await sessions.get(caller.tenantId, sessionId);
  if (session === null || !(caller.isAdmin || isSameIdentity(session, identityOf(caller)))) {
    throw sessionNotFound(sessionId);
  }
  return session;
}

/**
 * A session the caller may act in (rename, reset, archive, start runs): its own only, also for
 * admins, because runs started in it carry the caller's identity.
 */
export async function findOwnSession(
  sessions: Pick<SessionRepository, 'get'>,
  caller: CallerContext,
  sessionId: string,
): Promise<SessionRecord> {
  const session = await sessions.get(caller.tenantId, sessionId);
  if (session === null || !isSameIdentity(session, identityOf(caller))) throw sessionNotFound(sessionId);
  return session;
}
