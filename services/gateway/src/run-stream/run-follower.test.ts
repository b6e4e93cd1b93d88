import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { Bus } from '@palyra/bus';
import { type JournalEventKind, newId, type RunEventRecord, silentLogger } from '@palyra/core';
import type { JournalStore, RunRepository, StoredJournalEvent } from '@palyra/journal';
import type { RunStreamEvent } from '@palyra/proto';
import { waitFor } from '@palyra/testkit';
import type { CatchUpReason, GatewayMetrics } from '../gateway-metrics.js';
import type { CallStatus } from '../grpc/grpc-status.js';
import { DEFAULT_FOLLOW_SETTINGS, type FollowSettings, RunFollower } from './run-follower.js';
import type { TerminalOutcome } from './terminal-status.js';

const TENANT = 'acme';
const RUN = newId();
const SESSION = newId();

function record(seq: number, kind: JournalEventKind = 'model_token'): RunEventRecord {
  return {
    tenantId: TENANT,
    sessionId: SESSION,
    runId: RUN,
    seq,
    eventId: newId(),
    kind,
    actor: 'agent',
    payload:
      kind === 'run_completed' ? { status: 'DONE', message: 'done' } : { text: `t${seq}`, is_final: false },
    timestampUnixMs: 1_700_000_000_000 + seq,
  };
}

function stored(event: RunEventRecord): StoredJournalEvent {
  return {
    tenantId: event.tenantId,
    sessionId: event.sessionId,
    chainSeq: event.seq,
    eventId: event.eventId,
    runId: event.runId,
    runSeq: event.seq,
    kind: event.kind,
    actor: event.actor,
    payload: event.payload,
    payloadJson: JSON.stringify(event.payload),
    redacted: false,
    recordedAtUs: event.timestampUnixMs * 1000,
    prevHash: '',
    hash: '',
  };
}

/** A sink that accepts `capacity` writes, then reports a full buffer until `drain()`. */
class FakeSink extends EventEmitter {
  readonly written: RunStreamEvent[] = [];
  capacity = Number.POSITIVE_INFINITY;
  write(event: RunStreamEvent): boolean {
    this.written.push(event);
    this.capacity -= 1;
    return this.capacity > 0;
  }
  drain(capacity = Number.POSITIVE_INFINITY): void {
    this.capacity = capacity;
    this.emit('drain');
  }
  get seqs(): number[] {
    return this.written.map((event) => Number(event.seq));
  }
}

