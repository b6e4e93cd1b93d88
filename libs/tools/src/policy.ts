import { type ApprovalRiskLevel, canonicalJson, PalyraError, sha256Hex } from '@palyra/core';
import type { ToolRegistry } from './registry.js';
import type { ToolSettings } from './settings.js';

export type PolicyDecision =
  /** `reason` is shown to the model, so it can correct the call or give up. */
  | { readonly kind: 'deny'; readonly reason: string }
  | { readonly kind: 'allow'; readonly reason: string; readonly input: unknown }
  | {
      readonly kind: 'ask';
      readonly reason: string;
      readonly input: unknown;
      readonly riskLevel: ApprovalRiskLevel;
    };

export interface OfferedTool {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ToolPolicy {
  readonly policyId: string;
  /** sha256 hex of the canonical JSON of everything that decides (see `policyDocument`). */
  readonly policyHash: string;
  evaluate(call: { readonly name: string; readonly argumentsJson: string }): PolicyDecision;
  /** The tools the model is offered: the allowed ones, in registry order. */
  offeredTools(): readonly OfferedTool[];
  /** One line for ApprovalPolicySnapshot.evaluation_summary. */
  summary(): string;
}

export const TOOL_POLICY_ID = 'palyra.tools.v1';

/** Larger argument texts are denied unread: no built-in takes more than 16 KiB of input. */
export const TOOL_ARGUMENTS_MAX_BYTES = 64 * 1024;

const ALLOWED_VARIABLE = 'PALYRA_TOOL_CALL_ALLOWED_TOOLS';
const APPROVAL_VARIABLE = 'PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS';

function sortedUnique(names: readonly string[]): string[] {
  return [...new Set(names)].sort();
}

function listText(names: readonly string[], empty: string): string {
  return names.length === 0 ? empty : names.join(', ');
}

/**
 * Rejects settings that name tools the registry does not have: the env parser already checks
 * built-in names, this catches settings built in code and registries with other tools.
 */
function assertKnownTools(registry: ToolRegistry, settings: ToolSettings): void {
  const problems = [
    [ALLOWED_VARIABLE, settings.allowedTools],
    [APPROVAL_VARIABLE, settings.approvalRequiredTools],
  ].flatMap(([variable, names]) => {
    const unknown = (names as readonly string[]).filter((name) => registry.get(name) === undefined);
    return unknown.length === 0 ? [] : [`${variable as string} names unknown tools: ${unknown.join(', ')}`];
  });
  if (problems.length > 0) {
    throw new PalyraError('CONFIG_INVALID', `invalid tool policy: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
}

/**
 * The policy for one agent under the process settings. Rules, in order (the first that applies
 * decides; README.md lists them for operators):
 * 1. unknown tool -> deny `unknown tool <name>`;
 * 2. not in PALYRA_TOOL_CALL_ALLOWED_TOOLS (when set) -> deny naming that list;
 * 3. not in the agent's tool allowlist (when non-empty) -> deny naming that list;
 * 4. arguments too large, not JSON or not matching the schema -> deny with the field errors;
 * 5. in PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS -> ask; otherwise allow.
 * Lists come before arguments: a model cannot fix a forbidden call by fixing its arguments.
 */
export function createToolPolicy(
  registry: ToolRegistry,
  settings: ToolSettings,
  agent: { readonly toolAllowlist: readonly string[] },
): ToolPolicy {
  assertKnownTools(registry, settings);
  const processAllowed = sortedUnique(settings.allowedTools);
  const agentAllowed = sortedUnique(agent.toolAllowlist);
  const approvalRequired = sortedUnique(settings.approvalRequiredTools);
  const processSet = new Set(processAllowed);
  const agentSet = new Set(agentAllowed);
  const approvalSet = new Set(approvalRequired);

  const notAllowedBy = (name: string): string | undefined => {
    if (processSet.size > 0 && !processSet.has(name)) return ALLOWED_VARIABLE;
    if (agentSet.size > 0 && !agentSet.has(name)) return "the agent's tool allowlist";
    return undefined;
  };

  const offered: readonly OfferedTool[] = Object.freeze(
    registry
      .list()
      .filter((tool) => notAllowedBy(tool.name) === undefined)
      .map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.inputSchema })),
  );

  // Schemas are in the hash because they decide too: a tighter schema denies calls it allowed.
  const policyDocument = {
    policy_id: TOOL_POLICY_ID,
    allowed_tools: processAllowed,
    agent_tool_allowlist: agentAllowed,
    approval_required_tools: approvalRequired,
    tools: registry
      .list()
      .map((tool) => ({ name: tool.name, input_schema_sha256: sha256Hex(canonicalJson(tool.inputSchema)) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
  const policyHash = sha256Hex(canonicalJson(policyDocument));

  const summaryLine =
    `${TOOL_POLICY_ID}: allowed ${listText(processAllowed, 'all tools')}; ` +
    `agent allowlist ${listText(agentAllowed, 'not set')}; ` +
    `approval required for ${listText(approvalRequired, 'no tools')}`;

  return {
    policyId: TOOL_POLICY_ID,
    policyHash,
    evaluate({ name, argumentsJson }) {
      const tool = registry.get(name);
      if (tool === undefined) return { kind: 'deny', reason: `unknown tool ${name}` };
      const list = notAllowedBy(name);
      if (list !== undefined)
        return { kind: 'deny', reason: `tool ${name} is not allowed: it is not in ${list}` };

      const bytes = Buffer.byteLength(argumentsJson, 'utf8');
      if (bytes > TOOL_ARGUMENTS_MAX_BYTES) {
        return {
          kind: 'deny',
          reason: `invalid arguments for ${name}: ${bytes} bytes, over the limit of ${TOOL_ARGUMENTS_MAX_BYTES} bytes`,
        };
      }
      let input: unknown;
      try {
        // Some models send nothing for a call without arguments; that means "no arguments".
        input = argumentsJson.trim() === '' ? {} : JSON.parse(argumentsJson);
      } catch (error) {
        const detail = error instanceof Error ? ` (${error.message})` : '';
        return { kind: 'deny', reason: `invalid arguments for ${name}: not valid JSON${detail}` };
      }
      const validation = registry.validateInput(name, input);
      if (!validation.ok)
        return { kind: 'deny', reason: `invalid arguments for ${name}: ${validation.summary}` };

      if (approvalSet.has(name)) {
        return {
          kind: 'ask',
          reason: `${name} requires approval (${APPROVAL_VARIABLE})`,
          input,
          riskLevel: tool.riskLevel,
        };
      }
      return { kind: 'allow', reason: `${name} is allowed without approval by ${TOOL_POLICY_ID}`, input };
    },
    offeredTools: () => offered,
    summary: () => summaryLine,
  };
}
