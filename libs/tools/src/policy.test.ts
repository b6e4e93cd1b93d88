import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalyraError } from '@palyra/core';
import { builtinTools } from './builtin-tools.js';
import { createToolPolicy, type PolicyDecision, TOOL_ARGUMENTS_MAX_BYTES, TOOL_POLICY_ID } from './policy.js';
import { createToolRegistry } from './registry.js';
import type { ToolSettings } from './settings.js';

const SETTINGS: ToolSettings = {
  allowedTools: [],
  approvalRequiredTools: ['palyra.http.fetch'],
  maxCallsPerRun: 4,
  callTimeoutMs: 10_000,
  approvalTimeoutMs: 60_000,
  httpFetch: { allowPrivateTargets: false, maxResponseBytes: 1024, timeoutMs: 1_000, maxRedirects: 3 },
};
const registry = createToolRegistry(builtinTools(SETTINGS));
const NO_AGENT_LIST = { toolAllowlist: [] };

function policy(settings: Partial<ToolSettings> = {}, toolAllowlist: readonly string[] = []) {
  return createToolPolicy(registry, { ...SETTINGS, ...settings }, { toolAllowlist });
}

function evaluate(
  name: string,
  argumentsJson: string,
  settings: Partial<ToolSettings> = {},
  agent: string[] = [],
) {
  return policy(settings, agent).evaluate({ name, argumentsJson });
}

function denied(decision: PolicyDecision): string {
  assert.equal(decision.kind, 'deny');
  return decision.reason;
}

