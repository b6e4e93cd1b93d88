import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hasConfigTable, parseEnv } from '@palyra/config';
import { isPalyraError, type PalyraError } from '@palyra/core';
import { toolCallSpec, toolSettingsFrom } from './settings.js';

function configError(env: Record<string, string>): PalyraError {
  try {
    parseEnv(toolCallSpec, env);
  } catch (error) {
    assert.ok(isPalyraError(error));
    return error;
  }
  assert.fail('expected CONFIG_INVALID');
}

describe('toolCallSpec', () => {
  it('has the documented defaults', () => {
    const settings = toolSettingsFrom(parseEnv(toolCallSpec, {}));
    assert.deepEqual(settings, {
      allowedTools: [],
      approvalRequiredTools: ['palyra.http.fetch'],
      maxCallsPerRun: 4,
      callTimeoutMs: 10_000,
      approvalTimeoutMs: 60_000,
      httpFetch: {
        allowPrivateTargets: false,
        allowedPrivateCidrs: [],
        maxResponseBytes: 256 * 1024,
        timeoutMs: 10_000,
        maxRedirects: 3,
      },
    });
  });

  it('reads every variable', () => {
    const settings = toolSettingsFrom(
      parseEnv(toolCallSpec, {
        PALYRA_TOOL_CALL_ALLOWED_TOOLS: ' palyra.echo, palyra.sleep ,palyra.echo,',
        PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: 'palyra.sleep',
        PALYRA_TOOL_CALL_MAX_CALLS_PER_RUN: '8',
        PALYRA_TOOL_CALL_TIMEOUT_MS: '2500',
        PALYRA_TOOL_APPROVAL_TIMEOUT_MS: '500',
        PALYRA_HTTP_FETCH_ALLOW_PRIVATE_TARGETS: 'true',
        PALYRA_HTTP_FETCH_ALLOWED_PRIVATE_CIDRS: '10.1.2.3, 192.168.0.0/16,FD00::/8',
        PALYRA_HTTP_FETCH_MAX_RESPONSE_BYTES: '64KiB',
        PALYRA_HTTP_FETCH_TIMEOUT_MS: '3000',
        PALYRA_HTTP_FETCH_MAX_REDIRECTS: '0',
      }),
    );
    assert.deepEqual(settings, {
      allowedTools: ['palyra.echo', 'palyra.sleep'],
      approvalRequiredTools: ['palyra.sleep'],
      maxCallsPerRun: 8,
      callTimeoutMs: 2_500,
      approvalTimeoutMs: 500,
      httpFetch: {
        allowPrivateTargets: true,
        allowedPrivateCidrs: ['10.1.2.3/32', '192.168.0.0/16', 'fd00::/8'],
        maxResponseBytes: 64 * 1024,
        timeoutMs: 3_000,
        maxRedirects: 0,
      },
    });
  });

  it('turns approvals off only with the word none (empty means the default)', () => {
    const none = parseEnv(toolCallSpec, { PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: 'none' });
    assert.deepEqual(none.approvalRequiredTools, []);
    const empty = parseEnv(toolCallSpec, { PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: '' });
    assert.deepEqual(empty.approvalRequiredTools, ['palyra.http.fetch']);
  });

  it('rejects unknown tool names and bad ranges in one CONFIG_INVALID error, by position', () => {
    const error = configError({
      PALYRA_TOOL_CALL_ALLOWED_TOOLS: 'palyra.echo,palyra.ecko',
      PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: 'palyra.fetch,palyra.shell',
      PALYRA_HTTP_FETCH_ALLOWED_PRIVATE_CIDRS: '10.0.0.0/8,not-an-ip',
      PALYRA_HTTP_FETCH_MAX_RESPONSE_BYTES: '1MiB',
    });
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.deepEqual(error.details.variables, [
      'PALYRA_TOOL_CALL_ALLOWED_TOOLS',
      'PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS',
      'PALYRA_HTTP_FETCH_ALLOWED_PRIVATE_CIDRS',
      'PALYRA_HTTP_FETCH_MAX_RESPONSE_BYTES',
    ]);
    assert.match(
      error.message,
      /PALYRA_TOOL_CALL_ALLOWED_TOOLS item 2 is not a known tool \(known tools: palyra\.echo,/,
    );
    assert.match(error.message, /PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS items 1, 2 are not a known tool/);
    assert.match(
      error.message,
      /PALYRA_HTTP_FETCH_ALLOWED_PRIVATE_CIDRS item 2 is not an IP address or CIDR range/,
    );
    assert.ok(!error.message.includes('palyra.ecko'), 'config errors never quote values');
  });

  it('does not accept none for the allowed tools (an empty allowlist means every tool)', () => {
    const error = configError({ PALYRA_TOOL_CALL_ALLOWED_TOOLS: 'none' });
    assert.deepEqual(error.details.variables, ['PALYRA_TOOL_CALL_ALLOWED_TOOLS']);
  });

  it('is documented in the README table exactly', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    assert.ok(hasConfigTable(readme, toolCallSpec), 'README.md configuration table is stale');
  });
});
