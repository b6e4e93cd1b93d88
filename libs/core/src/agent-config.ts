import { canonicalJson, sha256Hex } from './canonical.js';

/** The parts of an agent that decide how its runs behave. */
export interface AgentConfigFields {
  readonly agentId: string;
  readonly modelProfile: string;
  readonly systemPrompt: string;
  readonly toolAllowlist: readonly string[];
  readonly skillAllowlist: readonly string[];
  readonly executionBackendPreference: string;
  readonly workspaceRoots: readonly string[];
  readonly agentDir: string;
}

/**
 * sha256 hex of the canonical JSON of an agent's configuration (names and timestamps excluded:
 * they do not change behaviour). Journaled on every run, so an audit can tell which configuration
 * produced it; the gateway shows the same hash for the agent as it is now.
 */
export function agentConfigHash(agent: AgentConfigFields): string {
  return sha256Hex(
    canonicalJson({
      agent_id: agent.agentId,
      model_profile: agent.modelProfile,
      system_prompt: agent.systemPrompt,
      tool_allowlist: [...agent.toolAllowlist],
      skill_allowlist: [...agent.skillAllowlist],
      execution_backend_preference: agent.executionBackendPreference,
      workspace_roots: [...agent.workspaceRoots],
      agent_dir: agent.agentDir,
    }),
  );
}
