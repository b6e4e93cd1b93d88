import { type CallerContext, requireAdmin } from '@palyra/auth';
import { LIMITS, optionalUlid, requireUlid } from '@palyra/core';
import type {
  AgentBindingKey,
  AgentBindingRecord,
  AgentPatch,
  AgentRecord,
  AgentRepository,
  NewAgent,
} from '@palyra/journal';
import {
  DEFAULT_WORKSPACE_ROOTS,
  defaultAgentDir,
  normalizeAgentId,
  normalizeAgentPath,
  normalizeAllowlist,
  normalizeDisplayName,
  normalizeModelProfile,
  normalizeWorkspaceRoots,
  optionalAgentId,
  optionalText,
  validateSystemPrompt,
} from './agent-fields.js';
import { type AgentResolution, agentNotFound, resolveAgentForContext } from './agent-resolution.js';
import { normalizeExecutionBackendPreference } from './execution-backends.js';

/**
 * The agent registry's operations, shared by the gRPC GatewayService agent RPCs and the console
 * HTTP routes: input is the caller plus plain values, output is journal records, errors are
 * PalyraErrors. Every operation is admin-only (an `admin:` principal or the admin role of the
 * caller's tenant) and scoped to the caller's tenant.
 */

/** Fields to change, before normalization; absent = unchanged. */
export interface AgentUpdate extends AgentPatch {
  /** Permits absolute agent_dir and workspace roots. */
  readonly allowAbsolutePaths?: boolean;
}

/**
 * A new agent, before normalization. `agentDir` '' or absent: `agents/<agent_id>`;
 * `workspaceRoots` empty or absent: `['workspace']` (relative roots are relative to the agent
 * directory).
 */
export interface AgentDraft extends NewAgent, Pick<AgentUpdate, 'allowAbsolutePaths'> {
  /** Make the new agent the tenant's default (the first agent always becomes it). */
  readonly setDefault?: boolean;
}

export interface AgentPageRequest {
  /** An agent id: the page starts after it. */
  readonly after?: string;
  /** 0 or absent = 100; at most 500. */
  readonly limit?: number;
}

export interface AgentPage {
  readonly agents: AgentRecord[];
  /** '' when the tenant has no agents. */
  readonly defaultAgentId: string;
  /** '' on the last page. */
  readonly nextAfter: string;
}

export interface AgentCreated {
  readonly agent: AgentRecord;
  readonly defaultChanged: boolean;
  readonly defaultAgentId: string;
}

export interface AgentDeleted {
  readonly deletedAgentId: string;
  readonly removedBindings: number;
  readonly previousDefaultAgentId: string;
  readonly defaultAgentId: string;
  readonly agentDir: string;
}

export interface AgentBindingFilter {
  readonly agentId?: string;
  readonly principal?: string;
  readonly channel?: string;
  readonly sessionId?: string;
  /** 0 or absent = 100; at most 500. */
  readonly limit?: number;
}

/**
 * A binding's context. `principal` defaults to the caller's own; an admin may name any principal
 * of the tenant (Palyra v1 only allowed the caller's own, which callers that send it still get).
 */
export interface AgentBindingContext {
  readonly principal?: string;
  readonly channel?: string;
  readonly sessionId: string;
}

export interface AgentBindRequest extends AgentBindingContext {
  readonly agentId: string;
}

export interface AgentResolveRequest {
  readonly principal?: string;
  readonly channel?: string;
  readonly sessionId?: string;
  readonly preferredAgentId?: string;
  readonly persistSessionBinding?: boolean;
}

