import assert from 'node:assert/strict';
import test from 'node:test';
import { isPalyraError, LIMITS } from '@palyra/core';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';

test('page limits default, clamp and reject nonsense', () => {
  assert.equal(pageLimit(undefined), LIMITS.pageSizeDefault);
  assert.equal(pageLimit(10_000), LIMITS.pageSizeMax);
  for (const bad of [0, -1, 1.5]) assert.throws(() => pageLimit(bad), isPalyraError);
});

test('cursors round-trip any sort key and reject garbage', () => {
  for (const key of ['alpha', 'archived:x:1', 'ünïcode/+='])
    assert.equal(decodeCursor(encodeCursor(key)), key);
  assert.equal(decodeCursor(''), undefined);
  assert.equal(decodeCursor(null), undefined);
  assert.throws(() => decodeCursor('not a cursor!'), isPalyraError);
});