describe('tool policy', () => {
  it('denies an unknown tool by name', () => {
    assert.equal(denied(evaluate('palyra.shell', '{}')), 'unknown tool palyra.shell');
  });

  it('denies arguments that are not JSON, too large or off-schema, with the field errors', () => {
    assert.match(
      denied(evaluate('palyra.echo', '{"text":')),
      /^invalid arguments for palyra\.echo: not valid JSON \(/,
    );
    assert.equal(
      denied(evaluate('palyra.echo', '{"text":1,"x":2}')),
      'invalid arguments for palyra.echo: x: is not a known field; text: must be string',
    );
    assert.equal(
      denied(evaluate('palyra.echo', JSON.stringify({ text: 'x'.repeat(TOOL_ARGUMENTS_MAX_BYTES) }))),
      `invalid arguments for palyra.echo: ${TOOL_ARGUMENTS_MAX_BYTES + 11} bytes, over the limit of ${TOOL_ARGUMENTS_MAX_BYTES} bytes`,
    );
  });

  it('treats empty arguments as no arguments', () => {
    const decision = evaluate('palyra.session.history', '  ');
    assert.equal(decision.kind, 'allow');
    assert.deepEqual(decision.kind === 'allow' && decision.input, {});
    assert.equal(denied(evaluate('palyra.echo', '')), 'invalid arguments for palyra.echo: text: is required');
  });

  it('denies a tool missing from PALYRA_TOOL_CALL_ALLOWED_TOOLS, naming that list', () => {
    assert.equal(
      denied(evaluate('palyra.sleep', '{"ms":1}', { allowedTools: ['palyra.echo'] })),
      'tool palyra.sleep is not allowed: it is not in PALYRA_TOOL_CALL_ALLOWED_TOOLS',
    );
  });

  it("denies a tool missing from the agent's allowlist when it has one, naming that list", () => {
    assert.equal(
      denied(evaluate('palyra.sleep', '{"ms":1}', {}, ['palyra.echo'])),
      "tool palyra.sleep is not allowed: it is not in the agent's tool allowlist",
    );
    assert.equal(evaluate('palyra.echo', '{"text":"hi"}', {}, ['palyra.echo']).kind, 'allow');
  });

  it('checks the lists before the arguments', () => {
    assert.match(
      denied(evaluate('palyra.sleep', 'not json', { allowedTools: ['palyra.echo'] })),
      /not allowed/,
    );
  });

  it('asks for tools that require approval, with the tool risk level, and allows the rest', () => {
    const ask = evaluate('palyra.http.fetch', '{"url":"https://example.com/"}');
    assert.deepEqual(ask, {
      kind: 'ask',
      reason: 'palyra.http.fetch requires approval (PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS)',
      input: { url: 'https://example.com/' },
      riskLevel: 'HIGH',
    });
    const allow = evaluate('palyra.echo', '{"text":"hi"}');
    assert.deepEqual(allow, {
      kind: 'allow',
      reason: `palyra.echo is allowed without approval by ${TOOL_POLICY_ID}`,
      input: { text: 'hi' },
    });
    assert.equal(
      evaluate('palyra.http.fetch', '{"url":"https://example.com/"}', { approvalRequiredTools: [] }).kind,
      'allow',
    );
    assert.equal(
      evaluate('palyra.echo', '{"text":"hi"}', { approvalRequiredTools: ['palyra.echo'] }).kind,
      'ask',
    );
  });

  it('offers exactly the allowed tools, with their schemas as parameters', () => {
    assert.deepEqual(
      policy()
        .offeredTools()
        .map((tool) => tool.name),
      ['palyra.echo', 'palyra.sleep', 'palyra.http.fetch', 'palyra.session.history'],
    );
    const offered = policy({ allowedTools: ['palyra.echo', 'palyra.http.fetch'] }, [
      'palyra.http.fetch',
      'palyra.sleep',
    ]).offeredTools();
    assert.deepEqual(
      offered.map((tool) => tool.name),
      ['palyra.http.fetch'],
    );
    assert.equal(offered[0]?.parameters, registry.get('palyra.http.fetch')?.inputSchema);
    assert.ok((offered[0]?.description.length ?? 0) > 0);
  });

  it('hashes what decides: stable for the same lists in any order, different when a list changes', () => {
    const base = policy().policyHash;
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(policy().policyHash, base);
    assert.equal(
      policy({ allowedTools: ['palyra.echo', 'palyra.sleep'] }).policyHash,
      policy({ allowedTools: ['palyra.sleep', 'palyra.echo', 'palyra.sleep'] }).policyHash,
    );
    // Settings that do not decide (timeouts, fetch limits) leave the hash alone.
    assert.equal(policy({ callTimeoutMs: 1, maxCallsPerRun: 9 }).policyHash, base);
    const changed = [
      policy({ allowedTools: ['palyra.echo'] }).policyHash,
      policy({ approvalRequiredTools: [] }).policyHash,
      policy({ approvalRequiredTools: ['palyra.http.fetch', 'palyra.sleep'] }).policyHash,
      policy({}, ['palyra.echo']).policyHash,
      createToolPolicy(createToolRegistry(builtinTools(SETTINGS).slice(0, 3)), SETTINGS, NO_AGENT_LIST)
        .policyHash,
    ];
    assert.equal(new Set([base, ...changed]).size, changed.length + 1);
  });

  it('summarises the policy in one line', () => {
    assert.equal(
      policy().summary(),
      'palyra.tools.v1: allowed all tools; agent allowlist not set; approval required for palyra.http.fetch',
    );
    assert.equal(
      policy({ allowedTools: ['palyra.sleep', 'palyra.echo'], approvalRequiredTools: [] }, [
        'palyra.echo',
      ]).summary(),
      'palyra.tools.v1: allowed palyra.echo, palyra.sleep; agent allowlist palyra.echo; approval required for no tools',
    );
    assert.equal(policy().policyId, 'palyra.tools.v1');
  });

  it('refuses settings that name tools the registry does not have', () => {
    assert.throws(
      () => policy({ allowedTools: ['palyra.shell'], approvalRequiredTools: ['palyra.exec'] }),
      (error: unknown) =>
        isPalyraError(error) &&
        error.code === 'CONFIG_INVALID' &&
        error.message ===
          'invalid tool policy: PALYRA_TOOL_CALL_ALLOWED_TOOLS names unknown tools: palyra.shell; ' +
            'PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS names unknown tools: palyra.exec',
    );
  });
});
