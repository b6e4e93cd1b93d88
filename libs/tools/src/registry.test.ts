import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalyraError } from '@palyra/core';
import { builtinTools } from './builtin-tools.js';
import { createToolRegistry } from './registry.js';
import type { ToolDefinition } from './tool-definition.js';

const HTTP = { allowPrivateTargets: false, maxResponseBytes: 1024, timeoutMs: 1_000, maxRedirects: 1 };
const registry = createToolRegistry(builtinTools({ httpFetch: HTTP }));

function summary(name: string, input: unknown): string {
  const result = registry.validateInput(name, input);
  assert.equal(result.ok, false, `expected ${JSON.stringify(input)} to be invalid for ${name}`);
  return result.ok ? '' : result.summary;
}

function tool(overrides: Partial<ToolDefinition>): ToolDefinition {
  return {
    name: 'test.tool',
    description: 'test',
    inputSchema: { type: 'object', properties: {} },
    sensitive: false,
    riskLevel: 'LOW',
    execute: async () => ({}),
    ...overrides,
  };
}

function assertConfigInvalid(tools: ToolDefinition[], pattern: RegExp): void {
  assert.throws(
    () => createToolRegistry(tools),
    (error: unknown) =>
      isPalyraError(error) && error.code === 'CONFIG_INVALID' && pattern.test(error.message),
  );
}

describe('tool registry', () => {
  it('lists tools in registration order and finds them by name', () => {
    assert.deepEqual(
      registry.list().map((t) => t.name),
      ['palyra.echo', 'palyra.sleep', 'palyra.http.fetch', 'palyra.session.history'],
    );
    assert.equal(registry.get('palyra.sleep')?.riskLevel, 'LOW');
    assert.equal(registry.get('palyra.shell'), undefined);
  });

  it('accepts valid arguments without filling in defaults', () => {
    const input = { url: 'https://example.com/' };
    assert.deepEqual(registry.validateInput('palyra.http.fetch', input), { ok: true });
    assert.deepEqual(input, { url: 'https://example.com/' });
    assert.deepEqual(registry.validateInput('palyra.session.history', {}), { ok: true });
  });

  it('summarises schema errors field by field', () => {
    assert.equal(summary('palyra.echo', {}), 'text: is required');
    assert.equal(
      summary('palyra.echo', { text: 'x'.repeat(16 * 1024 + 1) }),
      'text: must NOT have more than 16384 characters',
    );
    assert.equal(summary('palyra.echo', { text: 'hi', extra: 1 }), 'extra: is not a known field');
    assert.equal(summary('palyra.sleep', { ms: 5_001 }), 'ms: must be <= 5000');
    assert.equal(summary('palyra.sleep', { ms: 1.5 }), 'ms: must be integer');
    assert.equal(summary('palyra.session.history', { limit: 0 }), 'limit: must be >= 1');
    assert.equal(
      summary('palyra.http.fetch', { url: 'ftp://example.com/', method: 'POST' }),
      'url: must match pattern "^[Hh][Tt][Tt][Pp][Ss]?://"; method: must be one of "GET", "HEAD"',
    );
    assert.equal(
      summary('palyra.http.fetch', { url: 'https://a/', headers: { 'bad header': 'x', ok: 'a\r\nb' } }),
      'headers.bad header: is not an accepted name: it must match pattern "^[A-Za-z0-9!#$%&\'*+.^_`|~-]{1,64}$"; ' +
        'headers.ok: must match pattern "^[^\\r\\n\\u0000]*$"',
    );
    assert.equal(summary('palyra.echo', 'hi'), '(arguments): must be object');
    assert.equal(summary('palyra.shell', {}), 'unknown tool palyra.shell');
  });

  it('lists at most five problems and counts the rest', () => {
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`extra${index}`, index]));
    assert.equal(
      summary('palyra.echo', { text: 'hi', ...many }),
      'extra0: is not a known field; extra1: is not a known field; extra2: is not a known field; ' +
        'extra3: is not a known field; extra4: is not a known field; and 3 more',
    );
  });

  it('refuses bad names, duplicates and broken schemas at startup', () => {
    assertConfigInvalid([tool({ name: 'Palyra.Echo' })], /lower-case dotted segments/);
    assertConfigInvalid([tool({ name: 'palyra..echo' })], /lower-case dotted segments/);
    assertConfigInvalid([tool({}), tool({})], /test\.tool is registered twice/);
    assertConfigInvalid([tool({ inputSchema: { type: 'string' } })], /must describe an object/);
    assertConfigInvalid(
      [tool({ inputSchema: { type: 'object', properties: { a: { type: 'strin' } } } })],
      /test\.tool has an invalid input schema/,
    );
    assertConfigInvalid(
      [tool({ inputSchema: { type: 'object', properties: { a: { type: 'string', maxLenght: 3 } } } })],
      /unknown keyword: "maxLenght"/,
    );
  });
});
