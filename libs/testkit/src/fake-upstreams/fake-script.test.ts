import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultAnswer, splitInto, wordChunks } from './fake-script.js';

describe('fake upstream default answer', () => {
  it('echoes the last user message word by word', () => {
    const answer = defaultAnswer({
      lastUserText: 'hi there',
      trailingToolResults: [],
      offeredTools: [],
      promptWords: 5,
    });
    assert.deepEqual(answer.text, ['hi ', 'there']);
    assert.deepEqual(answer.toolCalls, []);
    assert.deepEqual(answer.usage, { promptTokens: 5, completionTokens: 2 });
  });

  it('turns #tool lines into calls to the offered tool the name was mapped to', () => {
    const answer = defaultAnswer({
      lastUserText: 'ok\n#tool palyra.echo {"text":"x"}\n#tool palyra.sleep',
      trailingToolResults: [],
      offeredTools: ['palyra_echo'],
      promptWords: 1,
    });
    assert.deepEqual(answer.text, ['ok']);
    assert.deepEqual(answer.toolCalls, [
      { name: 'palyra_echo', arguments: '{"text":"x"}' },
      { name: 'palyra_sleep', arguments: '{}' },
    ]);
  });

  it('summarises tool results, one line each, saying which failed', () => {
    const answer = defaultAnswer({
      lastUserText: '#tool palyra.echo {}',
      trailingToolResults: [
        { name: 'palyra_echo', content: '{}', isError: false },
        { name: 'palyra_http_fetch', content: 'denied', isError: true },
      ],
      offeredTools: [],
      promptWords: 1,
    });
    assert.equal((answer.text ?? []).join(''), 'palyra_echo returned {}\npalyra_http_fetch failed: denied');
    assert.equal(answer.toolCalls, undefined);
  });
});

describe('splitInto and wordChunks', () => {
  it('splits arguments into ordered pieces that concatenate back', () => {
    assert.deepEqual(splitInto('{"text":"hi"}', 3), ['{"tex', 't":"h', 'i"}']);
    assert.deepEqual(splitInto('ab', 5), ['a', 'b']);
    assert.deepEqual(splitInto('', 3), ['']);
  });

  it('keeps whitespace so chunks concatenate to the text', () => {
    assert.equal(wordChunks('  a  b\nc ').join(''), '  a  b\nc ');
  });
});