export interface AgentOperations {
  list(caller: CallerContext, request?: AgentPageRequest): Promise<AgentPage>;
  get(caller: CallerContext, agentId: string): Promise<{ agent: AgentRecord; isDefault: boolean }>;
  create(caller: CallerContext, draft: AgentDraft): Promise<AgentCreated>;
  update(caller: CallerContext, agentId: string, update: AgentUpdate): Promise<AgentRecord>;
  delete(caller: CallerContext, agentId: string): Promise<AgentDeleted>;
  setDefault(
    caller: CallerContext,
    agentId: string,
  ): Promise<{ previousAgentId: string; defaultAgentId: string }>;
  listBindings(caller: CallerContext, filter?: AgentBindingFilter): Promise<AgentBindingRecord[]>;
  bind(
    caller: CallerContext,
    request: AgentBindRequest,
  ): Promise<{ binding: AgentBindingRecord; created: boolean }>;
  unbind(
    caller: CallerContext,
    context: AgentBindingContext,
  ): Promise<{ removed: boolean; removedAgentId: string }>;
  resolve(caller: CallerContext, request: AgentResolveRequest): Promise<AgentResolution>;
}

export interface AgentOperationsDeps {
  readonly agents: AgentRepository;
}

/** `limit` of a page: absent or <= 0 = the default (100), capped at 500. */
function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return LIMITS.pageSizeDefault;
  return Math.min(Math.floor(limit), LIMITS.pageSizeMax);
}

function bindingKey(caller: CallerContext, context: AgentBindingContext): AgentBindingKey {
  return {
    principal: optionalText(context.principal) ?? caller.principal,
    channel: optionalText(context.channel) ?? '',
    sessionId: requireUlid(context.sessionId.trim(), 'session_id'),
  };
}

function toNewAgent(draft: AgentDraft): NewAgent {
  const agentId = normalizeAgentId(draft.agentId);
  const allowAbsolute = draft.allowAbsolutePaths === true;
  const agentDir = optionalText(draft.agentDir);
  const workspaceRoots = draft.workspaceRoots ?? [];
  return {
    agentId,
    displayName: normalizeDisplayName(draft.displayName),
    agentDir:
      agentDir === undefined
        ? defaultAgentDir(agentId)
        : normalizeAgentPath(agentDir, 'agent_dir', allowAbsolute),
    workspaceRoots:
      workspaceRoots.length === 0
        ? [...DEFAULT_WORKSPACE_ROOTS]
        : normalizeWorkspaceRoots(workspaceRoots, allowAbsolute),
    modelProfile: normalizeModelProfile(draft.modelProfile ?? ''),
    systemPrompt: validateSystemPrompt(draft.systemPrompt ?? ''),
    toolAllowlist: normalizeAllowlist(draft.toolAllowlist ?? [], 'default_tool_allowlist'),
    skillAllowlist: normalizeAllowlist(draft.skillAllowlist ?? [], 'default_skill_allowlist'),
    executionBackendPreference: normalizeExecutionBackendPreference(draft.executionBackendPreference ?? ''),
  };
}

function toPatch(update: AgentUpdate): AgentPatch {
  const allowAbsolute = update.allowAbsolutePaths === true;
  const patch: { -readonly [K in keyof AgentPatch]: AgentPatch[K] } = {};
  if (update.displayName !== undefined) patch.displayName = normalizeDisplayName(update.displayName);
  if (update.agentDir !== undefined)
    patch.agentDir = normalizeAgentPath(update.agentDir, 'agent_dir', allowAbsolute);
  if (update.workspaceRoots !== undefined) {
    patch.workspaceRoots = normalizeWorkspaceRoots(update.workspaceRoots, allowAbsolute);
  }
  if (update.modelProfile !== undefined) patch.modelProfile = normalizeModelProfile(update.modelProfile);
  if (update.systemPrompt !== undefined) patch.systemPrompt = validateSystemPrompt(update.systemPrompt);
  if (update.toolAllowlist !== undefined) {
    patch.toolAllowlist = normalizeAllowlist(update.toolAllowlist, 'default_tool_allowlist');
  }
  if (update.skillAllowlist !== undefined) {
    patch.skillAllowlist = normalizeAllowlist(update.skillAllowlist, 'default_skill_allowlist');
  }
  if (update.executionBackendPreference !== undefined) {
    patch.executionBackendPreference = normalizeExecutionBackendPreference(update.executionBackendPreference);
  }
  return patch;
}

