import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelTool } from './model-provider.js';
import { createToolNameMap, PROVIDER_TOOL_NAME } from './tool-names.js';

function tool(name: string): ModelTool {
  return { name, description: name, parameters: { type: 'object' } };
}

describe('tool name map', () => {
  it('maps dots and other invalid characters to underscores and back', () => {
    const names = createToolNameMap([tool('palyra.echo'), tool('palyra.http.fetch'), tool('fancy tool/ü')]);
    assert.equal(names.toProvider('palyra.echo'), 'palyra_echo');
    assert.equal(names.toProvider('palyra.http.fetch'), 'palyra_http_fetch');
    assert.equal(names.toProvider('fancy tool/ü'), 'fancy_tool__');
    assert.equal(names.toPalyra('palyra_echo'), 'palyra.echo');
    assert.equal(names.toPalyra('palyra_http_fetch'), 'palyra.http.fetch');
    assert.equal(names.toPalyra('fancy_tool__'), 'fancy tool/ü');
  });

  it('keeps valid names and suffixes the sanitized name that collides with one', () => {
    const names = createToolNameMap([tool('a.b'), tool('a_b'), tool('a-b')]);
    assert.equal(names.toProvider('a_b'), 'a_b');
    assert.equal(names.toProvider('a-b'), 'a-b');
    assert.equal(names.toProvider('a.b'), 'a_b_2');
    assert.equal(names.toPalyra('a_b'), 'a_b');
    assert.equal(names.toPalyra('a_b_2'), 'a.b');
  });

  it('truncates to 64 characters and keeps long names apart', () => {
    const long = `palyra.${'x'.repeat(80)}`;
    const names = createToolNameMap([tool(`${long}.one`), tool(`${long}.two`)]);
    const one = names.toProvider(`${long}.one`);
    const two = names.toProvider(`${long}.two`);
    assert.match(one, PROVIDER_TOOL_NAME);
    assert.match(two, PROVIDER_TOOL_NAME);
    assert.notEqual(one, two);
    assert.equal(names.toPalyra(two), `${long}.two`);
  });

  it('maps names used earlier in the conversation, even when no longer offered', () => {
    const names = createToolNameMap(
      [tool('palyra.echo')],
      [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c1', name: 'palyra.sleep', argumentsJson: '{}' }],
        },
        { role: 'tool', toolCallId: 'c1', toolName: 'palyra.sleep', content: 'ok' },
      ],
    );
    assert.equal(names.toProvider('palyra.sleep'), 'palyra_sleep');
    assert.equal(names.toPalyra('palyra_sleep'), 'palyra.sleep');
  });

  it('passes a name the model invented through unchanged', () => {
    const names = createToolNameMap([tool('palyra.echo')]);
    assert.equal(names.toPalyra('web_search'), 'web_search');
  });

  it('gives the same mapping for the same request', () => {
    const tools = [tool('x.y'), tool('x_y'), tool('x-y.z')];
    const first = createToolNameMap(tools);
    const second = createToolNameMap(tools);
    for (const { name } of tools) assert.equal(first.toProvider(name), second.toProvider(name));
  });
});
