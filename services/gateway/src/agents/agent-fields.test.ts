import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalyraError } from '@palyra/core';
import {
  normalizeAgentId,
  normalizeAgentPath,
  normalizeAllowlist,
  normalizeDisplayName,
  normalizeModelProfile,
  normalizeWorkspaceRoots,
  SYSTEM_PROMPT_MAX_BYTES,
  validateSystemPrompt,
} from './agent-fields.js';
import { normalizeExecutionBackendPreference, resolveExecutionBackend } from './execution-backends.js';

function invalid(fn: () => unknown, field: string, message?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isPalyraError(error));
    assert.equal(error.code, 'INVALID_ARGUMENT');
    assert.equal(error.violations[0]?.field, field);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

describe('agent fields', () => {
  it('agent ids are trimmed and lower-cased; <= 64 bytes of [A-Za-z0-9._-]', () => {
    assert.equal(normalizeAgentId('  Main.Agent_1-x '), 'main.agent_1-x');
    assert.equal(normalizeAgentId('a'.repeat(64)), 'a'.repeat(64));
    invalid(() => normalizeAgentId('   '), 'agent_id', 'agent_id is required');
    invalid(() => normalizeAgentId('a'.repeat(65)), 'agent_id', 'agent_id must be at most 64 bytes');
    invalid(() => normalizeAgentId('two words'), 'agent_id');
    invalid(() => normalizeAgentId('ümlaut'), 'agent_id');
    invalid(() => normalizeAgentId('a/b', 'preferred_agent_id'), 'preferred_agent_id');
  });

  it('display names are required, at most 256 characters and free of control characters', () => {
    assert.equal(normalizeDisplayName('  Helper  '), 'Helper');
    assert.equal(normalizeDisplayName('é'.repeat(256)), 'é'.repeat(256));
    invalid(() => normalizeDisplayName(' '), 'display_name', 'display_name is required');
    invalid(() => normalizeDisplayName('x'.repeat(257)), 'display_name');
    invalid(() => normalizeDisplayName('bad\nname'), 'display_name');
  });

  it('tool allowlists are lower-cased, de-duplicated and sorted; malformed names name the entry', () => {
    assert.deepEqual(
      normalizeAllowlist([' Palyra.Echo ', 'palyra.http.fetch', '', 'palyra.echo'], 'default_tool_allowlist'),
      ['palyra.echo', 'palyra.http.fetch'],
    );
    invalid(
      () => normalizeAllowlist(['palyra.echo', 'rm -rf'], 'default_tool_allowlist'),
      'default_tool_allowlist',
      'default_tool_allowlist[1] must be a tool name of at most 128 characters of [a-z0-9_.-]',
    );
    invalid(
      () => normalizeAllowlist(['x'.repeat(129)], 'default_skill_allowlist'),
      'default_skill_allowlist',
    );
  });

  it('system prompts are kept verbatim up to 32 KiB', () => {
    assert.equal(validateSystemPrompt('  be brief\n'), '  be brief\n');
    assert.equal(validateSystemPrompt('x'.repeat(SYSTEM_PROMPT_MAX_BYTES)).length, SYSTEM_PROMPT_MAX_BYTES);
    // Bytes, not characters: 16 Ki two-byte characters plus one more exceed the limit.
    invalid(() => validateSystemPrompt('é'.repeat(SYSTEM_PROMPT_MAX_BYTES / 2 + 1)), 'system_prompt');
    invalid(() => validateSystemPrompt('a\u0000b'), 'system_prompt');
  });

  it('model profiles are optional names', () => {
    assert.equal(normalizeModelProfile(''), '');
    assert.equal(normalizeModelProfile(' openai/gpt-4o-mini '), 'openai/gpt-4o-mini');
    invalid(() => normalizeModelProfile('two words'), 'default_model_profile');
  });

  it('paths refuse traversal, and absolute paths unless allowed; roots must be distinct', () => {
    assert.equal(normalizeAgentPath('agents/./main/', 'agent_dir', false), 'agents/main');
    assert.equal(normalizeAgentPath('/srv/agents/main', 'agent_dir', true), '/srv/agents/main');
    invalid(() => normalizeAgentPath('/srv/agents/main', 'agent_dir', false), 'agent_dir');
    invalid(() => normalizeAgentPath('C:\\agents', 'agent_dir', false), 'agent_dir');
    invalid(() => normalizeAgentPath('agents/../etc', 'agent_dir', true), 'agent_dir');
    assert.deepEqual(normalizeWorkspaceRoots(['workspace', 'docs/'], false), ['workspace', 'docs']);
    invalid(() => normalizeWorkspaceRoots(['workspace', './workspace'], false), 'workspace_roots');
    invalid(() => normalizeWorkspaceRoots(['ok', '../up'], false), 'workspace_roots[1]');
  });

  it('execution backends: automatic by default, unknown refused, known-but-absent a failed precondition', () => {
    assert.equal(normalizeExecutionBackendPreference(''), 'automatic');
    assert.equal(normalizeExecutionBackendPreference(' LOCAL_SANDBOX '), 'local_sandbox');
    invalid(() => normalizeExecutionBackendPreference('warp_drive'), 'execution_backend_preference');
    assert.throws(
      () => normalizeExecutionBackendPreference('docker'),
      (error: unknown) => isPalyraError(error) && error.code === 'FAILED_PRECONDITION',
    );
    assert.deepEqual(resolveExecutionBackend('automatic').resolved, 'local_sandbox');
    assert.equal(resolveExecutionBackend('docker').fallbackUsed, true);
  });
});
