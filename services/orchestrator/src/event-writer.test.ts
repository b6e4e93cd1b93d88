import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkWords, type ModelTokenPayload, newId, type RunEventRecord } from '@palyra/core';
import type { NewJournalEvent, StoredJournalEvent } from '@palyra/journal';
import { EventWriter, type EventWriterOptions } from './event-writer.js';

const TENANT = 'acme';
const SESSION = newId();
const RUN = newId();

interface FakeJournal {
  readonly options: Pick<EventWriterOptions, 'journal' | 'runEvents'>;
  readonly appends: NewJournalEvent[][];
  readonly published: RunEventRecord[][];
  /** Events whose append has resolved, by id: what a reader of the journal would see. */
  readonly durable: Set<string>;
  /** Holds every append until `release()`. */
  hold(): void;
  release(): void;
  failNext(error: unknown): void;
  /** Resolves with the `count`-th append (1-based) once it has been called. */
  append(count: number): Promise<NewJournalEvent[]>;
}

function fakeJournal(): FakeJournal {
  const appends: NewJournalEvent[][] = [];
  const published: RunEventRecord[][] = [];
  const durable = new Set<string>();
  let held: (() => void)[] | undefined;
  let failure: unknown;
  let waiters: { count: number; resolve: (events: NewJournalEvent[]) => void }[] = [];
  let chainSeq = 0;
  return {
    appends,
    published,
    durable,
    options: {
      journal: {
        async append(_tenantId: string, _sessionId: string, events: readonly NewJournalEvent[]) {
          appends.push([...events]);
          for (const waiter of waiters) if (waiter.count === appends.length) waiter.resolve([...events]);
          waiters = waiters.filter((waiter) => waiter.count > appends.length);
          if (held !== undefined) await new Promise<void>((resolve) => held?.push(resolve));
          if (failure !== undefined) {
            const error = failure;
            failure = undefined;
            throw error;
          }
          return events.map((event): StoredJournalEvent => {
            durable.add(event.eventId);
            chainSeq += 1;
            return {
              tenantId: TENANT,
              sessionId: SESSION,
              chainSeq,
              eventId: event.eventId,
              runId: event.runId ?? null,
              runSeq: event.runSeq ?? null,
              kind: event.kind,
              actor: event.actor,
              payload: event.payload,
              payloadJson: JSON.stringify(event.payload),
              redacted: false,
              recordedAtUs: Date.now() * 1000,
              prevHash: '',
              hash: '',
            };
          });
        },
      },
      runEvents: {
        publish(_tenantId: string, _runId: string, events: readonly RunEventRecord[]) {
          for (const event of events) {
            assert.ok(durable.has(event.eventId), `event ${event.seq} published before it was durable`);
          }
          published.push([...events]);
        },
      },
    },
    hold() {
      held = [];
    },
    release() {
      const pending = held ?? [];
      held = undefined;
      for (const resolve of pending) resolve();
    },
    failNext(error) {
      failure = error;
    },
    append(count) {
      const done = appends[count - 1];
      if (done !== undefined) return Promise.resolve(done);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

function writer(journal: FakeJournal, overrides: Partial<EventWriterOptions> = {}): EventWriter {
  return new EventWriter({
    ...journal.options,
    tenantId: TENANT,
    sessionId: SESSION,
    runId: RUN,
    nextSeq: 2,
    batchMaxEvents: 64,
    batchMaxDelayMs: 10_000,
    ...overrides,
  });
}

function tokens(events: readonly NewJournalEvent[]): ModelTokenPayload[] {
  return events
    .filter((event) => event.kind === 'model_token')
    .map((event) => event.payload as ModelTokenPayload);
}

const words = (count: number, from = 1): string =>
  Array.from({ length: count }, (_, index) => `w${from + index}`).join(' ');

describe('EventWriter', () => {
  it('coalesces word tokens into chunks of at most 16 words that concatenate to the text', async () => {
    const journal = fakeJournal();
    const events = writer(journal);
    const text = `  ${words(40)}\n`;
    for (const piece of text.match(/\s*\S+\s*/g) ?? []) events.text(1, 'IN1', piece);
    events.endTurn(1, 'IN1');
    await events.flush();
    const chunks = tokens(journal.appends.flat());
    assert.deepEqual(
      chunks.map((chunk) => chunk.text),
      chunkWords(text, 16),
    );
    assert.deepEqual(
      chunks.map((chunk) => chunk.is_final),
      [false, false, true],
    );
    assert.ok(chunks.every((chunk) => chunk.turn === 1 && chunk.in_reply_to === 'IN1'));
  });

  it('splits tokens that carry several words or parts of words at the 16th word', async () => {
    const journal = fakeJournal();
    const events = writer(journal);
    const text = `${words(15)} sp lit-word and more words here`;
    // Uneven pieces: a word split across tokens and tokens with many words.
    const pieces = [text.slice(0, 7), text.slice(7, 50), text.slice(50, 83), text.slice(83)];
    for (const piece of pieces) events.text(1, 'IN1', piece);
    events.endTurn(1, 'IN1');
    await events.flush();
    const chunks = tokens(journal.appends.flat()).map((chunk) => chunk.text);
    assert.equal(chunks.join(''), text);
    assert.deepEqual(chunks, chunkWords(text, 16));
  });

  it('assigns contiguous seqs from nextSeq and appends a burst as one batch on flush', async () => {
    const journal = fakeJournal();
    const events = writer(journal, { nextSeq: 2 });
    events.status({ status: 'IN_PROGRESS', message: 'in progress' });
    for (const piece of `${words(100)} `.match(/\S+\s*/g) ?? []) events.text(1, 'IN1', piece);
    events.endTurn(1, 'IN1');
    events.end('run_completed', { status: 'DONE', message: 'done' });
    await events.flush();
    assert.equal(journal.appends.length, 1, 'one append for IN_PROGRESS, the answer and DONE');
    const batch = journal.appends[0] ?? [];
    assert.deepEqual(
      batch.map((event) => event.runSeq),
      Array.from({ length: batch.length }, (_, index) => index + 2),
    );
    assert.equal(batch[0]?.kind, 'run_status');
    assert.equal(batch.at(-1)?.kind, 'run_completed');
    assert.equal(events.nextSeq, batch.length + 2);
    assert.equal(events.durableSeq, batch.length + 1);
  });

  it('publishes a batch only after its append resolved', async () => {
    const journal = fakeJournal();
    const events = writer(journal);
    journal.hold();
    events.text(1, 'IN1', 'hello world');
    events.endTurn(1, 'IN1');
    const flushed = events.flush();
    await journal.append(1);
    assert.equal(journal.published.length, 0);
    journal.release();
    await flushed;
    assert.equal(journal.published.length, 1);
    assert.deepEqual(
      journal.published[0]?.map((event) => [event.seq, event.kind, event.runId]),
      [[2, 'model_token', RUN]],
    );
  });

  it('sends at most batchMaxEvents per append, in seq order', async () => {
    const journal = fakeJournal();
    const events = writer(journal, { batchMaxEvents: 3 });
    for (let turn = 1; turn <= 7; turn += 1) {
      events.text(turn, `IN${turn}`, `answer ${turn}`);
      events.endTurn(turn, `IN${turn}`);
    }
    await events.flush();
    assert.ok(journal.appends.every((batch) => batch.length <= 3));
    assert.deepEqual(
      journal.appends.flat().map((event) => event.runSeq),
      [2, 3, 4, 5, 6, 7, 8],
    );
  });

  it('closes and sends the open chunk when the model pauses longer than the batch delay', async () => {
    const journal = fakeJournal();
    const events = writer(journal, { batchMaxDelayMs: 5 });
    const appended = journal.append(1);
    events.text(1, 'IN1', 'first ');
    events.text(1, 'IN1', 'words ');
    const batch = await appended;
    assert.deepEqual(tokens(batch), [{ text: 'first words ', is_final: false, turn: 1, in_reply_to: 'IN1' }]);
    events.dispose();
  });

  it('sends a queued event once it has waited the batch delay', async () => {
    const journal = fakeJournal();
    const events = writer(journal, { batchMaxDelayMs: 5 });
    const appended = journal.append(1);
    events.status({ status: 'IN_PROGRESS', message: 'in progress' });
    assert.equal((await appended)[0]?.kind, 'run_status');
    events.dispose();
  });

  it('marks a still-queued last chunk final instead of adding an empty chunk', async () => {
    const journal = fakeJournal();
    const events = writer(journal);
    events.text(1, 'IN1', words(16));
    events.text(1, 'IN1', ' ');
    events.closeChunk();
    events.endTurn(1, 'IN1');
    await events.flush();
    assert.deepEqual(
      tokens(journal.appends.flat()).map((chunk) => [chunk.text, chunk.is_final]),
      [[`${words(16)} `, true]],
    );
  });

  it('ends a turn whose chunks are already durable with an empty final chunk', async () => {
    const journal = fakeJournal();
    const events = writer(journal);
    events.text(1, 'IN1', 'some text');
    await events.flush();
    events.endTurn(1, 'IN1');
    await events.flush();
    assert.deepEqual(
      tokens(journal.appends.flat()).map((chunk) => [chunk.text, chunk.is_final]),
      [
        ['some text', false],
        ['', true],
      ],
    );
  });

  it('sets awaiting_input on the final chunk only, however the turn ends', async () => {
    const shapes = async (
      write: (events: EventWriter) => Promise<void>,
    ): Promise<[string, boolean, boolean | undefined][]> => {
      const journal = fakeJournal();
      const events = writer(journal);
      await write(events);
      await events.flush();
      return tokens(journal.appends.flat()).map((chunk) => [
        chunk.text,
        chunk.is_final,
        chunk.awaiting_input,
      ]);
    };
    // The open chunk becomes final.
    assert.deepEqual(
      await shapes(async (events) => {
        events.text(1, 'IN1', `${words(16)} more`);
        events.endTurn(1, 'IN1', { awaitingInput: true });
      }),
      [
        [`${words(16)} `, false, undefined],
        ['more', true, true],
      ],
    );
    // A still-queued chunk becomes final.
    assert.deepEqual(
      await shapes(async (events) => {
        events.text(1, 'IN1', 'queued');
        events.closeChunk();
        events.endTurn(1, 'IN1', { awaitingInput: true });
      }),
      [['queued', true, true]],
    );
    // Durable chunks, or no text at all: an empty final chunk carries the flag.
    assert.deepEqual(
      await shapes(async (events) => {
        events.text(1, 'IN1', 'durable');
        await events.flush();
        events.endTurn(1, 'IN1', { awaitingInput: true });
      }),
      [
        ['durable', false, undefined],
        ['', true, true],
      ],
    );
    assert.deepEqual(await shapes(async (events) => events.endTurn(1, 'IN1', { awaitingInput: true })), [
      ['', true, true],
    ]);
    // Without the option the payload keeps its old shape (no key at all).
    const journal = fakeJournal();
    const events = writer(journal);
    events.text(1, 'IN1', 'plain');
    events.endTurn(1, 'IN1');
    await events.flush();
    assert.deepEqual(tokens(journal.appends.flat()), [
      { text: 'plain', is_final: true, turn: 1, in_reply_to: 'IN1' },
    ]);
  });

  it('fails for good when an append fails: flush rejects, later writes throw, onFailure runs once', async () => {
    const journal = fakeJournal();
    const failures: unknown[] = [];
    const events = writer(journal, { onFailure: (error) => failures.push(error) });
    const boom = new Error('connection lost');
    journal.failNext(boom);
    events.text(1, 'IN1', 'hello');
    await assert.rejects(events.flush(), boom);
    assert.equal(events.failed, true);
    assert.throws(() => events.text(1, 'IN1', 'more'), boom);
    await assert.rejects(events.flush(), boom);
    assert.deepEqual(failures, [boom]);
    assert.equal(journal.published.length, 0);
  });

  it('reports a backlog when the model outpaces the journal and frees it after the next append', async () => {
    const journal = fakeJournal();
    const events = writer(journal, { batchMaxEvents: 2, batchMaxDelayMs: 10_000 });
    journal.hold();
    for (let turn = 1; events.backlogged === false; turn += 1) {
      events.text(turn, `IN${turn}`, 'x');
      events.endTurn(turn, `IN${turn}`);
    }
    const capacity = events.waitForCapacity();
    journal.release();
    await capacity;
    await events.flush();
    assert.equal(events.backlogged, false);
  });
});
