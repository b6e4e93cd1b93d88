import { type FieldViolation, PalyraError } from '@palyra/core';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { summariseInputErrors } from './input-errors.js';
import type { ToolDefinition } from './tool-definition.js';

export type InputValidation =
  | { readonly ok: true }
  | { readonly ok: false; readonly summary: string; readonly violations: readonly FieldViolation[] };

export interface ToolRegistry {
  get(name: string): ToolDefinition | undefined;
  /** In registration order. */
  list(): readonly ToolDefinition[];
  /** Checks arguments against the tool's schema; an unknown tool is invalid. */
  validateInput(name: string, input: unknown): InputValidation;
}

/** Lower-case dotted segments, e.g. `palyra.http.fetch`; providers get a mangled form of it. */
const TOOL_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const TOOL_NAME_MAX_CHARS = 64;

/**
 * Compiles every input schema once, up front: a broken schema is a startup error, not a failed
 * call later. Strict mode rejects unknown keywords and ambiguous schemas, which would otherwise
 * be silently ignored and validate nothing.
 */
export function createToolRegistry(tools: readonly ToolDefinition[]): ToolRegistry {
  const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: false, coerceTypes: false });
  const byName = new Map<string, { tool: ToolDefinition; validate: ValidateFunction }>();
  for (const tool of tools) {
    if (!TOOL_NAME.test(tool.name) || tool.name.length > TOOL_NAME_MAX_CHARS) {
      throw new PalyraError(
        'CONFIG_INVALID',
        `tool name ${JSON.stringify(tool.name)} must be lower-case dotted segments of a-z, 0-9 and _, at most ${TOOL_NAME_MAX_CHARS} characters`,
      );
    }
    if (byName.has(tool.name))
      throw new PalyraError('CONFIG_INVALID', `tool ${tool.name} is registered twice`);
    if (tool.inputSchema.type !== 'object') {
      throw new PalyraError('CONFIG_INVALID', `tool ${tool.name}: the input schema must describe an object`);
    }
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(tool.inputSchema);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PalyraError('CONFIG_INVALID', `tool ${tool.name} has an invalid input schema: ${reason}`, {
        cause: error,
      });
    }
    byName.set(tool.name, { tool, validate });
  }
  const list = Object.freeze([...byName.values()].map(({ tool }) => tool));
  return {
    get: (name) => byName.get(name)?.tool,
    list: () => list,
    validateInput(name, input) {
      const entry = byName.get(name);
      if (entry === undefined) {
        return {
          ok: false,
          summary: `unknown tool ${name}`,
          violations: [{ field: 'name', code: 'unknown_tool', message: `unknown tool ${name}` }],
        };
      }
      if (entry.validate(input)) return { ok: true };
      return { ok: false, ...summariseInputErrors(entry.validate.errors ?? []) };
    },
  };
}
