import { invalidArgument } from '@palyra/core';
import type { AgentBindingRecord, AgentRecord } from '@palyra/journal';
import Type, { type Static } from 'typebox';
import { type AgentUpdate, createAgentOperations } from '../../agents/agent-operations.js';
import { AGENT_RESOLUTION_SOURCES } from '../../agents/agent-resolution.js';
import { callerOf, type HttpRoutes } from '../http-context.js';
import { type ConsoleContext, consolePath } from './console-context.js';
import { CONSOLE_TAGS, Limit, Ulid, UnixMs } from './console-schemas.js';

const tags = [CONSOLE_TAGS.agents];
const auth = { auth: 'tenant' } as const;

/** Agent ids as the registry stores them; the operations trim and lower-case what callers send. */
const AgentIdParams = Type.Object({ agent_id: Type.String({ minLength: 1, maxLength: 256 }) });
const Names = Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 1024 });

/** Palyra's `Agent` message fields, plus the system prompt the registry keeps. */
const AgentJsonSchema = Type.Object({
  agent_id: Type.String(),
  display_name: Type.String(),
  agent_dir: Type.String(),
  workspace_roots: Type.Array(Type.String()),
  default_model_profile: Type.String(),
  system_prompt: Type.String(),
  default_tool_allowlist: Type.Array(Type.String()),
  default_skill_allowlist: Type.Array(Type.String()),
  execution_backend_preference: Type.String(),
  created_at_unix_ms: UnixMs,
  updated_at_unix_ms: UnixMs,
});

const AgentBindingJsonSchema = Type.Object({
  principal: Type.String(),
  /** '' when the binding is not channel-specific. */
  channel: Type.String(),
  session_id: Ulid,
  agent_id: Type.String(),
  updated_at_unix_ms: UnixMs,
});

/** Fields an update may change (absent = unchanged), named as in CreateAgentRequest. */
const AgentUpdateFields = {
  display_name: Type.Optional(Type.String({ maxLength: 1024 })),
  agent_dir: Type.Optional(Type.String({ maxLength: 2048 })),
  workspace_roots: Type.Optional(Names),
  default_model_profile: Type.Optional(Type.String({ maxLength: 256 })),
  system_prompt: Type.Optional(Type.String()),
  default_tool_allowlist: Type.Optional(Names),
  default_skill_allowlist: Type.Optional(Names),
  execution_backend_preference: Type.Optional(Type.String({ maxLength: 128 })),
  /** Permits absolute `agent_dir` and workspace roots. */
  allow_absolute_paths: Type.Optional(Type.Boolean()),
};
const AgentUpdateBody = Type.Object(AgentUpdateFields, { additionalProperties: false });

/** The operations' update from a body's fields; absent fields stay absent. */
function toAgentUpdate(body: Static<typeof AgentUpdateBody>): AgentUpdate {
  return {
    ...(body.display_name === undefined ? {} : { displayName: body.display_name }),
    ...(body.agent_dir === undefined ? {} : { agentDir: body.agent_dir }),
    ...(body.workspace_roots === undefined ? {} : { workspaceRoots: body.workspace_roots }),
    ...(body.default_model_profile === undefined ? {} : { modelProfile: body.default_model_profile }),
    ...(body.system_prompt === undefined ? {} : { systemPrompt: body.system_prompt }),
    ...(body.default_tool_allowlist === undefined ? {} : { toolAllowlist: body.default_tool_allowlist }),
    ...(body.default_skill_allowlist === undefined ? {} : { skillAllowlist: body.default_skill_allowlist }),
    ...(body.execution_backend_preference === undefined
      ? {}
      : { executionBackendPreference: body.execution_backend_preference }),
    allowAbsolutePaths: body.allow_absolute_paths === true,
  };
}

const BindingContextFields = {
  session_id: Ulid,
  /** Default: the caller's own principal. */
  principal: Type.Optional(Type.String({ maxLength: 512 })),
  /** Default '' (not channel-specific). */
  channel: Type.Optional(Type.String({ maxLength: 256 })),
};

function toAgentJson(agent: AgentRecord): Static<typeof AgentJsonSchema> {
  return {
    agent_id: agent.agentId,
    display_name: agent.displayName,
    agent_dir: agent.agentDir,
    workspace_roots: [...agent.workspaceRoots],
    default_model_profile: agent.modelProfile,
    system_prompt: agent.systemPrompt,
    default_tool_allowlist: [...agent.toolAllowlist],
    default_skill_allowlist: [...agent.skillAllowlist],
    execution_backend_preference: agent.executionBackendPreference,
    created_at_unix_ms: agent.createdAt.getTime(),
    updated_at_unix_ms: agent.updatedAt.getTime(),
  };
}

function toBindingJson(binding: AgentBindingRecord): Static<typeof AgentBindingJsonSchema> {
  return {
    principal: binding.principal,
    channel: binding.channel,
    session_id: binding.sessionId,
    agent_id: binding.agentId,
    updated_at_unix_ms: binding.updatedAt.getTime(),
  };
}

