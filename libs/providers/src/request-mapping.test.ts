import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAnthropicParams } from './anthropic-request.js';
import type { ModelRequest } from './model-provider.js';
import { toChatCompletionParams } from './openai-request.js';
import { createToolNameMap } from './tool-names.js';

const request: ModelRequest = {
  system: 'be brief',
  maxTokens: 50,
  tools: [
    {
      name: 'palyra.echo',
      description: 'Echo',
      parameters: { type: 'object', properties: { text: { type: 'string' } } },
    },
  ],
  messages: [
    { role: 'user', content: 'say hi twice' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [
        { id: 'c1', name: 'palyra.echo', argumentsJson: '{"text":"hi"}' },
        { id: 'c2', name: 'palyra.echo', argumentsJson: 'not json' },
      ],
    },
    { role: 'tool', toolCallId: 'c1', toolName: 'palyra.echo', content: '{"text":"hi"}' },
    {
      role: 'tool',
      toolCallId: 'c2',
      toolName: 'palyra.echo',
      content: 'denied: malformed arguments',
      isError: true,
    },
  ],
};

describe('Chat Completions request', () => {
  it('maps system, tool calls, tool results, tools, max tokens and streaming options', () => {
    const names = createToolNameMap(request.tools, request.messages);
    const params = toChatCompletionParams(request, 'gpt-x', names, 'max_tokens');
    assert.deepEqual(params, {
      model: 'gpt-x',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 50,
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'say hi twice' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'palyra_echo', arguments: '{"text":"hi"}' } },
            { id: 'c2', type: 'function', function: { name: 'palyra_echo', arguments: 'not json' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"text":"hi"}' },
        { role: 'tool', tool_call_id: 'c2', content: 'denied: malformed arguments' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'palyra_echo',
            description: 'Echo',
            parameters: { type: 'object', properties: { text: { type: 'string' } } },
          },
        },
      ],
    });
  });

  it('asks for a JSON object in JSON mode and uses max_completion_tokens when told', () => {
    const params = toChatCompletionParams(
      { messages: [{ role: 'user', content: 'json please' }], jsonMode: true, maxTokens: 9 },
      'gpt-x',
      createToolNameMap(),
      'max_completion_tokens',
    );
    assert.deepEqual(params.response_format, { type: 'json_object' });
    assert.equal(params.max_completion_tokens, 9);
    assert.equal('max_tokens' in params, false);
    assert.equal('tools' in params, false);
  });
});

describe('Messages API request', () => {
  it('puts tool results in one user turn as tool_result blocks and tool calls as tool_use blocks', () => {
    const names = createToolNameMap(request.tools, request.messages);
    const params = toAnthropicParams(request, 'claude-x', names, 4096);
    assert.deepEqual(params, {
      model: 'claude-x',
      max_tokens: 50,
      stream: true,
      system: 'be brief',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'say hi twice' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'c1', name: 'palyra_echo', input: { text: 'hi' } },
            { type: 'tool_use', id: 'c2', name: 'palyra_echo', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'c1', content: '{"text":"hi"}' },
            {
              type: 'tool_result',
              tool_use_id: 'c2',
              content: 'denied: malformed arguments',
              is_error: true,
            },
          ],
        },
      ],
      tools: [
        {
          name: 'palyra_echo',
          description: 'Echo',
          input_schema: { type: 'object', properties: { text: { type: 'string' } } },
        },
      ],
    });
  });

  it('uses the default max tokens, merges consecutive user text, and turns JSON mode into an instruction', () => {
    const params = toAnthropicParams(
      {
        jsonMode: true,
        messages: [
          { role: 'user', content: 'one' },
          { role: 'user', content: 'two' },
        ],
      },
      'claude-x',
      createToolNameMap(),
      1234,
    );
    assert.equal(params.max_tokens, 1234);
    assert.equal(params.system, 'Answer with one JSON object and nothing else.');
    assert.deepEqual(params.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      },
    ]);
  });
});
