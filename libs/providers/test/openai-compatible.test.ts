import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { Secret } from '@palyra/config';
import {
  createOpenAICompatibleProvider,
  createOpenAIEmbeddingsProvider,
  isAbortError,
  type ModelStreamEvent,
} from '@palyra/providers';
import { type FakeUpstream, startFakeOpenAI } from '@palyra/testkit';
import { collect, echoTool, failureOf, finishOf, hello, startFakeFor, textOf } from './helpers.js';

const fakeFor = (t: TestContext): Promise<FakeUpstream> => startFakeFor(t, startFakeOpenAI);

function providerFor(fake: FakeUpstream, options: { apiKey?: string; requestTimeoutMs?: number } = {}) {
  return createOpenAICompatibleProvider({
    name: 'local',
    baseUrl: fake.url,
    model: 'llama-test',
    embeddingsModel: 'embed-test',
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    ...(options.apiKey === undefined ? {} : { apiKey: new Secret(options.apiKey) }),
  });
}

describe('openai_compatible provider over HTTP', () => {
  it('yields text as chunks arrive, before the upstream has finished the answer', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({
      text: ['Hello', ', ', 'world'],
      chunkDelayMs: 150,
      usage: { promptTokens: 11, completionTokens: 3 },
    });
    const iterator = providerFor(fake).stream(hello, new AbortController().signal)[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.deepEqual(first.value, { type: 'text', text: 'Hello' });
    assert.equal(fake.requests[0]?.outcome, 'pending', 'the answer is still being streamed');
    const rest: ModelStreamEvent[] = [];
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next())
      rest.push(next.value);
    assert.equal(textOf(rest), ', world');
    assert.deepEqual(finishOf(rest), {
      type: 'finish',
      reason: 'stop',
      usage: { promptTokens: 11, completionTokens: 3 },
      model: 'llama-test',
    });
  });

  it('sends the request the API expects: model, stream options, system, JSON mode, max_tokens', async (t) => {
    const fake = await fakeFor(t);
    await collect(
      providerFor(fake).stream(
        { system: 'be brief', messages: [{ role: 'user', content: 'json' }], jsonMode: true, maxTokens: 77 },
        new AbortController().signal,
      ),
    );
    const body = fake.requests[0]?.body;
    assert.equal(fake.requests[0]?.path, '/v1/chat/completions');
    assert.equal(body.model, 'llama-test');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.equal(body.max_tokens, 77);
    assert.deepEqual(body.messages[0], { role: 'system', content: 'be brief' });
  });

  it('assembles tool calls from argument deltas and maps tool names both ways', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({
      text: ['Sure.'],
      toolCalls: [
        { id: 'call_x', name: 'palyra_echo', arguments: { text: 'one' }, pieces: 4 },
        { id: 'call_y', name: 'palyra_echo', arguments: '{"text":"two"}', pieces: 5 },
      ],
    });
    const events = await collect(
      providerFor(fake).stream(
        {
          tools: [echoTool],
          messages: [
            { role: 'user', content: 'echo twice' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [{ id: 'old', name: 'palyra.echo', argumentsJson: '{"text":"0"}' }],
            },
            { role: 'tool', toolCallId: 'old', toolName: 'palyra.echo', content: '{"text":"0"}' },
          ],
        },
        new AbortController().signal,
      ),
    );
    assert.deepEqual(
      events.filter((event) => event.type === 'tool_call'),
      [
        { type: 'tool_call', id: 'call_x', name: 'palyra.echo', argumentsJson: '{"text":"one"}' },
        { type: 'tool_call', id: 'call_y', name: 'palyra.echo', argumentsJson: '{"text":"two"}' },
      ],
    );
    assert.equal(finishOf(events).reason, 'tool_calls');
    const body = fake.requests[0]?.body;
    assert.equal(body.tools[0].function.name, 'palyra_echo');
    assert.equal(body.messages[1].tool_calls[0].function.name, 'palyra_echo');
    assert.deepEqual(body.messages[2], { role: 'tool', tool_call_id: 'old', content: '{"text":"0"}' });
  });

  it('answers #tool directives by default with calls to the offered tools, like the deterministic provider', async (t) => {
    const fake = await fakeFor(t);
    const events = await collect(
      providerFor(fake).stream(
        {
          tools: [echoTool],
          messages: [{ role: 'user', content: 'on it\n#tool palyra.echo {"text":"hi"}' }],
        },
        new AbortController().signal,
      ),
    );
    assert.equal(textOf(events), 'on it');
    assert.deepEqual(
      events.filter((event) => event.type === 'tool_call'),
      [{ type: 'tool_call', id: 'call_1', name: 'palyra.echo', argumentsJson: '{"text":"hi"}' }],
    );
  });

  it('estimates usage when the server sends no usage chunk', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['twelve chars'], usage: null });
    const finish = finishOf(await collect(providerFor(fake).stream(hello, new AbortController().signal)));
    assert.equal(finish.usage.estimated, true);
    assert.equal(finish.usage.completionTokens, 3);
    assert.ok(finish.usage.promptTokens > 0);
  });

  it('sends the API key as a bearer token, and no Authorization header without one', async (t) => {
    const fake = await fakeFor(t);
    await collect(
      providerFor(fake, { apiKey: 'sk-test-key-1234567890' }).stream(hello, new AbortController().signal),
    );
    await collect(providerFor(fake).stream(hello, new AbortController().signal));
    assert.equal(fake.requests[0]?.headers.authorization, 'Bearer sk-test-key-1234567890');
    assert.equal(fake.requests[1]?.headers.authorization, undefined);
  });

  it('embeds texts in input order with the reported usage', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({
      vectors: [
        [1, 0],
        [0, 1],
        [0.6, 0.8],
      ],
    });
    const result = await createOpenAIEmbeddingsProvider({
      name: 'local',
      baseUrl: fake.url,
      embeddingsModel: 'embed-test',
      requestTimeoutMs: 10_000,
    }).embed(['a b', 'c', 'd e f'], new AbortController().signal);
    assert.deepEqual(result, {
      vectors: [
        [1, 0],
        [0, 1],
        [0.6, 0.8],
      ],
      model: 'embed-test',
      promptTokens: 6,
    });
    assert.equal(fake.requests[0]?.path, '/v1/embeddings');
    assert.deepEqual(fake.requests[0]?.body, {
      model: 'embed-test',
      input: ['a b', 'c', 'd e f'],
      encoding_format: 'float',
    });
  });

  it('stops promptly when aborted mid-stream, and the upstream sees the connection close', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['first'], end: 'hang' });
    const controller = new AbortController();
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of providerFor(fake).stream(hello, controller.signal)) {
          if (event.type === 'text') {
            seen.push(event.text);
            controller.abort(new Error('cancelled by request'));
          }
        }
      })(),
      isAbortError,
    );
    assert.deepEqual(seen, ['first']);
    assert.equal(await fake.requests[0]?.closed, 'client_closed');
  });

  it('aborts a request still waiting for response headers', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ hang: true });
    const controller = new AbortController();
    const consuming = collect(providerFor(fake).stream(hello, controller.signal));
    await fake.waitForRequests(1);
    controller.abort();
    await assert.rejects(consuming, isAbortError);
    assert.equal(await fake.requests[0]?.closed, 'client_closed');
  });

  it('times out a stream that goes quiet, as a retryable timeout', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['partial'], end: 'hang' });
    const { error, events } = await failureOf(
      providerFor(fake, { requestTimeoutMs: 1_000 }).stream(hello, new AbortController().signal),
    );
    assert.equal(textOf(events), 'partial');
    assert.equal(error.kind, 'timeout');
    assert.equal(error.code, 'UNAVAILABLE');
    assert.equal(error.details.retryable, true);
    assert.match(error.message, /sent nothing for 1000 ms/);
    assert.equal(await fake.requests[0]?.closed, 'client_closed');
  });

  it('reports a connection dropped mid-stream as unavailable, after the text already yielded', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['half'], end: 'drop' });
    const { error, events } = await failureOf(providerFor(fake).stream(hello, new AbortController().signal));
    assert.equal(textOf(events), 'half');
    assert.equal(error.kind, 'unavailable');
  });

  it('reports an error event inside the stream', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['a'], end: { error: { type: 'server_error', message: 'model crashed' } } });
    const { error } = await failureOf(providerFor(fake).stream(hello, new AbortController().signal));
    assert.equal(error.kind, 'unavailable');
    assert.match(error.message, /mid-stream.*model crashed/);
  });

  it('reports an unreachable server as unavailable', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const provider = createOpenAICompatibleProvider({
      name: 'gone',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      model: 'm',
      requestTimeoutMs: 5_000,
    });
    const { error } = await failureOf(provider.stream(hello, new AbortController().signal));
    assert.equal(error.kind, 'unavailable');
    assert.match(error.message, /could not reach model provider gone at 127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  const errorCases = [
    { name: '401', step: { status: 401 }, code: 'UPSTREAM_UNAUTHENTICATED', kind: 'auth' },
    {
      name: '429 insufficient_quota',
      step: {
        status: 429,
        error: {
          type: 'insufficient_quota',
          code: 'insufficient_quota',
          message: 'You exceeded your current quota',
        },
      },
      code: 'UPSTREAM_QUOTA_EXCEEDED',
      kind: 'quota',
    },
    {
      name: '400 context_length_exceeded',
      step: {
        status: 400,
        error: {
          code: 'context_length_exceeded',
          message: "This model's maximum context length is 8192 tokens.",
        },
      },
      code: 'CONTEXT_TOO_LONG',
      kind: 'context_too_long',
    },
    {
      name: '400 content_policy_violation',
      step: {
        status: 400,
        error: {
          code: 'content_policy_violation',
          message: 'Your request was rejected by our safety system.',
        },
      },
      code: 'CONTENT_POLICY',
      kind: 'content_policy',
    },
    { name: '404 unknown model', step: { status: 404 }, code: 'INVALID_ARGUMENT', kind: 'invalid_request' },
    {
      name: '429 rate limit',
      step: { status: 429, headers: { 'retry-after': '7' } },
      code: 'UNAVAILABLE',
      kind: 'rate_limited',
    },
    { name: '503', step: { status: 503 }, code: 'UNAVAILABLE', kind: 'unavailable' },
  ] as const;
  for (const { name, step, code, kind } of errorCases) {
    it(`maps ${name} to ${code} with the envelope and a hint`, async (t) => {
      const fake = await fakeFor(t);
      fake.enqueue(step);
      const { error } = await failureOf(
        providerFor(fake, { apiKey: 'sk-fake-1234567890abcdefgh' }).stream(
          hello,
          new AbortController().signal,
        ),
      );
      assert.equal(error.code, code);
      assert.equal(error.kind, kind);
      assert.equal(error.details.kind, kind);
      assert.equal(error.details.provider, 'local');
      assert.equal(error.details.status, step.status);
      assert.equal(error.details.retryable, code === 'UNAVAILABLE');
      assert.ok(error.details.hint.length > 20);
      assert.ok(!error.message.includes('sk-fake'), 'no key fragment in the message');
      if (name === '429 rate limit') assert.equal(error.retryAfterMs, 7000);
    });
  }
});
