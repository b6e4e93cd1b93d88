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
  it('proposes a tool call per #tool line and echoes the other lines', async () => {
    const provider = createDeterministicProvider();
    const events = await collect(
      provider.stream(
        {
          messages: [
            {
              role: 'user',
              content:
                'Checking now\n#tool palyra.echo {"text":"hi"}\n  #tool palyra.sleep {"ms": 10}  \ndone',
            },
          ],
        },
        new AbortController().signal,
      ),
    );
    assert.deepEqual(texts(events), ['Checking ', 'now\n', 'done']);
    assert.deepEqual(
      events.filter((event) => event.type === 'tool_call'),
      [
        { type: 'tool_call', id: 'call_1', name: 'palyra.echo', argumentsJson: '{"text":"hi"}' },
        { type: 'tool_call', id: 'call_2', name: 'palyra.sleep', argumentsJson: '{"ms": 10}' },
      ],
    );
    const finish = events.at(-1);
    assert.equal(finish?.type === 'finish' && finish.reason, 'tool_calls');
  });

  it('proposes a directive without JSON with {} and does not check the offered tools', async () => {
    const provider = createDeterministicProvider();
    const events = await collect(
      provider.stream(
        { messages: [{ role: 'user', content: '#tool palyra.unknown' }], tools: [] },
        new AbortController().signal,
      ),
    );
    assert.deepEqual(events.slice(0, 1), [
      { type: 'tool_call', id: 'call_1', name: 'palyra.unknown', argumentsJson: '{}' },
    ]);
  });

  it('numbers call ids on from the calls already in the conversation', async () => {
    const provider = createDeterministicProvider();
    const events = await collect(
      provider.stream(
        {
          messages: [
            { role: 'user', content: '#tool palyra.echo {}' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [{ id: 'call_1', name: 'palyra.echo', argumentsJson: '{}' }],
            },
            { role: 'tool', toolCallId: 'call_1', toolName: 'palyra.echo', content: '{}' },
            { role: 'assistant', content: 'palyra.echo returned {}' },
            { role: 'user', content: '#tool palyra.echo {"again":true}' },
          ],
        },
        new AbortController().signal,
      ),
    );
    assert.equal(events[0]?.type === 'tool_call' && events[0].id, 'call_2');
  });

  it('answers tool results with one line per result, saying which failed', async () => {
    const provider = createDeterministicProvider();
    const input: ModelRequest = {
      messages: [
        {
          role: 'user',
          content: '#tool palyra.echo {"text":"hi"}\n#tool palyra.http.fetch {"url":"http://x"}',
        },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            { id: 'call_1', name: 'palyra.echo', argumentsJson: '{"text":"hi"}' },
            { id: 'call_2', name: 'palyra.http.fetch', argumentsJson: '{"url":"http://x"}' },
          ],
        },
        { role: 'tool', toolCallId: 'call_1', toolName: 'palyra.echo', content: '{"text":"hi"}' },
        {
          role: 'tool',
          toolCallId: 'call_2',
          toolName: 'palyra.http.fetch',
          content: 'denied: approval timed out',
          isError: true,
        },
      ],
    };
    const first = await collect(provider.stream(input, new AbortController().signal));
    assert.equal(
      texts(first).join(''),
      'palyra.echo returned {"text":"hi"}\npalyra.http.fetch failed: denied: approval timed out',
    );
    assert.equal(
      first.some((event) => event.type === 'tool_call'),
      false,
    );
    const finish = first.at(-1);
    assert.equal(finish?.type === 'finish' && finish.reason, 'stop');
    // A redelivered run calls again with the same request and must see the same answer.
    assert.deepEqual(await collect(provider.stream(input, new AbortController().signal)), first);
  });
});
