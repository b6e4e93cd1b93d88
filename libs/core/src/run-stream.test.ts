import assert from 'node:assert/strict';
import test from 'node:test';
import { chunkWords, isTerminalStreamKind, STREAMED_KINDS } from './run-stream.js';

test('chunks hold at most maxWords words and concatenate back to the exact text', () => {
  const text = '  one two\tthree\nfour five six seven   eight nine ten eleven twelve 13 14 15 16 17 18  ';
  const chunks = chunkWords(text, 16);
  assert.equal(chunks.join(''), text);
  assert.equal(chunks.length, 2);
  for (const chunk of chunks) assert.ok(chunk.trim().split(/\s+/).length <= 16);
});

test('a text of exactly maxWords words is one chunk; empty text is no chunk', () => {
  assert.deepEqual(chunkWords('a b c', 3), ['a b c']);
  assert.deepEqual(chunkWords('', 16), []);
  assert.deepEqual(chunkWords('   ', 16), ['   ']);
});

test('maxWords below 1 is rejected instead of looping', () => {
  assert.throws(() => chunkWords('a b', 0), RangeError);
});

test('only run_completed and run_failed end a stream; inputs are never streamed', () => {
  assert.equal(isTerminalStreamKind('run_completed'), true);
  assert.equal(isTerminalStreamKind('run_failed'), true);
  assert.equal(isTerminalStreamKind('run_status'), false);
  assert.equal(STREAMED_KINDS.has('message_received'), false);
  assert.equal(STREAMED_KINDS.has('model_token'), true);
});
