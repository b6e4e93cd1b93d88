import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEventKind } from '@palyra/core';
import type { StoredJournalEvent } from '@palyra/journal';
import { boundedContext, conversationFromSessionEvents } from './run-context.js';
import { RunProgress } from './run-state.js';

/** Builds a run's journal the way gateway and worker write it, with chain seqs in order. */
function journal(runId = 'R1') {
  let chainSeq = 0;
  let runSeq = 0;
  const events: StoredJournalEvent[] = [];
  const add = (kind: JournalEventKind, payload: unknown, streamed: boolean, eventId?: string) => {
    chainSeq += 1;
    if (streamed) runSeq += 1;
    const event: StoredJournalEvent = {
      tenantId: 'acme',
      sessionId: 'S',
      chainSeq,
      eventId: eventId ?? `E${chainSeq}`,
      runId,
      runSeq: streamed ? runSeq : null,
      kind,
      actor: streamed ? 'agent' : 'user',
      payload,
      payloadJson: JSON.stringify(payload),
      redacted: false,
      recordedAtUs: chainSeq * 1000,
      prevHash: '',
      hash: '',
    };
    events.push(event);
    return event;
  };
  return {
    events,
    input: (id: string, text: string) => add('message_received', { text }, false, id),
    status: (status: string) => add('run_status', { status, message: '' }, true),
    chunk: (turn: number, inReplyTo: string, text: string, isFinal = false) =>
      add('model_token', { text, is_final: isFinal, turn, in_reply_to: inReplyTo }, true),
    done: () => add('run_completed', { status: 'DONE', message: 'done' }, true),
    failed: (reason: string) => add('run_failed', { status: 'FAILED', message: '', reason }, true),
    cancelRequested: () => add('run_cancel_requested', { reason: 'x', requested_by: 'p' }, false),
    stream: () => events.filter((event) => event.runSeq !== null),
    inputs: () => events.filter((event) => event.runSeq === null),
  };
}

