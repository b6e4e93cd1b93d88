import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, type LogFields, type Logger } from '@palyra/core';
import { toolContext } from '../test/tool-context.js';
import { attestationSha256 } from './attestation.js';
import { createEchoTool } from './builtin/echo.js';
import { createSleepTool } from './builtin/sleep.js';
import { executeTool } from './execution.js';
import { TOOL_OUTPUT_MAX_BYTES } from './output-limit.js';
import { createToolRegistry } from './registry.js';
import { type ToolDefinition, ToolError } from './tool-definition.js';

function customTool(name: string, execute: ToolDefinition['execute']): ToolDefinition {
  return {
    name,
    description: 'test tool',
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
    sensitive: false,
    riskLevel: 'LOW',
    execute,
  };
}

const registry = createToolRegistry([
  createEchoTool(),
  createSleepTool(),
  customTool('test.tool_error', async () => {
    throw new ToolError('not_today', 'the tool declined');
  }),
  customTool('test.crash', async () => {
    throw new Error('/etc/secret-path exploded');
  }),
  customTool('test.sync_crash', () => {
    throw new Error('thrown before any promise');
  }),
  customTool('test.not_json', async () => undefined),
  customTool('test.huge', async () => ({ text: 'x'.repeat(TOOL_OUTPUT_MAX_BYTES) })),
  // Ignores its signal entirely: executeTool must still return at the deadline.
  customTool('test.stubborn', () => new Promise(() => {})),
]);

function recordingLogger(): { logger: Logger; errors: LogFields[] } {
  const errors: LogFields[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (fields: LogFields | string) => {
      if (typeof fields !== 'string') errors.push(fields);
    },
    child: () => logger,
  };
  return { logger, errors };
}

describe('executeTool', () => {
  it('runs a tool and attests exactly what it reports', async () => {
    const execution = await executeTool(registry, 'palyra.echo', { text: 'hi' }, toolContext(), 1_000);
    assert.equal(execution.success, true);
    assert.equal(execution.outputJson, '{"text":"hi"}');
    assert.equal(execution.error, '');
    assert.equal(execution.timedOut, false);
    assert.ok(execution.finishedAtMs >= execution.startedAtMs);
    assert.equal(
      execution.executionSha256,
      attestationSha256({
        toolName: 'palyra.echo',
        inputJson: canonicalJson({ text: 'hi' }),
        outputJson: execution.outputJson,
        success: true,
        error: '',
        startedAtMs: execution.startedAtMs,
        finishedAtMs: execution.finishedAtMs,
        timedOut: false,
      }),
    );
  });

  it('reports a call that outlives its timeout as timed out, not successful', async () => {
    const execution = await executeTool(registry, 'palyra.sleep', { ms: 5_000 }, toolContext(), 50);
    assert.equal(execution.success, false);
    assert.equal(execution.timedOut, true);
    assert.equal(execution.outputJson, '');
    assert.equal(execution.error, 'timeout: palyra.sleep did not finish within 50 ms');
    assert.match(execution.executionSha256, /^[0-9a-f]{64}$/);
  });

  it('abandons a tool that ignores its signal at the deadline', async () => {
    const execution = await executeTool(registry, 'test.stubborn', {}, toolContext(), 50);
    assert.equal(execution.timedOut, true);
    assert.equal(execution.success, false);
  });

  it('rejects with an AbortError when the caller aborts mid-call', async () => {
    const controller = new AbortController();
    const execution = executeTool(
      registry,
      'palyra.sleep',
      { ms: 5_000 },
      toolContext({ signal: controller.signal }),
      10_000,
    );
    controller.abort(new Error('cancelled by request'));
    await assert.rejects(execution, (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'AbortError');
      assert.equal((error.cause as Error).message, 'cancelled by request');
      return true;
    });
  });

  it('rejects at once when the signal is already aborted, without running the tool', async () => {
    let ran = false;
    const probe = createToolRegistry([
      customTool('test.probe', async () => {
        ran = true;
        return {};
      }),
    ]);
    await assert.rejects(
      executeTool(probe, 'test.probe', {}, toolContext({ signal: AbortSignal.abort() }), 1_000),
      { name: 'AbortError' },
    );
    assert.equal(ran, false);
  });

  it('turns every kind of tool failure into success false with a readable error', async () => {
    const { logger, errors } = recordingLogger();
    const cases: [string, unknown, RegExp][] = [
      ['palyra.nope', {}, /^unknown_tool: unknown tool palyra\.nope$/],
      ['palyra.echo', { text: 7 }, /^invalid_input: text: must be string$/],
      ['test.tool_error', {}, /^not_today: the tool declined$/],
      ['test.crash', {}, /^internal: test\.crash failed unexpectedly$/],
      ['test.sync_crash', {}, /^internal: test\.sync_crash failed unexpectedly$/],
      ['test.not_json', {}, /^internal: test\.not_json returned a value that is not JSON$/],
      ['test.huge', {}, /^output_too_large: test\.huge returned \d+ bytes, over the limit of \d+$/],
    ];
    for (const [name, input, error] of cases) {
      const execution = await executeTool(registry, name, input, toolContext(), 1_000, { logger });
      assert.equal(execution.success, false, name);
      assert.equal(execution.timedOut, false, name);
      assert.equal(execution.outputJson, '', name);
      assert.match(execution.error, error);
      assert.match(execution.executionSha256, /^[0-9a-f]{64}$/);
    }
    // The unexpected failures are logged with their cause; the model never sees the internals.
    assert.deepEqual(
      errors.map((fields) => fields.tool),
      ['test.crash', 'test.sync_crash', 'test.not_json'],
    );
    assert.ok(errors[0]?.err instanceof Error);
    assert.equal(errors[0].err.message, '/etc/secret-path exploded');
  });
});