function setup(settings: Partial<FollowSettings> = {}, lastSeq = 0) {
  const journal: RunEventRecord[] = [];
  const reads: number[] = [];
  let live:
    | ((events: readonly RunEventRecord[], trace: Readonly<Record<string, string>>) => void)
    | undefined;
  let pendingRead: (() => void) | undefined;
  let holdReads = false;
  const catchUps: CatchUpReason[] = [];
  const sink = new FakeSink();
  const outcomes: (TerminalOutcome | CallStatus)[] = [];
  const journalStore = {
    async readRunEvents(_tenant: string, _run: string, afterSeq: number, page?: { limit?: number }) {
      reads.push(afterSeq);
      if (holdReads) await new Promise<void>((resolve) => (pendingRead = resolve));
      return journal
        .filter((event) => event.seq > afterSeq)
        .slice(0, page?.limit ?? 100)
        .map(stored);
    },
  } as unknown as JournalStore;
  const runEvents: Bus['runEvents'] = {
    publish() {},
    subscribe(_tenant, _run, onEvents) {
      live = onEvents;
      return { ready: Promise.resolve(), unsubscribe: () => (live = undefined) };
    },
  };
  const metrics = { catchUp: (reason: CatchUpReason) => catchUps.push(reason) } as unknown as GatewayMetrics;
  const follower = new RunFollower(
    {
      journal: journalStore,
      runs: {} as RunRepository,
      runEvents,
      metrics,
      logger: silentLogger,
      settings: { ...DEFAULT_FOLLOW_SETTINGS, pollInitialMs: 60_000, pollMaxMs: 60_000, ...settings },
    },
    {
      tenantId: TENANT,
      runId: RUN,
      sink,
      onTerminal: (outcome) => outcomes.push(outcome),
      onFailure: (status) => outcomes.push(status),
    },
    lastSeq,
  );
  /** Journals events (durable), optionally publishing some of them live. */
  const append = (...events: RunEventRecord[]) => journal.push(...events);
  return {
    follower,
    sink,
    reads,
    catchUps,
    outcomes,
    append,
    publish: (...events: RunEventRecord[]) => live?.(events, {}),
    get subscribed() {
      return live !== undefined;
    },
    holdReads(hold: boolean) {
      holdReads = hold;
      if (!hold) pendingRead?.();
    },
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('RunFollower', () => {
  it('writes known events without reading the journal, then live events in order', async () => {
    const t = setup();
    await t.follower.subscribe();
    const accepted = record(1, 'run_status');
    t.follower.start([accepted]);
    t.publish(record(2), record(3));
    assert.deepEqual(t.sink.seqs, [1, 2, 3]);
    assert.deepEqual(t.reads, []);
    t.follower.stop();
  });

  it('reads the journal after the resume seq, then drains events that arrived meanwhile, de-duplicated', async () => {
    const t = setup({}, 2);
    t.append(record(1), record(2), record(3), record(4));
    await t.follower.subscribe();
    t.holdReads(true);
    t.follower.start();
    // Live events arrive while the journal read is in flight: buffered.
    t.append(record(5));
    t.publish(record(4), record(5));
    assert.deepEqual(t.sink.seqs, []);
    t.holdReads(false);
    await settle();
    assert.deepEqual(t.sink.seqs, [3, 4, 5]);
    t.follower.stop();
  });

  it('fills a gap in the live feed from the journal', async () => {
    const t = setup();
    await t.follower.subscribe();
    t.follower.start([record(1)]);
    t.append(record(1), record(2), record(3));
    t.publish(record(3));
    await settle();
    assert.deepEqual(t.sink.seqs, [1, 2, 3]);
    assert.deepEqual(t.catchUps, ['gap']);
    t.follower.stop();
  });

  it('keeps live events while the client is slow and writes them on drain without a journal read', async () => {
    const t = setup();
    await t.follower.subscribe();
    t.sink.capacity = 2;
    t.follower.start([record(1)]);
    t.publish(record(2), record(3), record(4));
    assert.deepEqual(t.sink.seqs, [1, 2]);
    t.sink.drain();
    assert.deepEqual(t.sink.seqs, [1, 2, 3, 4]);
    assert.deepEqual(t.reads, []);
    t.follower.stop();
  });

  it('drops an overflowing buffer and catches up from the journal at the client pace', async () => {
    const t = setup({ liveBufferEvents: 4 });
    await t.follower.subscribe();
    t.sink.capacity = 1;
    t.follower.start([record(1)]);
    const events = Array.from({ length: 20 }, (_, index) => record(index + 2));
    t.append(record(1), ...events);
    for (const event of events) t.publish(event);
    assert.deepEqual(t.sink.seqs, [1]);
    t.sink.drain(5);
    await settle();
    // Five more written, then the buffer is full again: the rest after the next drain.
    assert.deepEqual(t.sink.seqs, [1, 2, 3, 4, 5, 6]);
    t.sink.drain();
    await settle();
    assert.deepEqual(
      t.sink.seqs,
      Array.from({ length: 21 }, (_, index) => index + 1),
    );
    assert.deepEqual(t.catchUps, ['overflow', 'backpressure']);
    t.follower.stop();
  });

  it('ends after a terminal event and ignores anything later', async () => {
    const t = setup();
    await t.follower.subscribe();
    t.follower.start([record(1)]);
    t.publish(record(2, 'run_completed'), record(3));
    assert.deepEqual(t.sink.seqs, [1, 2]);
    assert.equal(t.outcomes.length, 1);
    assert.deepEqual((t.outcomes[0] as TerminalOutcome).outcome, 'done');
    assert.equal(t.subscribed, false);
  });

  it('polls the journal when the live feed is quiet', async () => {
    const t = setup({ pollInitialMs: 5, pollMaxMs: 10 });
    await t.follower.subscribe();
    t.follower.start([record(1)]);
    t.append(record(1), record(2), record(3, 'run_completed'));
    await waitFor(() => (t.outcomes.length > 0 ? true : undefined), {
      intervalMs: 5,
      what: 'the terminal event',
    });
    assert.deepEqual(t.sink.seqs, [1, 2, 3]);
    assert.ok(t.catchUps.includes('poll'));
  });
});
