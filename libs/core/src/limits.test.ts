import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isJournalEventKind, JOURNAL_EVENT_KINDS, PALYRA_EVENT_KIND_OF } from './journal-event.js';
import { LIMITS } from './limits.js';

describe('LIMITS', () => {
  test('match the architecture', () => {
    assert.equal(LIMITS.protocolVersion, 1);
    assert.equal(LIMITS.grpcMessageBytes, 4 * 1024 * 1024);
    assert.equal(LIMITS.httpBodyBytes, 64 * 1024);
    assert.equal(LIMITS.journalPayloadBytes, 256 * 1024);
    assert.equal(LIMITS.modelTurnsPerRun, 8);
    assert.equal(LIMITS.toolCallsPerRunDefault, 4);
    assert.equal(LIMITS.runWallClockMsDefault, 120_000);
    assert.equal(LIMITS.approvalTimeoutMs, 60_000);
    assert.ok(LIMITS.pageSizeDefault <= LIMITS.pageSizeMax);
  });
});

describe('journal event kinds', () => {
  test('every kind maps onto a Palyra wire kind', () => {
    assert.deepEqual(Object.keys(PALYRA_EVENT_KIND_OF).sort(), [...JOURNAL_EVENT_KINDS].sort());
    for (const kind of JOURNAL_EVENT_KINDS)
      assert.match(PALYRA_EVENT_KIND_OF[kind], /^EVENT_KIND_[A-Z0-9_]+$/);
  });

  test('isJournalEventKind recognises exactly the listed kinds', () => {
    for (const kind of JOURNAL_EVENT_KINDS) assert.equal(isJournalEventKind(kind), true);
    for (const other of ['', 'MODEL_TOKEN', 'model-token', 'unknown'])
      assert.equal(isJournalEventKind(other), false);
  });
});
