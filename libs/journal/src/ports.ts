import type { EventActor, JournalEventKind } from '@palyra/core';

/** An event to append. `eventId` is the idempotency key; the store assigns chain fields. */
export interface NewJournalEvent {
  readonly eventId: string;
  readonly runId?: string | null;
  /** Per-run sequence (1-based) for RunStream events; UNIQUE per run, so a zombie worker cannot fork a run. */
  readonly runSeq?: number | null;
  readonly kind: JournalEventKind;
  readonly actor: EventActor;
  /** A JSON value, or raw bytes from a client (non-JSON bytes are replaced by a marker). */
  readonly payload: unknown;
}

export interface StoredJournalEvent {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly chainSeq: number;
  readonly eventId: string;
  readonly runId: string | null;
  readonly runSeq: number | null;
  readonly kind: JournalEventKind;
  readonly actor: EventActor;
  /** The redacted payload exactly as hashed. */
  readonly payload: unknown;
  readonly redacted: boolean;
  /** Microseconds since the epoch, exactly as stored and hashed. */
  readonly recordedAtUs: number;
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainVerification =
  | { readonly ok: true; readonly length: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly length: number;
      readonly brokenAtChainSeq: number;
      readonly reason: string;
    };

export interface ReadPage {
  readonly limit?: number;
}

export interface JournalStore {
  /**
   * Appends a batch to the session's chain in one transaction that locks the session row.
   * Returns the stored events in input order; an event id already stored with the same content is
   * returned as stored (no-op), with different content -> ALREADY_EXISTS.
   */
  append(
    tenantId: string,
    sessionId: string,
    events: readonly NewJournalEvent[],
  ): Promise<StoredJournalEvent[]>;
  verifyChain(tenantId: string, sessionId: string): Promise<ChainVerification>;
  /** A run's events with runSeq > afterSeq, in runSeq order (stream replay). */
  readRunEvents(
    tenantId: string,
    runId: string,
    afterSeq: number,
    page?: ReadPage,
  ): Promise<StoredJournalEvent[]>;
  /** A session's events with chainSeq > afterChainSeq, in chain order. */
  readSessionEvents(
    tenantId: string,
    sessionId: string,
    afterChainSeq?: number,
    page?: ReadPage,
  ): Promise<StoredJournalEvent[]>;
  /** The tenant's most recent events, newest first. */
  readRecent(tenantId: string, page?: ReadPage): Promise<StoredJournalEvent[]>;
}
