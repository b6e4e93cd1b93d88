import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toolContext } from '../test/tool-context.js';
import { BUILTIN_TOOL_NAMES, SENSITIVE_BUILTIN_TOOL_NAMES } from './builtin-names.js';
import { builtinTools } from './builtin-tools.js';
import { executeTool } from './execution.js';
import { storedJsonBytes, TOOL_OUTPUT_MAX_BYTES } from './output-limit.js';
import { createToolRegistry } from './registry.js';
import type { SessionHistoryMessage } from './tool-definition.js';

const HTTP = { allowPrivateTargets: false, maxResponseBytes: 1024, timeoutMs: 1_000, maxRedirects: 1 };
const tools = builtinTools({ httpFetch: HTTP });
const registry = createToolRegistry(tools);

function history(count: number, content: (index: number) => string = (index) => `message ${index}`) {
  return Array.from(
    { length: count },
    (_, index): SessionHistoryMessage => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: content(index),
      atUnixMs: 1_700_000_000_000 + index,
    }),
  );
}

describe('built-in tools', () => {
  it('match the name lists the config validates against, sensitivity and risk included', () => {
    assert.deepEqual(
      tools.map((tool) => tool.name),
      [...BUILTIN_TOOL_NAMES],
    );
    assert.deepEqual(
      tools.filter((tool) => tool.sensitive).map((tool) => tool.name),
      [...SENSITIVE_BUILTIN_TOOL_NAMES],
    );
    assert.deepEqual(Object.fromEntries(tools.map((tool) => [tool.name, tool.riskLevel])), {
      'palyra.echo': 'LOW',
      'palyra.sleep': 'LOW',
      'palyra.http.fetch': 'HIGH',
      'palyra.session.history': 'LOW',
    });
  });

  it('palyra.echo returns its text', async () => {
    const execution = await executeTool(
      registry,
      'palyra.echo',
      { text: 'héllo "world"' },
      toolContext(),
      1_000,
    );
    assert.equal(execution.outputJson, '{"text":"héllo \\"world\\""}');
  });

  it('palyra.sleep sleeps and reports it', async () => {
    const execution = await executeTool(registry, 'palyra.sleep', { ms: 5 }, toolContext(), 5_000);
    assert.equal(execution.success, true);
    assert.equal(execution.outputJson, '{"slept_ms":5}');
  });

  it('palyra.sleep stops as soon as its signal aborts', async () => {
    const sleep = registry.get('palyra.sleep');
    assert.ok(sleep);
    const controller = new AbortController();
    const pending = sleep.execute({ ms: 5_000 }, toolContext({ signal: controller.signal }));
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });

  it('palyra.session.history reads the latest messages, 20 by default', async () => {
    const asked: number[] = [];
    const messages = history(30);
    const context = toolContext({
      readSessionHistory: async (limit) => {
        asked.push(limit);
        return messages.slice(-limit);
      },
    });
    const byDefault = await executeTool(registry, 'palyra.session.history', {}, context, 1_000);
    const parsed = JSON.parse(byDefault.outputJson) as { messages: { content: string }[]; omitted: number };
    assert.equal(parsed.messages.length, 20);
    assert.equal(parsed.messages[0]?.content, 'message 10');
    assert.equal(parsed.omitted, 0);

    const three = await executeTool(registry, 'palyra.session.history', { limit: 3 }, context, 1_000);
    assert.deepEqual(JSON.parse(three.outputJson), {
      messages: [
        { role: 'assistant', content: 'message 27', at_unix_ms: 1_700_000_000_027 },
        { role: 'user', content: 'message 28', at_unix_ms: 1_700_000_000_028 },
        { role: 'assistant', content: 'message 29', at_unix_ms: 1_700_000_000_029 },
      ],
      omitted: 0,
    });
    assert.deepEqual(asked, [20, 3]);
  });

  it('palyra.session.history drops the oldest messages when the transcript would not fit', async () => {
    const long = history(10, (index) => `${index}:${'x'.repeat(40_000)}`);
    const context = toolContext({ readSessionHistory: async (limit) => long.slice(-limit) });
    const execution = await executeTool(registry, 'palyra.session.history', { limit: 10 }, context, 1_000);
    assert.equal(execution.success, true);
    assert.ok(storedJsonBytes(execution.outputJson) <= TOOL_OUTPUT_MAX_BYTES);
    const parsed = JSON.parse(execution.outputJson) as { messages: { content: string }[]; omitted: number };
    assert.ok(parsed.omitted > 0);
    assert.equal(parsed.messages.length + parsed.omitted, 10);
    assert.match(parsed.messages.at(-1)?.content ?? '', /^9:/);
  });
});
