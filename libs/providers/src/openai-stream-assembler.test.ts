import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ModelStreamEvent } from './model-provider.js';
import { OpenAIStreamAssembler } from './openai-stream-assembler.js';
import { createToolNameMap } from './tool-names.js';

type Delta = ChatCompletionChunk.Choice.Delta;

function chunk(
  delta: Delta,
  finishReason: ChatCompletionChunk.Choice['finish_reason'] = null,
): ChatCompletionChunk {
  return {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'gpt-test-2025',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

function usageChunk(prompt: number, completion: number): ChatCompletionChunk {
  return {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'gpt-test-2025',
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

function run(chunks: ChatCompletionChunk[], tools: string[] = []): ModelStreamEvent[] {
  const names = createToolNameMap(tools.map((name) => ({ name, description: '', parameters: {} })));
  const assembler = new OpenAIStreamAssembler(names);
  return [...chunks.flatMap((c) => assembler.push(c)), ...assembler.finish(7)];
}

describe('OpenAIStreamAssembler', () => {
  it('passes text through and takes usage from the usage chunk', () => {
    const events = run([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      usageChunk(12, 2),
    ]);
    assert.deepEqual(events, [
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      {
        type: 'finish',
        reason: 'stop',
        usage: { promptTokens: 12, completionTokens: 2 },
        model: 'gpt-test-2025',
      },
    ]);
  });

  it('assembles parallel tool calls from argument deltas by index and maps names back', () => {
    const events = run(
      [
        chunk({
          tool_calls: [
            { index: 0, id: 'call_a', type: 'function', function: { name: 'palyra_echo', arguments: '' } },
          ],
        }),
        chunk({
          tool_calls: [
            {
              index: 1,
              id: 'call_b',
              type: 'function',
              function: { name: 'palyra_sleep', arguments: '{"ms"' },
            },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"text":' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: ':10}' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"hi"}' } }] }),
        chunk({}, 'tool_calls'),
        usageChunk(30, 20),
      ],
      ['palyra.echo', 'palyra.sleep'],
    );
    assert.deepEqual(events.slice(0, 2), [
      { type: 'tool_call', id: 'call_a', name: 'palyra.echo', argumentsJson: '{"text":"hi"}' },
      { type: 'tool_call', id: 'call_b', name: 'palyra.sleep', argumentsJson: '{"ms":10}' },
    ]);
    assert.equal((events[2] as { reason: string }).reason, 'tool_calls');
  });

  it('tolerates a whole call in one chunk, repeated names, a stop reason after calls, and no id', () => {
    const events = run(
      [
        chunk({ tool_calls: [{ index: 0, function: { name: 'palyra_echo', arguments: '{"text":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { name: 'palyra_echo', arguments: '"x"}' } }] }),
        chunk({}, 'stop'),
      ],
      ['palyra.echo'],
    );
    assert.deepEqual(events[0], {
      type: 'tool_call',
      id: 'call_0',
      name: 'palyra.echo',
      argumentsJson: '{"text":"x"}',
    });
    assert.equal((events[1] as { reason: string }).reason, 'tool_calls');
  });

  it('keeps calls apart that a server sent under one index with different ids', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'one', function: { name: 'a', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'two', function: { name: 'b', arguments: '{"k":1}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.deepEqual(
      events.filter((event) => event.type === 'tool_call').map((event) => [event.id, event.name]),
      [
        ['one', 'a'],
        ['two', 'b'],
      ],
    );
  });

  it('sends empty arguments as {}', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'x', function: { name: 'now', arguments: '' } }] }),
    ]);
    assert.equal((events[0] as { argumentsJson: string }).argumentsJson, '{}');
  });

  it('estimates usage when the server sent none, and says so', () => {
    const events = run([chunk({ content: 'twelve chars' }), chunk({}, 'length')]);
    assert.deepEqual(events.at(-1), {
      type: 'finish',
      reason: 'length',
      usage: { promptTokens: 7, completionTokens: 3, estimated: true },
      model: 'gpt-test-2025',
    });
  });

  it('finishes with stop when finish_reason never came', () => {
    const events = run([chunk({ content: 'a' })]);
    assert.equal((events.at(-1) as { reason: string }).reason, 'stop');
  });

  it('maps content_filter', () => {
    const events = run([chunk({ content: 'a' }), chunk({}, 'content_filter')]);
    assert.equal((events.at(-1) as { reason: string }).reason, 'content_filter');
  });
});
