import { PalyraError } from '@palyra/core';
import type { AgentBindingKey, AgentBindingRecord, AgentRecord, AgentRepository } from '@palyra/journal';

/** Why an agent was chosen. `preferred` is the caller naming one; the rest are Palyra's sources. */
export const AGENT_RESOLUTION_SOURCES = ['preferred', 'session_binding', 'default', 'fallback'] as const;
export type AgentResolutionSource = (typeof AGENT_RESOLUTION_SOURCES)[number];

/** Already validated and normalised (trimmed, lower-cased agent id, canonical session ULID). */
export interface AgentResolutionRequest {
  readonly principal: string;
  /** '' when the context has no channel. */
  readonly channel: string;
  readonly sessionId?: string;
  readonly preferredAgentId?: string;
  /** Remember the outcome as the session's binding (needs `sessionId`). */
  readonly persistSessionBinding?: boolean;
}

export interface AgentResolution {
  readonly agent: AgentRecord;
  readonly source: AgentResolutionSource;
  /** Whether this call wrote the session binding (a new one, or one moved to another agent). */
  readonly bindingCreated: boolean;
  readonly isDefault: boolean;
}

export const EMPTY_REGISTRY_MESSAGE = 'no agents are configured for this tenant; create an agent first';

export function agentNotFound(agentId: string): PalyraError {
  return new PalyraError('NOT_FOUND', `agent ${agentId} not found`, { details: { agentId } });
}

async function firstAgent(agents: AgentRepository, tenantId: string): Promise<AgentRecord | undefined> {
  const page = await agents.list(tenantId, { limit: 1 });
  return page.items[0];
}

/**
 * Palyra's resolution order: the preferred agent (an unknown one is NOT_FOUND), else the
 * session's binding for (principal, channel, session), else the tenant's default, else the first
 * agent by id; an empty registry is FAILED_PRECONDITION. Transport-free and caller-free, so run
 * admission can use it as well as the admin RPCs.
 */
export async function resolveAgentForContext(
  agents: AgentRepository,
  tenantId: string,
  request: AgentResolutionRequest,
): Promise<AgentResolution> {
  const key: AgentBindingKey | undefined =
    request.sessionId === undefined
      ? undefined
      : { principal: request.principal, channel: request.channel, sessionId: request.sessionId };
  // undefined = not read yet; null = read, none.
  let binding: AgentBindingRecord | null | undefined;
  let defaultAgentId: string | undefined;
  let agent: AgentRecord | null | undefined;
  let source: AgentResolutionSource;

  if (request.preferredAgentId !== undefined) {
    agent = await agents.get(tenantId, request.preferredAgentId);
    if (agent === null) {
      if ((await firstAgent(agents, tenantId)) === undefined) {
        throw new PalyraError('FAILED_PRECONDITION', EMPTY_REGISTRY_MESSAGE);
      }
      throw agentNotFound(request.preferredAgentId);
    }
    source = 'preferred';
  } else {
    if (key !== undefined) {
      const found = await agents.getBinding(tenantId, key);
      binding = found;
      // A binding whose agent was deleted meanwhile falls through to the default.
      if (found !== null) agent = await agents.get(tenantId, found.agentId);
    }
    if (agent) {
      source = 'session_binding';
    } else {
      defaultAgentId = await agents.getDefault(tenantId);
      agent = defaultAgentId === '' ? null : await agents.get(tenantId, defaultAgentId);
      if (agent !== null) {
        source = 'default';
      } else {
        agent = await firstAgent(agents, tenantId);
        if (agent === undefined) throw new PalyraError('FAILED_PRECONDITION', EMPTY_REGISTRY_MESSAGE);
        source = 'fallback';
      }
    }
  }

  let bindingCreated = false;
  if (request.persistSessionBinding === true && key !== undefined) {
    const current = binding === undefined ? await agents.getBinding(tenantId, key) : binding;
    if (current === null || current.agentId !== agent.agentId) {
      await agents.bind(tenantId, key, agent.agentId);
      bindingCreated = true;
    }
  }
  defaultAgentId ??= await agents.getDefault(tenantId);
  return { agent, source, bindingCreated, isDefault: defaultAgentId === agent.agentId };
}