describe('RunProgress (rebuilt from the journal)', () => {
  it('a freshly admitted run has one pending input and nothing of a worker', () => {
    const run = journal();
    run.input('IN1', 'hello');
    run.status('ACCEPTED');
    const progress = RunProgress.fromJournal(run.stream(), run.inputs());
    assert.equal(progress.lastSeq, 1);
    assert.equal(progress.lastTurn, 0);
    assert.equal(progress.hasInProgressStatus, false);
    assert.equal(progress.terminal, undefined);
    assert.equal(progress.nextPendingInput()?.eventId, 'IN1');
    assert.equal(progress.nextPendingInput()?.text, 'hello');
    assert.equal(progress.firstChainSeq, 1);
  });

  it('an input is answered once its latest turn has a final chunk; the next one is pending', () => {
    const run = journal();
    run.input('IN1', 'one');
    run.status('ACCEPTED');
    run.status('IN_PROGRESS');
    run.chunk(1, 'IN1', 'one ');
    run.input('IN2', 'two');
    run.chunk(1, 'IN1', '', true);
    const progress = RunProgress.fromJournal(run.stream(), run.inputs());
    assert.equal(progress.hasInProgressStatus, true);
    assert.equal(progress.lastSeq, 4);
    assert.equal(progress.lastTurn, 1);
    assert.equal(progress.latestTurn('IN1')?.final, true);
    assert.equal(progress.nextPendingInput()?.eventId, 'IN2');
    assert.equal(progress.lastInputChainSeq, 5);
  });

  it('a half-streamed turn is resumable with its journaled text as the prefix', () => {
    const run = journal();
    run.input('IN1', 'a b c d');
    run.status('ACCEPTED');
    run.status('IN_PROGRESS');
    run.chunk(1, 'IN1', 'a b ');
    run.chunk(1, 'IN1', 'c ');
    const progress = RunProgress.fromJournal(run.stream(), run.inputs());
    assert.equal(progress.nextPendingInput()?.eventId, 'IN1');
    assert.deepEqual(progress.latestTurn('IN1'), {
      turn: 1,
      inReplyTo: 'IN1',
      text: 'a b c ',
      final: false,
      toolCalls: [],
    });
  });

  it('a turn closed early for a diverged resume does not answer its input; the newer turn decides', () => {
    const run = journal();
    run.input('IN1', 'x');
    run.status('ACCEPTED');
    run.chunk(1, 'IN1', 'old ');
    run.chunk(1, 'IN1', '', true);
    run.chunk(2, 'IN1', 'new ');
    const progress = RunProgress.fromJournal(run.stream(), run.inputs());
    assert.equal(progress.nextPendingInput()?.eventId, 'IN1');
    assert.deepEqual(progress.latestTurn('IN1'), {
      turn: 2,
      inReplyTo: 'IN1',
      text: 'new ',
      final: false,
      toolCalls: [],
    });
    assert.equal(progress.lastTurn, 2);
    assert.equal(progress.beginTurn('IN1').turn, 3);
  });

  it('recognizes the terminal event: DONE, FAILED, and FAILED with reason cancelled', () => {
    const done = journal();
    done.input('IN1', 'x');
    done.status('ACCEPTED');
    done.done();
    assert.equal(RunProgress.fromJournal(done.stream(), done.inputs()).terminal, 'done');
    const failed = journal();
    failed.status('ACCEPTED');
    failed.failed('wall_clock_limit');
    assert.equal(RunProgress.fromJournal(failed.stream(), []).terminal, 'failed');
    const cancelled = journal();
    cancelled.status('ACCEPTED');
    cancelled.failed('cancelled');
    assert.equal(RunProgress.fromJournal(cancelled.stream(), []).terminal, 'cancelled');
  });

  it('takes the last seq from the run row when the journal was not read', () => {
    assert.equal(RunProgress.fromJournal([], [], 7).lastSeq, 7);
  });

  it('ignores signals and repeated inputs; new inputs read later join in chain order', () => {
    const run = journal();
    run.input('IN1', 'one');
    run.status('ACCEPTED');
    run.cancelRequested();
    const progress = RunProgress.fromJournal(run.stream(), run.inputs());
    const later = run.input('IN2', 'two');
    assert.equal(progress.addInputs([...run.inputs()]), 1);
    assert.equal(progress.addInputs([later]), 0);
    assert.deepEqual(
      progress.inputs.map((input) => input.eventId),
      ['IN1', 'IN2'],
    );
  });

  it('builds the conversation up to an input: each input followed by its final answer', () => {
    const run = journal();
    run.input('IN1', 'one');
    run.status('ACCEPTED');
    run.chunk(1, 'IN1', 'answer ');
    run.chunk(1, 'IN1', 'one', true);
    run.input('IN2', 'two');
    run.chunk(2, 'IN2', 'partial');
    run.input('IN3', 'three');
    const progress = RunProgress.fromJournal(run.stream(), run.inputs());
    assert.deepEqual(progress.conversation('IN2'), [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'answer one' },
      { role: 'user', content: 'two' },
    ]);
    assert.deepEqual(progress.conversation(), [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'answer one' },
      { role: 'user', content: 'two' },
      { role: 'user', content: 'three' },
    ]);
  });

  it('reads malformed payloads as absent instead of throwing', () => {
    const run = journal();
    run.input('IN1', 'x');
    run.chunk(1, 'IN1', 'fine');
    const broken = run.chunk(1, 'IN1', 'ignored');
    (broken as { payload: unknown }).payload = { text: 3 };
    const progress = RunProgress.fromJournal(run.stream(), run.inputs());
    assert.equal(progress.latestTurn('IN1')?.text, 'fine');
  });
});

describe('session context', () => {
  it('gives each previous run its inputs and answers, skipping answers whose input is outside the stretch', () => {
    const first = journal('R1');
    first.input('A1', 'first question');
    first.status('ACCEPTED');
    first.chunk(1, 'A1', 'first answer', true);
    first.done();
    const second = journal('R2');
    second.input('B1', 'second question');
    second.status('ACCEPTED');
    second.chunk(1, 'B1', 'second ', false);
    second.chunk(1, 'B1', 'answer', true);
    second.failed('cancelled');
    const all = [...first.events, ...second.events];
    assert.deepEqual(conversationFromSessionEvents(all), [
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: 'second question' },
      { role: 'assistant', content: 'second answer' },
    ]);
    // A stretch that starts after R1's input: its answer is not taken.
    assert.deepEqual(conversationFromSessionEvents(all.slice(2)).at(0), {
      role: 'user',
      content: 'second question',
    });
  });

  it('bounds the context to the most recent messages', () => {
    const history = Array.from({ length: 30 }, (_, index) => ({
      role: 'user' as const,
      content: `h${index}`,
    }));
    const context = boundedContext(history, [{ role: 'user', content: 'now' }], 20);
    assert.equal(context.length, 20);
    assert.equal(context.at(-1)?.content, 'now');
    assert.equal(context[0]?.content, 'h11');
  });
});