/** Page cursors are the last agent id, base64url-encoded (agent ids may contain '.'). */
function encodeAgentCursor(agentId: string): string | null {
  return agentId === '' ? null : Buffer.from(agentId, 'utf8').toString('base64url');
}

function decodeAgentCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const agentId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (agentId === '') throw invalidArgument('query.cursor', 'cursor is malformed');
  return agentId;
}

/**
 * The tenant's agent registry and the agents bound to (principal, channel, session) contexts,
 * through the same operations as the gRPC agent RPCs: admin callers only (403 otherwise).
 * Bindings live under `/agent-bindings`, so no agent id is shadowed by a fixed path.
 */
export function agentRoutes(context: ConsoleContext): HttpRoutes {
  const agents = createAgentOperations({ agents: context.repositories.agents });
  return (app) => {
    app.get(
      consolePath('/agents'),
      {
        config: auth,
        schema: {
          summary: "List the tenant's agents",
          description: 'Ordered by agent id. `default_agent_id` is empty when the tenant has no agents.',
          tags,
          querystring: Type.Object({
            cursor: Type.Optional(Type.String({ maxLength: 512, pattern: '^[A-Za-z0-9_-]*$' })),
            limit: Type.Optional(Limit),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(AgentJsonSchema),
              next_cursor: Type.Union([Type.String(), Type.Null()]),
              default_agent_id: Type.String(),
            }),
          },
        },
      },
      async (request) => {
        const after = decodeAgentCursor(request.query.cursor);
        const page = await agents.list(callerOf(request), {
          ...(after === undefined ? {} : { after }),
          ...(request.query.limit === undefined ? {} : { limit: request.query.limit }),
        });
        return {
          items: page.agents.map(toAgentJson),
          next_cursor: encodeAgentCursor(page.nextAfter),
          default_agent_id: page.defaultAgentId,
        };
      },
    );

    app.get(
      consolePath('/agents/:agent_id'),
      {
        config: auth,
        schema: {
          summary: 'Get an agent',
          tags,
          params: AgentIdParams,
          response: { 200: Type.Object({ agent: AgentJsonSchema, is_default: Type.Boolean() }) },
        },
      },
      async (request) => {
        const { agent, isDefault } = await agents.get(callerOf(request), request.params.agent_id);
        return { agent: toAgentJson(agent), is_default: isDefault };
      },
    );

    app.post(
      consolePath('/agents'),
      {
        config: auth,
        schema: {
          summary: 'Create an agent',
          description:
            'The agent id is trimmed and lower-cased (at most 64 bytes of `[A-Za-z0-9._-]`). The ' +
            "tenant's first agent becomes its default; `set_default` makes any new agent the default.",
          tags,
          body: Type.Object(
            {
              agent_id: Type.String({ minLength: 1, maxLength: 256 }),
              ...AgentUpdateFields,
              display_name: Type.String({ maxLength: 1024 }),
              set_default: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              agent: AgentJsonSchema,
              default_changed: Type.Boolean(),
              default_agent_id: Type.String(),
            }),
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const created = await agents.create(callerOf(request), {
          ...toAgentUpdate(body),
          agentId: body.agent_id,
          displayName: body.display_name,
          setDefault: body.set_default === true,
        });
        return reply.status(201).send({
          agent: toAgentJson(created.agent),
          default_changed: created.defaultChanged,
          default_agent_id: created.defaultAgentId,
        });
      },
    );

    app.patch(
      consolePath('/agents/:agent_id'),
      {
        config: auth,
        schema: {
          summary: 'Update an agent',
          description: 'Changes the fields given; absent fields stay as they are.',
          tags,
          params: AgentIdParams,
          body: AgentUpdateBody,
          response: { 200: AgentJsonSchema },
        },
      },
      async (request) => {
        const updated = await agents.update(
          callerOf(request),
          request.params.agent_id,
          toAgentUpdate(request.body),
        );
        return toAgentJson(updated);
      },
    );

    app.delete(
      consolePath('/agents/:agent_id'),
      {
        config: auth,
        schema: {
          summary: 'Delete an agent and its bindings',
          description: 'When it was the default, the default moves to the first remaining agent by id.',
          tags,
          params: AgentIdParams,
          response: {
            200: Type.Object({
              deleted_agent_id: Type.String(),
              removed_bindings_count: Type.Integer({ minimum: 0 }),
              previous_default_agent_id: Type.String(),
              default_agent_id: Type.String(),
              agent_dir: Type.String(),
            }),
          },
        },
      },
      async (request) => {
        const deleted = await agents.delete(callerOf(request), request.params.agent_id);
        return {
          deleted_agent_id: deleted.deletedAgentId,
          removed_bindings_count: deleted.removedBindings,
          previous_default_agent_id: deleted.previousDefaultAgentId,
          default_agent_id: deleted.defaultAgentId,
          agent_dir: deleted.agentDir,
        };
      },
    );

    app.put(
      consolePath('/agents/default'),
      {
        config: auth,
        schema: {
          summary: "Set the tenant's default agent",
          tags,
          body: Type.Object(
            { agent_id: Type.String({ minLength: 1, maxLength: 256 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ previous_agent_id: Type.String(), default_agent_id: Type.String() }),
          },
        },
      },
      async (request) => {
        const outcome = await agents.setDefault(callerOf(request), request.body.agent_id);
        return { previous_agent_id: outcome.previousAgentId, default_agent_id: outcome.defaultAgentId };
      },
    );

    app.get(
      consolePath('/agent-bindings'),
      {
        config: auth,
        schema: {
          summary: 'List agent bindings',
          description: 'Filtered by any of the given fields, ordered by (principal, channel, session).',
          tags,
          querystring: Type.Object({
            agent_id: Type.Optional(Type.String({ maxLength: 256 })),
            principal: Type.Optional(Type.String({ maxLength: 512 })),
            channel: Type.Optional(Type.String({ maxLength: 256 })),
            session_id: Type.Optional(Ulid),
            limit: Type.Optional(Limit),
          }),
          response: { 200: Type.Object({ items: Type.Array(AgentBindingJsonSchema) }) },
        },
      },
      async (request) => {
        const { agent_id: agentId, principal, channel, session_id: sessionId, limit } = request.query;
        const bindings = await agents.listBindings(callerOf(request), {
          ...(agentId === undefined ? {} : { agentId }),
          ...(principal === undefined ? {} : { principal }),
          ...(channel === undefined ? {} : { channel }),
          ...(sessionId === undefined ? {} : { sessionId }),
          ...(limit === undefined ? {} : { limit }),
        });
        return { items: bindings.map(toBindingJson) };
      },
    );

    app.put(
      consolePath('/agent-bindings'),
      {
        config: auth,
        schema: {
          summary: 'Bind an agent to a (principal, channel, session) context',
          description: "Replaces the context's binding if it has one (`created: false`).",
          tags,
          body: Type.Object(
            { agent_id: Type.String({ minLength: 1, maxLength: 256 }), ...BindingContextFields },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ binding: AgentBindingJsonSchema, created: Type.Boolean() }) },
        },
      },
      async (request) => {
        const { agent_id: agentId, session_id: sessionId, principal, channel } = request.body;
        const outcome = await agents.bind(callerOf(request), {
          agentId,
          sessionId,
          ...(principal === undefined ? {} : { principal }),
          ...(channel === undefined ? {} : { channel }),
        });
        return { binding: toBindingJson(outcome.binding), created: outcome.created };
      },
    );

    app.delete(
      consolePath('/agent-bindings'),
      {
        config: auth,
        schema: {
          summary: "Remove a context's agent binding",
          tags,
          querystring: Type.Object(BindingContextFields),
          response: { 200: Type.Object({ removed: Type.Boolean(), removed_agent_id: Type.String() }) },
        },
      },
      async (request) => {
        const { session_id: sessionId, principal, channel } = request.query;
        const outcome = await agents.unbind(callerOf(request), {
          sessionId,
          ...(principal === undefined ? {} : { principal }),
          ...(channel === undefined ? {} : { channel }),
        });
        return { removed: outcome.removed, removed_agent_id: outcome.removedAgentId };
      },
    );

    app.post(
      consolePath('/agent-bindings/resolve'),
      {
        config: auth,
        schema: {
          summary: 'Resolve the agent for a context',
          description:
            "Palyra's order: the preferred agent, else the session binding, else the default, else the " +
            'first agent by id; no agents is 409 FAILED_PRECONDITION. `persist_session_binding` records ' +
            "the outcome as the session's binding.",
          tags,
          body: Type.Object(
            {
              principal: Type.Optional(Type.String({ maxLength: 512 })),
              channel: Type.Optional(Type.String({ maxLength: 256 })),
              session_id: Type.Optional(Ulid),
              preferred_agent_id: Type.Optional(Type.String({ maxLength: 256 })),
              persist_session_binding: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              agent: AgentJsonSchema,
              source: Type.Enum(AGENT_RESOLUTION_SOURCES),
              binding_created: Type.Boolean(),
              is_default: Type.Boolean(),
            }),
          },
        },
      },
      async (request) => {
        const body = request.body;
        const resolved = await agents.resolve(callerOf(request), {
          ...(body.principal === undefined ? {} : { principal: body.principal }),
          ...(body.channel === undefined ? {} : { channel: body.channel }),
          ...(body.session_id === undefined ? {} : { sessionId: body.session_id }),
          ...(body.preferred_agent_id === undefined ? {} : { preferredAgentId: body.preferred_agent_id }),
          persistSessionBinding: body.persist_session_binding === true,
        });
        return {
          agent: toAgentJson(resolved.agent),
          source: resolved.source,
          binding_created: resolved.bindingCreated,
          is_default: resolved.isDefault,
        };
      },
    );
  };
}
