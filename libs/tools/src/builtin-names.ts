/**
 * Names of the built-in tools, known before any tool is constructed so the config can reject an
 * unknown name at startup. `builtin-tools.test.ts` keeps these lists equal to the definitions.
 */
export const BUILTIN_TOOL_NAMES = [
  'palyra.echo',
  'palyra.sleep',
  'palyra.http.fetch',
  'palyra.session.history',
] as const;
export type BuiltinToolName = (typeof BUILTIN_TOOL_NAMES)[number];

/** The built-ins marked `sensitive`: the default approval-required set. */
export const SENSITIVE_BUILTIN_TOOL_NAMES: readonly BuiltinToolName[] = ['palyra.http.fetch'];

export function isBuiltinToolName(name: string): name is BuiltinToolName {
  return (BUILTIN_TOOL_NAMES as readonly string[]).includes(name);
}
