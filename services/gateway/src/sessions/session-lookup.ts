import type { CallerContext } from '@palyra/auth';
import type { SessionIdentity, SessionRecord, SessionRepository } from '@palyra/journal';
import type { SessionSummary } from '@palyra/proto';
import type { SessionLookup } from './session-resolution.js';

const LABEL_SCAN_PAGE = 500;

/** The caller's session identity: (principal, device, channel), channel '' when absent. */
export function identityOf(caller: CallerContext): SessionIdentity {
  return { principal: caller.principal, deviceId: caller.deviceId, channel: caller.channel ?? '' };
}

/** The SessionLookup port over the session repository, scoped to one tenant. */
export function createSessionLookup(sessions: SessionRepository, tenantId: string): SessionLookup {
  return {
    get: (sessionId) => sessions.get(tenantId, sessionId),
    getByKey: (sessionKey) => sessions.getByKey(tenantId, sessionKey),
    async findByLabel(identity, label) {
      // The repository has no label index; its substring search narrows the scan to candidates.
      let cursor: string | null = null;
      do {
        const page = await sessions.list(tenantId, identity, { q: label, cursor, limit: LABEL_SCAN_PAGE });
        const match = page.items.find((session) => session.sessionLabel === label);
        if (match !== undefined) return match;
        cursor = page.nextCursor;
      } while (cursor !== null);
      return null;
    },
    create: (session) => sessions.create(tenantId, session),
    reset: (sessionId) => sessions.reset(tenantId, sessionId),
  };
}

export function toSessionSummary(session: SessionRecord): SessionSummary {
  return {
    session_id: { ulid: session.sessionId },
    session_key: session.sessionKey,
    session_label: session.sessionLabel,
    created_at_unix_ms: session.createdAt.getTime(),
    updated_at_unix_ms: session.updatedAt.getTime(),
    last_run_id: session.lastRunId === null ? null : { ulid: session.lastRunId },
    archived_at_unix_ms: session.archivedAt === null ? 0 : session.archivedAt.getTime(),
  };
}
