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
 * The agent for a run: the agent a redelivered run already started with (`pinned`, from its
 * IN_PROGRESS event) while it exists; else Palyra's resolution for the run's context (session
 * binding, then (principal, channel), then principal; the tenant's default; the first agent), one
 * read; else the built-in agent.
 */
export async function resolveRunAgent(
  agents: Pick<AgentRepository, 'get' | 'resolveForContext'>,
  run: Pick<RunRecord, 'tenantId' | 'sessionId' | 'principal' | 'channel'>,
  pinned: string | undefined,
): Promise<RunAgent> {
  const { tenantId } = run;
  if (pinned === '') return toRunAgent(BUILT_IN_AGENT);
  if (pinned !== undefined) {
    const agent = await agents.get(tenantId, pinned);
    if (agent !== null) return toRunAgent(agent);
  }
  const resolved = await agents.resolveForContext(tenantId, {
    principal: run.principal,
    channel: run.channel,
    sessionId: run.sessionId,
  });
  return toRunAgent(resolved?.agent ?? BUILT_IN_AGENT);
}
