import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { Secret } from '@palyra/config';
import { createAnthropicProvider, isAbortError } from '@palyra/providers';
import { type FakeUpstream, startFakeAnthropic } from '@palyra/testkit';
import { collect, echoTool, failureOf, finishOf, hello, startFakeFor, textOf } from './helpers.js';

const API_KEY = 'sk-ant-test-0123456789abcdef';

const fakeFor = (t: TestContext): Promise<FakeUpstream> => startFakeFor(t, startFakeAnthropic);

function providerFor(fake: FakeUpstream, requestTimeoutMs = 10_000) {
  return createAnthropicProvider({
    name: 'claude',
    baseUrl: fake.url,
    apiKey: new Secret(API_KEY),
    model: 'claude-test',
    defaultMaxTokens: 1024,
    requestTimeoutMs,
  });
}

describe('anthropic provider over HTTP', () => {
  it('streams text deltas with the usage of message_start and message_delta', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['Hi', ' there'], usage: { promptTokens: 21, completionTokens: 4 } });
    const events = await collect(
      providerFor(fake).stream({ system: 'be kind', ...hello }, new AbortController().signal),
    );
    assert.deepEqual(events, [
      { type: 'text', text: 'Hi' },
      { type: 'text', text: ' there' },
      {
        type: 'finish',
        reason: 'stop',
        usage: { promptTokens: 21, completionTokens: 4 },
        model: 'claude-test',
      },
    ]);
    const request = fake.requests[0];
    assert.equal(request?.path, '/v1/messages');
    assert.equal(request?.body.system, 'be kind');
    assert.equal(request?.body.max_tokens, 1024);
    assert.equal(request?.body.stream, true);
    assert.equal(request?.headers['x-api-key'], API_KEY);
  });

  it('assembles tool_use input from input_json_delta and maps tool names both ways', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({
      text: ['Calling.'],
      toolCalls: [{ id: 'toolu_9', name: 'palyra_echo', arguments: { text: 'hey' }, pieces: 4 }],
    });
    const events = await collect(
      providerFor(fake).stream({ tools: [echoTool], ...hello }, new AbortController().signal),
    );
    assert.deepEqual(events.slice(1), [
      { type: 'tool_call', id: 'toolu_9', name: 'palyra.echo', argumentsJson: '{"text":"hey"}' },
      {
        type: 'finish',
        reason: 'tool_calls',
        usage: { promptTokens: 1, completionTokens: 2 },
        model: 'claude-test',
      },
    ]);
    assert.equal(fake.requests[0]?.body.tools[0].name, 'palyra_echo');
    assert.equal(fake.requests[0]?.body.tools[0].input_schema.type, 'object');
  });

  it('sends tool results back as tool_result blocks in a user turn', async (t) => {
    const fake = await fakeFor(t);
    const events = await collect(
      providerFor(fake).stream(
        {
          tools: [echoTool],
          messages: [
            { role: 'user', content: '#tool palyra.echo {"text":"x"}' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [{ id: 'toolu_1', name: 'palyra.echo', argumentsJson: '{"text":"x"}' }],
            },
            { role: 'tool', toolCallId: 'toolu_1', toolName: 'palyra.echo', content: '{"text":"x"}' },
          ],
        },
        new AbortController().signal,
      ),
    );
    const messages = fake.requests[0]?.body.messages;
    assert.deepEqual(messages[1], {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'palyra_echo', input: { text: 'x' } }],
    });
    assert.deepEqual(messages[2], {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"text":"x"}' }],
    });
    // The fake's default answer summarises the results, under the wire name it saw.
    assert.equal(textOf(events), 'palyra_echo returned {"text":"x"}');
  });

  it('ends with content_filter on a refusal', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['I cannot'], finishReason: 'refusal' });
    assert.equal(
      finishOf(await collect(providerFor(fake).stream(hello, new AbortController().signal))).reason,
      'content_filter',
    );
  });

  it('stops promptly when aborted mid-stream, and the upstream sees the connection close', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['one'], end: 'hang' });
    const controller = new AbortController();
    await assert.rejects(
      (async () => {
        for await (const event of providerFor(fake).stream(hello, controller.signal)) {
          if (event.type === 'text') controller.abort();
        }
      })(),
      isAbortError,
    );
    assert.equal(await fake.requests[0]?.closed, 'client_closed');
  });

  it('reports a stream that ends before message_stop as unavailable', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['cut'], end: 'drop' });
    const { error, events } = await failureOf(providerFor(fake).stream(hello, new AbortController().signal));
    assert.equal(textOf(events), 'cut');
    assert.equal(error.kind, 'unavailable');
  });

  it('reports an overloaded error event inside the stream as unavailable', async (t) => {
    const fake = await fakeFor(t);
    fake.enqueue({ text: ['a'], end: { error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const { error } = await failureOf(providerFor(fake).stream(hello, new AbortController().signal));
    assert.equal(error.kind, 'unavailable');
    assert.equal(error.details.upstreamCode, 'overloaded_error');
  });

  const errorCases = [
    { name: '401', step: { status: 401 }, code: 'UPSTREAM_UNAUTHENTICATED' },
    {
      name: '400 prompt is too long',
      step: { status: 400, error: { message: 'prompt is too long: 210000 tokens > 200000 maximum' } },
      code: 'CONTEXT_TOO_LONG',
    },
    {
      name: '400 credit balance too low',
      step: {
        status: 400,
        error: { message: 'Your credit balance is too low to access the Anthropic API.' },
      },
      code: 'UPSTREAM_QUOTA_EXCEEDED',
    },
    { name: '529 overloaded', step: { status: 529 }, code: 'UNAVAILABLE' },
    {
      name: '400 invalid request',
      step: { status: 400, error: { message: 'messages: roles must alternate' } },
      code: 'INVALID_ARGUMENT',
    },
  ] as const;
  for (const { name, step, code } of errorCases) {
    it(`maps ${name} to ${code}`, async (t) => {
      const fake = await fakeFor(t);
      fake.enqueue(step);
      const { error } = await failureOf(providerFor(fake).stream(hello, new AbortController().signal));
      assert.equal(error.code, code);
      assert.equal(error.details.provider, 'claude');
      assert.equal(error.details.status, step.status);
      assert.ok(!error.message.includes(API_KEY));
    });
  }
});
