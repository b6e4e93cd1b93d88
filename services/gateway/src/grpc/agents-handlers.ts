import type { handleUnaryCall } from '@grpc/grpc-js';
import type { CallerContext } from '@palyra/auth';
import { agentConfigHash } from '@palyra/core';
import type { AgentBindingRecord, AgentRecord, Repositories } from '@palyra/journal';
import type {
  Agent,
  AgentBinding,
  AgentResolutionSource as AgentResolutionSourceMessage,
  CanonicalId__Output,
  ExecutionBackendInventory,
  GatewayServiceHandlers,
} from '@palyra/proto';
import { createAgentOperations } from '../agents/agent-operations.js';
import type { AgentResolutionSource } from '../agents/agent-resolution.js';
import { executionBackendInventory, resolveExecutionBackend } from '../agents/execution-backends.js';
import { requireVersion, ulidOf } from '../validation.js';
import { authenticatedUnary, type UnaryContext } from './unary-call.js';

/** GatewayService's agent RPCs, admin-only (the operations enforce it). */
export const AGENT_RPCS = [
  'ListAgents',
  'GetAgent',
  'CreateAgent',
  'DeleteAgent',
  'SetDefaultAgent',
  'ListAgentBindings',
  'BindAgentForContext',
  'UnbindAgentForContext',
  'ResolveAgentForContext',
] as const;

export type AgentHandlers = Pick<GatewayServiceHandlers, (typeof AGENT_RPCS)[number]>;

export interface AgentHandlersContext extends UnaryContext {
  readonly repositories: Pick<Repositories, 'agents'>;
}

// Palyra v1 has no source for an explicitly preferred agent and reports it as FALLBACK; clients
// written against it expect that, so the wire keeps it.
const SOURCE_MESSAGE: Readonly<Record<AgentResolutionSource, AgentResolutionSourceMessage>> = {
  preferred: 'AGENT_RESOLUTION_SOURCE_FALLBACK',
  session_binding: 'AGENT_RESOLUTION_SOURCE_SESSION_BINDING',
  default: 'AGENT_RESOLUTION_SOURCE_DEFAULT',
  fallback: 'AGENT_RESOLUTION_SOURCE_FALLBACK',
};

export function toAgentMessage(agent: AgentRecord): Agent {
  return {
    agent_id: agent.agentId,
    display_name: agent.displayName,
    agent_dir: agent.agentDir,
    workspace_roots: [...agent.workspaceRoots],
    default_model_profile: agent.modelProfile,
    default_tool_allowlist: [...agent.toolAllowlist],
    default_skill_allowlist: [...agent.skillAllowlist],
    created_at_unix_ms: agent.createdAt.getTime(),
    updated_at_unix_ms: agent.updatedAt.getTime(),
    execution_backend_preference: agent.executionBackendPreference,
    system_prompt: agent.systemPrompt,
    config_hash: agentConfigHash(agent),
  };
}

export function toAgentBindingMessage(binding: AgentBindingRecord): AgentBinding {
  return {
    principal: binding.principal,
    channel: binding.channel,
    session_id: binding.sessionId === '' ? null : { ulid: binding.sessionId },
    agent_id: binding.agentId,
    updated_at_unix_ms: binding.updatedAt.getTime(),
  };
}

function inventoryMessages(): ExecutionBackendInventory[] {
  return executionBackendInventory().map((entry) => ({
    backend_id: entry.backendId,
    label: entry.label,
    state: entry.state,
    selectable: entry.selectable,
    selected_by_default: entry.selectedByDefault,
    description: entry.description,
    operator_summary: entry.operatorSummary,
    executor_label: entry.executorLabel,
    rollout_flag: entry.rolloutFlag,
    rollout_enabled: entry.rolloutEnabled,
    capabilities: [...entry.capabilities],
    tradeoffs: [...entry.tradeoffs],
    active_node_count: entry.activeNodeCount,
    total_node_count: entry.totalNodeCount,
  }));
}

/** The execution-backend fields GetAgent, CreateAgent and ResolveAgentForContext share. */
function backendFields(agent: AgentRecord) {
  const resolution = resolveExecutionBackend(agent.executionBackendPreference);
  return {
    execution_backends: inventoryMessages(),
    resolved_execution_backend: resolution.resolved,
    execution_backend_fallback_used: resolution.fallbackUsed,
    execution_backend_reason: resolution.reason,
  };
}

