import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvalPrompt } from './approval-prompt.js';
import { builtinTools } from './builtin-tools.js';
import { createToolPolicy } from './policy.js';
import { createToolRegistry } from './registry.js';
import type { ToolSettings } from './settings.js';

const SETTINGS: ToolSettings = {
  allowedTools: [],
  approvalRequiredTools: ['palyra.http.fetch', 'palyra.echo'],
  maxCallsPerRun: 4,
  callTimeoutMs: 10_000,
  approvalTimeoutMs: 60_000,
  httpFetch: { allowPrivateTargets: false, maxResponseBytes: 1024, timeoutMs: 1_000, maxRedirects: 3 },
};
const registry = createToolRegistry(builtinTools(SETTINGS));
const policy = createToolPolicy(registry, SETTINGS, { toolAllowlist: [] });

function promptFor(name: string, argumentsJson: string, timeoutMs = 60_000) {
  const decision = policy.evaluate({ name, argumentsJson });
  assert.equal(decision.kind, 'ask');
  if (decision.kind !== 'ask') throw new Error('unreachable');
  return approvalPrompt(registry.get(name), { name, argumentsJson }, decision, timeoutMs);
}

describe('approvalPrompt', () => {
  it('offers allow once, allow for this session and deny, with deny preselected', () => {
    const { prompt } = promptFor('palyra.http.fetch', '{"url":"https://example.com/a"}');
    assert.deepEqual(
      prompt.options.map(({ option_id, decision_scope, default_selected }) => ({
        option_id,
        decision_scope,
        default_selected,
      })),
      [
        { option_id: 'allow_once', decision_scope: 'ONCE', default_selected: false },
        { option_id: 'allow_session', decision_scope: 'SESSION', default_selected: false },
        { option_id: 'deny', decision_scope: 'ONCE', default_selected: true },
      ],
    );
    assert.deepEqual(
      prompt.options.map((option) => option.label),
      ['Allow once', 'Allow for this session', 'Deny'],
    );
  });

  it('describes the call, its risk, the policy reason and the timeout', () => {
    const { prompt, requestSummary } = promptFor(
      'palyra.http.fetch',
      '{"url":"https://example.com/a","method":"HEAD"}',
      1_500,
    );
    assert.equal(prompt.title, 'Allow palyra.http.fetch?');
    assert.equal(prompt.risk_level, 'HIGH');
    assert.equal(prompt.subject_id, 'palyra.http.fetch');
    assert.equal(prompt.summary, 'palyra.http.fetch: HEAD https://example.com/a');
    assert.equal(prompt.timeout_seconds, 2);
    assert.equal(
      prompt.policy_explanation,
      'palyra.http.fetch requires approval (PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS)',
    );
    assert.equal(requestSummary, 'palyra.http.fetch: HEAD https://example.com/a (risk HIGH)');
    const details = JSON.parse(prompt.details_json) as Record<string, unknown>;
    assert.deepEqual(details.arguments, { url: 'https://example.com/a', method: 'HEAD' });
    assert.equal(details.risk_level, 'HIGH');
    assert.equal(details.sensitive, true);
  });

  it('redacts credentials from the summary and the details', () => {
    const { prompt, requestSummary } = promptFor(
      'palyra.http.fetch',
      JSON.stringify({
        url: 'https://example.com/a?api_key=s3cr3t&q=1',
        headers: { Authorization: 'Bearer abcdefghijklmnop', 'X-Trace': 'ok' },
      }),
    );
    for (const text of [prompt.summary, prompt.details_json, requestSummary]) {
      assert.ok(!text.includes('s3cr3t'), text);
      assert.ok(!text.includes('abcdefghijklmnop'), text);
    }
    assert.equal(prompt.summary, 'palyra.http.fetch: GET https://example.com/a?api_key=%3Credacted%3E&q=1');
    const details = JSON.parse(prompt.details_json) as { arguments: { headers: Record<string, string> } };
    assert.deepEqual(details.arguments.headers, { Authorization: '<redacted>', 'X-Trace': 'ok' });
  });

  it('falls back to the arguments for tools without their own description of a call', () => {
    const { prompt } = promptFor('palyra.echo', '{"text":"hi"}', 60_000);
    assert.equal(prompt.summary, 'palyra.echo: {"text":"hi"}');
    assert.equal(prompt.risk_level, 'LOW');
    assert.equal(prompt.timeout_seconds, 60);
  });
});
