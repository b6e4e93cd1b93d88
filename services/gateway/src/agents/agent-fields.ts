import { posix } from 'node:path';
import { invalidArgument } from '@palyra/core';

/**
 * Validation and normalisation of agent fields, shared by every transport. Error field names are
 * the protocol's (`agent_id`, `default_tool_allowlist`, ...), so a caller can map them to its input.
 */

export const AGENT_ID_MAX_BYTES = 64;
export const DISPLAY_NAME_MAX_CHARS = 256;
export const SYSTEM_PROMPT_MAX_BYTES = 32 * 1024;
export const MODEL_PROFILE_MAX_CHARS = 128;
export const ALLOWLIST_MAX_ENTRIES = 256;
export const ALLOWLIST_ENTRY_MAX_CHARS = 128;
export const PATH_MAX_CHARS = 1024;
export const WORKSPACE_ROOTS_MAX = 32;

const AGENT_ID = /^[A-Za-z0-9._-]+$/;
const TOOL_NAME = /^[a-z0-9_.-]+$/;
// Profile names are keys of the providers configuration, which the gateway does not load; the
// orchestrator reports an unknown profile when a run uses it.
const MODEL_PROFILE = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/;
// Postgres text cannot hold NUL, and control characters in names only hide what an operator reads.
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Trimmed, <= 64 bytes of [A-Za-z0-9._-], lower-cased (Palyra's agent id rule). */
export function normalizeAgentId(raw: string, field = 'agent_id'): string {
  const value = raw.trim();
  if (value === '') throw invalidArgument(field, `${field} is required`);
  if (!AGENT_ID.test(value)) {
    throw invalidArgument(field, `${field} may contain only letters, digits, '.', '_' and '-'`);
  }
  if (value.length > AGENT_ID_MAX_BYTES) {
    throw invalidArgument(field, `${field} must be at most ${AGENT_ID_MAX_BYTES} bytes`);
  }
  return value.toLowerCase();
}

/** An optional agent id: empty (after trimming) means absent. */
export function optionalAgentId(raw: string | undefined, field = 'agent_id'): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return normalizeAgentId(raw, field);
}

export function normalizeDisplayName(raw: string): string {
  const value = raw.trim();
  if (value === '') throw invalidArgument('display_name', 'display_name is required');
  if ([...value].length > DISPLAY_NAME_MAX_CHARS) {
    throw invalidArgument(
      'display_name',
      `display_name must be at most ${DISPLAY_NAME_MAX_CHARS} characters`,
    );
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw invalidArgument('display_name', 'display_name must not contain control characters');
  }
  return value;
}

/** '' selects the deployment's default profile. */
export function normalizeModelProfile(raw: string, field = 'default_model_profile'): string {
  const value = raw.trim();
  if (value === '') return '';
  if (value.length > MODEL_PROFILE_MAX_CHARS) {
    throw invalidArgument(field, `${field} must be at most ${MODEL_PROFILE_MAX_CHARS} characters`);
  }
  if (!MODEL_PROFILE.test(value)) {
    throw invalidArgument(
      field,
      `${field} must start with a letter or digit and contain only letters, digits and . _ : / @ + -`,
    );
  }
  return value;
}

/** Kept verbatim (whitespace can matter to a model); only its size and NUL are checked. */
export function validateSystemPrompt(raw: string, field = 'system_prompt'): string {
  if (Buffer.byteLength(raw, 'utf8') > SYSTEM_PROMPT_MAX_BYTES) {
    throw invalidArgument(field, `${field} must be at most ${SYSTEM_PROMPT_MAX_BYTES} bytes`);
  }
  if (raw.includes('\u0000')) throw invalidArgument(field, `${field} must not contain NUL characters`);
  return raw;
}

/**
 * Tool or skill names: trimmed, lower-cased, empty entries dropped, each `[a-z0-9_.-]+`, then
 * sorted and de-duplicated, so two allowlists that allow the same tools hash the same.
 */
export function normalizeAllowlist(values: readonly string[], field: string): string[] {
  const names = new Set<string>();
  values.forEach((raw, index) => {
    const value = raw.trim().toLowerCase();
    if (value === '') return;
    if (value.length > ALLOWLIST_ENTRY_MAX_CHARS || !TOOL_NAME.test(value)) {
      throw invalidArgument(
        field,
        `${field}[${index}] must be a tool name of at most ${ALLOWLIST_ENTRY_MAX_CHARS} characters of [a-z0-9_.-]`,
      );
    }
    names.add(value);
  });
  if (names.size > ALLOWLIST_MAX_ENTRIES) {
    throw invalidArgument(field, `${field} may name at most ${ALLOWLIST_MAX_ENTRIES} entries`);
  }
  return [...names].sort();
}

function isAbsolutePath(value: string): boolean {
  return value.startsWith('/') || value.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(value);
}

/**
 * A directory path as metadata (the gateway has no filesystem; workers interpret it): no NUL, no
 * `..` segment, absolute only when the caller opts in, normalised to forward slashes.
 */
export function normalizeAgentPath(raw: string, field: string, allowAbsolute: boolean): string {
  const value = raw.trim();
  if (value === '') throw invalidArgument(field, `${field} must not be empty`);
  if (value.length > PATH_MAX_CHARS) {
    throw invalidArgument(field, `${field} must be at most ${PATH_MAX_CHARS} characters`);
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw invalidArgument(field, `${field} must not contain control characters`);
  }
  const slashed = value.replaceAll('\\', '/');
  if (slashed.split('/').includes('..')) {
    throw invalidArgument(field, `${field} must not contain a parent traversal ('..')`);
  }
  if (isAbsolutePath(value) && !allowAbsolute) {
    throw invalidArgument(field, `${field}: absolute paths require allow_absolute_paths`);
  }
  const normalized = posix.normalize(slashed);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** Where an agent's files live when the request names no directory (relative to the worker's state root). */
export function defaultAgentDir(agentId: string): string {
  return `agents/${agentId}`;
}

/** Palyra's default: one workspace, `workspace` under the agent directory. */
export const DEFAULT_WORKSPACE_ROOTS: readonly string[] = ['workspace'];

/** Relative roots are relative to the agent directory; duplicates are refused. */
export function normalizeWorkspaceRoots(values: readonly string[], allowAbsolute: boolean): string[] {
  const field = 'workspace_roots';
  if (values.length > WORKSPACE_ROOTS_MAX) {
    throw invalidArgument(field, `${field} may name at most ${WORKSPACE_ROOTS_MAX} directories`);
  }
  const roots: string[] = [];
  values.forEach((raw, index) => {
    const root = normalizeAgentPath(raw, `${field}[${index}]`, allowAbsolute);
    if (roots.includes(root)) throw invalidArgument(field, `${field} names '${root}' more than once`);
    roots.push(root);
  });
  return roots;
}

/** Trimmed text; empty means absent. */
export function optionalText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