/** The (principal, channel, session) a binding request names. */
function bindingContextOf(request: {
  readonly principal: string;
  readonly channel: string;
  readonly session_id: CanonicalId__Output | null;
}): { principal: string; channel: string; sessionId: string } {
  return { principal: request.principal, channel: request.channel, sessionId: ulidOf(request.session_id) };
}

export function createAgentHandlers(context: AgentHandlersContext): AgentHandlers {
  const operations = createAgentOperations({ agents: context.repositories.agents });
  const rpc = <Request extends { readonly v: number }, Response>(
    method: (typeof AGENT_RPCS)[number],
    handle: (request: Request, caller: CallerContext) => Promise<Response>,
  ): handleUnaryCall<Request, Response> =>
    authenticatedUnary<Request, Response>(context, method, async (request, caller) => {
      requireVersion(request.v);
      return handle(request, caller);
    });

  return {
    ListAgents: rpc('ListAgents', async (request, caller) => {
      const page = await operations.list(caller, { after: request.after_agent_id, limit: request.limit });
      return {
        v: 1,
        agents: page.agents.map(toAgentMessage),
        default_agent_id: page.defaultAgentId,
        next_after_agent_id: page.nextAfter,
        execution_backends: inventoryMessages(),
      };
    }),

    GetAgent: rpc('GetAgent', async (request, caller) => {
      const { agent, isDefault } = await operations.get(caller, request.agent_id);
      return { v: 1, agent: toAgentMessage(agent), is_default: isDefault, ...backendFields(agent) };
    }),

    CreateAgent: rpc('CreateAgent', async (request, caller) => {
      const created = await operations.create(caller, {
        agentId: request.agent_id,
        displayName: request.display_name,
        agentDir: request.agent_dir,
        workspaceRoots: request.workspace_roots,
        modelProfile: request.default_model_profile,
        toolAllowlist: request.default_tool_allowlist,
        skillAllowlist: request.default_skill_allowlist,
        executionBackendPreference: request.execution_backend_preference,
        systemPrompt: request.system_prompt,
        allowAbsolutePaths: request.allow_absolute_paths,
        setDefault: request.set_default,
      });
      return {
        v: 1,
        agent: toAgentMessage(created.agent),
        default_changed: created.defaultChanged,
        default_agent_id: created.defaultAgentId,
        ...backendFields(created.agent),
      };
    }),

    DeleteAgent: rpc('DeleteAgent', async (request, caller) => {
      const deleted = await operations.delete(caller, request.agent_id);
      return {
        v: 1,
        deleted_agent_id: deleted.deletedAgentId,
        deleted: true,
        removed_bindings_count: deleted.removedBindings,
        previous_default_agent_id: deleted.previousDefaultAgentId,
        default_agent_id: deleted.defaultAgentId,
        agent_dir: deleted.agentDir,
      };
    }),

    SetDefaultAgent: rpc('SetDefaultAgent', async (request, caller) => {
      const changed = await operations.setDefault(caller, request.agent_id);
      return { v: 1, previous_agent_id: changed.previousAgentId, default_agent_id: changed.defaultAgentId };
    }),

    ListAgentBindings: rpc('ListAgentBindings', async (request, caller) => {
      const bindings = await operations.listBindings(caller, {
        agentId: request.agent_id,
        ...bindingContextOf(request),
        limit: request.limit,
      });
      return { v: 1, bindings: bindings.map(toAgentBindingMessage) };
    }),

    BindAgentForContext: rpc('BindAgentForContext', async (request, caller) => {
      const bound = await operations.bind(caller, {
        agentId: request.agent_id,
        ...bindingContextOf(request),
      });
      return { v: 1, binding: toAgentBindingMessage(bound.binding), created: bound.created };
    }),

    UnbindAgentForContext: rpc('UnbindAgentForContext', async (request, caller) => {
      const unbound = await operations.unbind(caller, bindingContextOf(request));
      return { v: 1, removed: unbound.removed, removed_agent_id: unbound.removedAgentId };
    }),

    ResolveAgentForContext: rpc('ResolveAgentForContext', async (request, caller) => {
      const resolved = await operations.resolve(caller, {
        ...bindingContextOf(request),
        preferredAgentId: request.preferred_agent_id,
        persistSessionBinding: request.persist_session_binding,
      });
      return {
        v: 1,
        agent: toAgentMessage(resolved.agent),
        source: SOURCE_MESSAGE[resolved.source],
        binding_created: resolved.bindingCreated,
        is_default: resolved.isDefault,
        ...backendFields(resolved.agent),
      };
    }),
  };
}
