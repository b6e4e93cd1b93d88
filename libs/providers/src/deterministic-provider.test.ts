import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAbortError } from './abort.js';
import { createDeterministicProvider } from './deterministic-provider.js';
import type { ModelRequest, ModelStreamEvent } from './model-provider.js';

function request(...userTexts: string[]): ModelRequest {
  return {
    model: 'deterministic',
    system: 'be brief',
    messages: userTexts.flatMap((content, index) => [
      { role: 'user' as const, content },
      ...(index < userTexts.length - 1 ? [{ role: 'assistant' as const, content: 'ok' }] : []),
    ]),
  };
}

async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function texts(events: readonly ModelStreamEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'text' ? [event.text] : []));
}

describe('deterministic provider', () => {
  it('answers the last user message word by word, each word with its trailing whitespace', async () => {
    const provider = createDeterministicProvider();
    const events = await collect(
      provider.stream(
        request('first question', '  Hello,  brave\nnew world! '),
        new AbortController().signal,
      ),
    );
    assert.deepEqual(texts(events), ['  Hello,  ', 'brave\n', 'new ', 'world! ']);
    assert.equal(texts(events).join(''), '  Hello,  brave\nnew world! ');
    assert.deepEqual(events.at(-1), {
      type: 'finish',
      reason: 'stop',
      // system 2 + 'first question' 2 + 'ok' 1 + 4 words
      usage: { promptTokens: 9, completionTokens: 4 },
    });
  });

  it('produces the same events for the same request', async () => {
    const provider = createDeterministicProvider();
    const input = request('the same words every time');
    const first = await collect(provider.stream(input, new AbortController().signal));
    const second = await collect(provider.stream(input, new AbortController().signal));
    assert.deepEqual(first, second);
  });

  it('answers an empty or missing user message with no text and a finish', async () => {
    const provider = createDeterministicProvider();
    const events = await collect(
      provider.stream(
        { model: 'm', messages: [{ role: 'assistant', content: 'hi' }] },
        new AbortController().signal,
      ),
    );
    assert.deepEqual(events, [
      { type: 'finish', reason: 'stop', usage: { promptTokens: 1, completionTokens: 0 } },
    ]);
  });

  it('stops promptly with an AbortError when the signal aborts during a slow stream', async () => {
    const provider = createDeterministicProvider({ tokenDelayMs: 10_000 });
    const controller = new AbortController();
    const started = Date.now();
    const seen: string[] = [];
    const consuming = (async () => {
      for await (const event of provider.stream(request('one two three'), controller.signal)) {
        if (event.type === 'text') seen.push(event.text);
      }
    })();
    setImmediate(() => controller.abort(new Error('cancelled')));
    await assert.rejects(consuming, (error: unknown) => {
      assert.ok(isAbortError(error));
      const cause = (error as Error).cause;
      assert.ok(cause instanceof Error);
      assert.equal(cause.message, 'cancelled');
      return true;
    });
    assert.deepEqual(seen, []);
    assert.ok(Date.now() - started < 1_000, 'abort did not wait for the token delay');
  });

  it('throws an AbortError before the first event when the signal is already aborted', async () => {
    const provider = createDeterministicProvider();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(collect(provider.stream(request('hello'), controller.signal)), isAbortError);
  });

  it('paces text events by the token delay', async () => {
    const provider = createDeterministicProvider({ tokenDelayMs: 20 });
    const started = performance.now();
    const events = await collect(provider.stream(request('a b c'), new AbortController().signal));
    assert.equal(texts(events).length, 3);
    assert.ok(performance.now() - started >= 55, 'three tokens take at least three delays');
  });

  it('rejects a negative token delay', () => {
    assert.throws(() => createDeterministicProvider({ tokenDelayMs: -1 }), RangeError);
  });
});