export function createAgentOperations(deps: AgentOperationsDeps): AgentOperations {
  const { agents } = deps;

  return {
    async list(caller, request = {}) {
      const { tenantId } = requireAdmin(caller);
      const after = optionalAgentId(request.after, 'after_agent_id');
      const page = await agents.list(tenantId, {
        ...(after === undefined ? {} : { after }),
        limit: pageSize(request.limit),
      });
      return { agents: page.items, defaultAgentId: page.defaultAgentId, nextAfter: page.nextAfter };
    },

    async get(caller, rawAgentId) {
      const { tenantId } = requireAdmin(caller);
      const agentId = normalizeAgentId(rawAgentId);
      const [agent, defaultAgentId] = await Promise.all([
        agents.get(tenantId, agentId),
        agents.getDefault(tenantId),
      ]);
      if (agent === null) throw agentNotFound(agentId);
      return { agent, isDefault: defaultAgentId === agentId };
    },

    async create(caller, draft) {
      const { tenantId } = requireAdmin(caller);
      const agent = toNewAgent(draft);
      return agents.create(tenantId, agent, { setDefault: draft.setDefault === true });
    },

    async update(caller, rawAgentId, update) {
      const { tenantId } = requireAdmin(caller);
      const agentId = normalizeAgentId(rawAgentId);
      const patch = toPatch(update);
      if (Object.keys(patch).length === 0) {
        const agent = await agents.get(tenantId, agentId);
        if (agent === null) throw agentNotFound(agentId);
        return agent;
      }
      return agents.update(tenantId, agentId, patch);
    },

    async delete(caller, rawAgentId) {
      const { tenantId } = requireAdmin(caller);
      const agentId = normalizeAgentId(rawAgentId);
      const outcome = await agents.delete(tenantId, agentId);
      return {
        deletedAgentId: agentId,
        removedBindings: outcome.removedBindings,
        previousDefaultAgentId: outcome.previousDefaultAgentId,
        defaultAgentId: outcome.defaultAgentId,
        agentDir: outcome.agentDir,
      };
    },

    async setDefault(caller, rawAgentId) {
      const { tenantId } = requireAdmin(caller);
      const agentId = normalizeAgentId(rawAgentId);
      const { previousAgentId } = await agents.setDefault(tenantId, agentId);
      return { previousAgentId, defaultAgentId: agentId };
    },

    async listBindings(caller, filter = {}) {
      const { tenantId } = requireAdmin(caller);
      const agentId = optionalAgentId(filter.agentId);
      const principal = optionalText(filter.principal);
      const channel = optionalText(filter.channel);
      const sessionId = optionalUlid(filter.sessionId?.trim(), 'session_id');
      return agents.listBindings(tenantId, {
        ...(agentId === undefined ? {} : { agentId }),
        ...(principal === undefined ? {} : { principal }),
        ...(channel === undefined ? {} : { channel }),
        ...(sessionId === undefined ? {} : { sessionId }),
        limit: pageSize(filter.limit),
      });
    },

    async bind(caller, request) {
      const { tenantId } = requireAdmin(caller);
      const agentId = normalizeAgentId(request.agentId);
      return agents.bind(tenantId, bindingKey(caller, request), agentId);
    },

    async unbind(caller, context) {
      const { tenantId } = requireAdmin(caller);
      const removedAgentId = await agents.unbind(tenantId, bindingKey(caller, context));
      return { removed: removedAgentId !== '', removedAgentId };
    },

    async resolve(caller, request) {
      const { tenantId } = requireAdmin(caller);
      const sessionId = optionalUlid(request.sessionId?.trim(), 'session_id');
      const preferredAgentId = optionalAgentId(request.preferredAgentId, 'preferred_agent_id');
      return resolveAgentForContext(agents, tenantId, {
        principal: optionalText(request.principal) ?? caller.principal,
        channel: optionalText(request.channel) ?? '',
        ...(sessionId === undefined ? {} : { sessionId }),
        ...(preferredAgentId === undefined ? {} : { preferredAgentId }),
        persistSessionBinding: request.persistSessionBinding === true,
      });
    },
  };
}
