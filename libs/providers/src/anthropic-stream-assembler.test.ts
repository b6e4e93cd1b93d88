import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { AnthropicStreamAssembler } from './anthropic-stream-assembler.js';
import type { ModelStreamEvent } from './model-provider.js';
import { createToolNameMap } from './tool-names.js';

// Wire events as the API sends them; the SDK's types ask for fields a stream may omit.
function events(...raw: Record<string, unknown>[]): RawMessageStreamEvent[] {
  return raw as unknown as RawMessageStreamEvent[];
}

function run(
  stream: RawMessageStreamEvent[],
  tools: string[] = [],
): { out: ModelStreamEvent[]; stopped: boolean } {
  const assembler = new AnthropicStreamAssembler(
    createToolNameMap(tools.map((name) => ({ name, description: '', parameters: {} }))),
  );
  const out = stream.flatMap((event) => assembler.push(event));
  return { out: [...out, ...assembler.finish(5)], stopped: assembler.stopped };
}

const start = (usage: Record<string, number> | undefined = { input_tokens: 20, output_tokens: 1 }) => ({
  type: 'message_start',
  message: { id: 'm', type: 'message', role: 'assistant', content: [], model: 'claude-test', usage },
});

describe('AnthropicStreamAssembler', () => {
  it('streams text deltas and takes usage from message_start and message_delta', () => {
    const { out, stopped } = run(
      events(
        start({ input_tokens: 20, output_tokens: 1, cache_read_input_tokens: 5 }),
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi ' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'there' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } },
        { type: 'message_stop' },
      ),
    );
    assert.equal(stopped, true);
    assert.deepEqual(out, [
      { type: 'text', text: 'Hi ' },
      { type: 'text', text: 'there' },
      {
        type: 'finish',
        reason: 'stop',
        usage: { promptTokens: 25, completionTokens: 9 },
        model: 'claude-test',
      },
    ]);
  });

  it('assembles tool_use input from input_json_delta pieces, emitted when the block stops', () => {
    const { out } = run(
      events(
        start(),
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me check.' } },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'palyra_echo', input: {} },
        },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"te' } },
        {
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'input_json_delta', partial_json: 'xt": "hi"}' },
        },
        { type: 'content_block_stop', index: 1 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 30 } },
        { type: 'message_stop' },
      ),
      ['palyra.echo'],
    );
    assert.deepEqual(out.slice(1), [
      { type: 'tool_call', id: 'toolu_1', name: 'palyra.echo', argumentsJson: '{"text": "hi"}' },
      {
        type: 'finish',
        reason: 'tool_calls',
        usage: { promptTokens: 20, completionTokens: 30 },
        model: 'claude-test',
      },
    ]);
  });

  it('uses the start input when no deltas follow, and {} for a tool without input', () => {
    const { out } = run(
      events(
        start(),
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'a', name: 'x', input: { k: 1 } },
        },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'b', name: 'y', input: {} },
        },
        { type: 'content_block_stop', index: 1 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 3 } },
        { type: 'message_stop' },
      ),
    );
    assert.deepEqual(
      out.filter((event) => event.type === 'tool_call').map((event) => event.argumentsJson),
      ['{"k":1}', '{}'],
    );
  });

  it('maps refusal to content_filter and max_tokens to length', () => {
    const refusal = run(
      events(start(), {
        type: 'message_delta',
        delta: { stop_reason: 'refusal' },
        usage: { output_tokens: 0 },
      }),
    );
    assert.equal((refusal.out.at(-1) as { reason: string }).reason, 'content_filter');
    const length = run(
      events(start(), {
        type: 'message_delta',
        delta: { stop_reason: 'max_tokens' },
        usage: { output_tokens: 9 },
      }),
    );
    assert.equal((length.out.at(-1) as { reason: string }).reason, 'length');
  });

  it('estimates usage a server did not report, and reports it was not stopped', () => {
    const { out, stopped } = run(
      events(
        {
          type: 'message_start',
          message: { id: 'm', type: 'message', role: 'assistant', content: [], model: 'x' },
        },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'abcdefgh' } },
      ),
    );
    assert.equal(stopped, false);
    assert.deepEqual((out.at(-1) as { usage: unknown }).usage, {
      promptTokens: 5,
      completionTokens: 2,
      estimated: true,
    });
  });
});
