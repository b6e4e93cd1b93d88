import { agentConfigHash } from '@palyra/core';
import type { AgentRecord, AgentRepository, RunRecord } from '@palyra/journal';

/** The agent configuration a run executes with. */
export interface RunAgent {
  /** '' for the built-in agent of a tenant that has registered none. */
  readonly agentId: string;
  readonly systemPrompt: string;
  /** '' = the deployment's default model profile. */
  readonly modelProfile: string;
  /** [] = every tool the deployment allows. */
  readonly toolAllowlist: readonly string[];
  readonly configHash: string;
}

/** What a tenant without agents runs: no system prompt, the default profile, every allowed tool. */
const BUILT_IN_AGENT: Omit<AgentRecord, 'tenantId' | 'createdAt' | 'updatedAt'> = {
  agentId: '',
  displayName: 'built-in',
  agentDir: '',
  workspaceRoots: [],
  modelProfile: '',
  systemPrompt: '',
  toolAllowlist: [],
  skillAllowlist: [],
  executionBackendPreference: '',
};

function toRunAgent(agent: Omit<AgentRecord, 'tenantId' | 'createdAt' | 'updatedAt'>): RunAgent {
  return {
    agentId: agent.agentId,
    systemPrompt: agent.systemPrompt,
    modelProfile: agent.modelProfile,
    toolAllowlist: agent.toolAllowlist,
    configHash: agentConfigHash(agent),
  };
}

/**
 * The agent for a run, in Palyra's resolution order: the agent a redelivered run already started
 * with (`pinned`, from its IN_PROGRESS event) while it exists; else the binding of the run's
 * session, then of its (principal, channel), then of its principal; then the tenant's default;
 * then the first agent by id; then the built-in agent.
 */
export async function resolveRunAgent(
  agents: AgentRepository,
  run: Pick<RunRecord, 'tenantId' | 'sessionId' | 'principal' | 'channel'>,
  pinned: string | undefined,
): Promise<RunAgent> {
  const { tenantId } = run;
  if (pinned !== undefined) {
    if (pinned === '') return toRunAgent(BUILT_IN_AGENT);
    const agent = await agents.get(tenantId, pinned);
    if (agent !== null) return toRunAgent(agent);
  }
  const keys = [
    { principal: run.principal, channel: run.channel, sessionId: run.sessionId },
    { principal: run.principal, channel: run.channel, sessionId: '' },
    { principal: run.principal, channel: '', sessionId: '' },
  ];
  for (const key of keys) {
    const binding = await agents.getBinding(tenantId, key);
    if (binding === null) continue;
    const agent = await agents.get(tenantId, binding.agentId);
    if (agent !== null) return toRunAgent(agent);
  }
  const defaultId = await agents.getDefault(tenantId);
  if (defaultId !== '') {
    const agent = await agents.get(tenantId, defaultId);
    if (agent !== null) return toRunAgent(agent);
  }
  const first = await agents.list(tenantId, { limit: 1 });
  const agent = first.items[0];
  return toRunAgent(agent ?? BUILT_IN_AGENT);
}
