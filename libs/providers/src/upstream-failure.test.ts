import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyUpstreamFailure, parseRetryAfterMs, safeUpstreamMessage } from './upstream-failure.js';

function headers(values: Record<string, string>): { get(name: string): string | null } {
  return { get: (name) => values[name] ?? null };
}

describe('classifyUpstreamFailure', () => {
  const cases: [string, Parameters<typeof classifyUpstreamFailure>[0], string][] = [
    ['401', { status: 401 }, 'auth'],
    ['403', { status: 403, type: 'permission_error' }, 'auth'],
    [
      'OpenAI insufficient_quota 429',
      { status: 429, code: 'insufficient_quota', type: 'insufficient_quota' },
      'quota',
    ],
    [
      'Anthropic low credit 400',
      { status: 400, message: 'Your credit balance is too low to access the API' },
      'quota',
    ],
    ['402 billing', { status: 402, type: 'billing_error' }, 'quota'],
    ['OpenAI context_length_exceeded', { status: 400, code: 'context_length_exceeded' }, 'context_too_long'],
    [
      'Anthropic prompt is too long',
      { status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' },
      'context_too_long',
    ],
    [
      'vLLM context',
      { status: 400, message: "This model's maximum context length is 4096 tokens." },
      'context_too_long',
    ],
    ['413', { status: 413, type: 'request_too_large' }, 'context_too_long'],
    ['OpenAI content_policy_violation', { status: 400, code: 'content_policy_violation' }, 'content_policy'],
    ['plain 429', { status: 429, code: 'rate_limit_exceeded' }, 'rate_limited'],
    ['503', { status: 503 }, 'unavailable'],
    ['529 overloaded', { status: 529, type: 'overloaded_error' }, 'unavailable'],
    ['408', { status: 408 }, 'unavailable'],
    [
      '404 unknown model',
      { status: 404, message: 'model "x" not found, try pulling it first' },
      'invalid_request',
    ],
    ['422', { status: 422 }, 'invalid_request'],
    ['mid-stream overloaded', { status: undefined, type: 'overloaded_error' }, 'unavailable'],
    ['mid-stream invalid request', { status: undefined, type: 'invalid_request_error' }, 'invalid_request'],
  ];
  for (const [name, failure, kind] of cases) {
    it(`classifies ${name} as ${kind}`, () => assert.equal(classifyUpstreamFailure(failure), kind));
  }
});

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms', () => {
    assert.equal(parseRetryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '9' })), 1500);
  });
  it('reads seconds, including fractions', () => {
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': '2' })), 2000);
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': '0.25' })), 250);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now), 3000);
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }), now), 0);
  });
  it('ignores absent and unreadable values', () => {
    assert.equal(parseRetryAfterMs(headers({})), undefined);
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(parseRetryAfterMs(undefined), undefined);
  });
});

describe('safeUpstreamMessage', () => {
  it('removes the known key and key-shaped strings, and truncates', () => {
    const message = safeUpstreamMessage(
      `bad key local-secret-value and sk-${'a'.repeat(30)} ${'x'.repeat(500)}`,
      ['local-secret-value'],
    );
    assert.ok(!message.includes('local-secret-value'));
    assert.ok(!message.includes('sk-aaaa'));
    assert.ok(message.length <= 243);
  });
});
