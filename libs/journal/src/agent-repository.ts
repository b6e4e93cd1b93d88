import { invalidArgument, PalyraError } from '@palyra/core';
import { type Selectable, sql } from 'kysely';
import type { Database } from './database.js';
import {
  CHECK_VIOLATION,
  FOREIGN_KEY_VIOLATION,
  isConstraintViolation,
  UNIQUE_VIOLATION,
} from './db-values.js';
import { pageLimit } from './paging.js';
import type {
  AgentBindingKey,
  AgentBindingRecord,
  AgentPatch,
  AgentRecord,
  AgentRepository,
} from './ports.js';
import type { AgentBindingsTable, AgentsTable } from './schema.js';
import { readInTenant, type TenantTransaction, withTenant } from './tenant-scope.js';
import { optionalText, requireText, textList } from './text-fields.js';

/**
 * The tenant's agent registry. Writes that touch the default (create, delete, setDefault) first
 * lock the tenant row, so they run one at a time per tenant and "the first agent becomes the
 * default" and "delete moves the default" hold across replicas. Ids are stored as given: the
 * gateway normalises them, and a CHECK rejects anything outside [a-z0-9._-]{1,64}.
 */
export function createAgentRepository(database: Database): AgentRepository {
  return {
    async create(tenantId, agent, options = {}) {
      requireText(agent.agentId, 'agent_id');
      try {
        return await withTenant(database, tenantId, async (trx) => {
          await lockTenant(trx, tenantId);
          const row = await trx
            .insertInto('agents')
            .values({
              tenant_id: tenantId,
              agent_id: agent.agentId,
              display_name: requireString(agent.displayName, 'display_name'),
              agent_dir: optionalText(agent.agentDir, 'agent_dir'),
              workspace_roots: textList(agent.workspaceRoots, 'workspace_roots'),
              model_profile: optionalText(agent.modelProfile, 'model_profile'),
              system_prompt: optionalText(agent.systemPrompt, 'system_prompt'),
              tool_allowlist: textList(agent.toolAllowlist, 'tool_allowlist'),
              skill_allowlist: textList(agent.skillAllowlist, 'skill_allowlist'),
              execution_backend_preference: optionalText(
                agent.executionBackendPreference,
                'execution_backend_preference',
              ),
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          const previous = await selectDefault(trx, tenantId);
          const becomesDefault = previous === '' || options.setDefault === true;
          if (becomesDefault) await upsertDefault(trx, tenantId, agent.agentId);
          const defaultAgentId = becomesDefault ? agent.agentId : previous;
          return { agent: toAgentRecord(row), defaultChanged: defaultAgentId !== previous, defaultAgentId };
        });
      } catch (error) {
        if (isConstraintViolation(error, UNIQUE_VIOLATION, 'agents_pkey')) {
          throw new PalyraError('ALREADY_EXISTS', `agent ${agent.agentId} already exists`, {
            cause: error,
            details: { agentId: agent.agentId },
          });
        }
        if (isConstraintViolation(error, CHECK_VIOLATION, 'agents_agent_id_check')) {
          throw invalidArgument('agent_id', "agent_id must be 1-64 characters of a-z, 0-9, '.', '_' or '-'");
        }
        throw error;
      }
    },

    async get(tenantId, agentId) {
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom('agents')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('agent_id', '=', agentId),
        ),
      );
      return row === undefined ? null : toAgentRecord(row);
    },

    async update(tenantId, agentId, patch) {
      const row = await withTenant(database, tenantId, (trx) =>
        trx
          .updateTable('agents')
          .set({ ...agentChanges(patch), updated_at: sql`now()` })
          .where('tenant_id', '=', tenantId)
          .where('agent_id', '=', agentId)
          .returningAll()
          .executeTakeFirst(),
      );
      if (row === undefined) throw agentNotFound(agentId);
      return toAgentRecord(row);
    },

    async list(tenantId, options = {}) {
      const limit = pageLimit(options.limit);
      const after = options.after ?? '';
      const { rows, defaultAgentId } = await readInTenant(database, tenantId, async (reader) => {
        const query = database.kysely
          .selectFrom('agents')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('agent_id')
          .limit(limit + 1);
        const found = await reader.execute(after === '' ? query : query.where('agent_id', '>', after));
        const [current] = await reader.execute(selectDefaultQuery(database, tenantId));
        return { rows: found, defaultAgentId: current?.agent_id ?? '' };
      });
      const items = rows.slice(0, limit).map(toAgentRecord);
      const last = items.at(-1);
      return { items, nextAfter: rows.length > limit && last ? last.agentId : '', defaultAgentId };
    },

    async delete(tenantId, agentId) {
      return withTenant(database, tenantId, async (trx) => {
        await lockTenant(trx, tenantId);
        const target = await trx
          .selectFrom('agents')
          .select('agent_dir')
          .where('tenant_id', '=', tenantId)
          .where('agent_id', '=', agentId)
          .executeTakeFirst();
        if (target === undefined) throw agentNotFound(agentId);
        const previousDefaultAgentId = await selectDefault(trx, tenantId);
        let defaultAgentId = previousDefaultAgentId;
        // The default moves before the delete: agent_defaults' foreign key forbids a dangling default.
        if (previousDefaultAgentId === agentId) {
          const next = await trx
            .selectFrom('agents')
            .select('agent_id')
            .where('tenant_id', '=', tenantId)
            .where('agent_id', '<>', agentId)
            .orderBy('agent_id')
            .limit(1)
            .executeTakeFirst();
          defaultAgentId = next?.agent_id ?? '';
          if (next === undefined) {
            await trx.deleteFrom('agent_defaults').where('tenant_id', '=', tenantId).execute();
          } else {
            await upsertDefault(trx, tenantId, next.agent_id);
          }
        }
        // Deleted explicitly (not only by the cascade) to report how many there were.
        const removed = await trx
          .deleteFrom('agent_bindings')
          .where('tenant_id', '=', tenantId)
          .where('agent_id', '=', agentId)
          .executeTakeFirst();
        await trx
          .deleteFrom('agents')
          .where('tenant_id', '=', tenantId)
          .where('agent_id', '=', agentId)
          .execute();
        return {
          removedBindings: Number(removed.numDeletedRows),
          previousDefaultAgentId,
          defaultAgentId,
          agentDir: target.agent_dir,
        };
      });
    },

    async getDefault(tenantId) {
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(selectDefaultQuery(database, tenantId)),
      );
      return row?.agent_id ?? '';
    },

    async setDefault(tenantId, agentId) {
      return withTenant(database, tenantId, async (trx) => {
        await lockTenant(trx, tenantId);
        const exists = await trx
          .selectFrom('agents')
          .select('agent_id')
          .where('tenant_id', '=', tenantId)
          .where('agent_id', '=', agentId)
          .executeTakeFirst();
        if (exists === undefined) throw agentNotFound(agentId);
        const previousAgentId = await selectDefault(trx, tenantId);
        if (previousAgentId !== agentId) await upsertDefault(trx, tenantId, agentId);
        return { previousAgentId };
      });
    },

    async bind(tenantId, key, agentId) {
      const binding = bindingKey(key);
      requireText(agentId, 'agent_id');
      try {
        const row = await withTenant(database, tenantId, (trx) =>
          trx
            .insertInto('agent_bindings')
            .values({ tenant_id: tenantId, ...binding, agent_id: agentId })
            .onConflict((oc) =>
              oc
                .columns(['tenant_id', 'principal', 'channel', 'session_id'])
                .doUpdateSet({ agent_id: agentId, updated_at: sql`now()` }),
            )
            // xmax is 0 only on a freshly inserted row version: the usual upsert "was it new" test.
            .returning(['tenant_id', 'principal', 'channel', 'session_id', 'agent_id', 'updated_at'])
            .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
            .executeTakeFirstOrThrow(),
        );
        return { binding: toBindingRecord(row), created: row.inserted };
      } catch (error) {
        if (isConstraintViolation(error, FOREIGN_KEY_VIOLATION, 'agent_bindings_agent_fkey')) {
          throw agentNotFound(agentId, error);
        }
        throw error;
      }
    },

    async unbind(tenantId, key) {
      const binding = bindingKey(key);
      const row = await withTenant(database, tenantId, (trx) =>
        trx
          .deleteFrom('agent_bindings')
          .where('tenant_id', '=', tenantId)
          .where('principal', '=', binding.principal)
          .where('channel', '=', binding.channel)
          .where('session_id', '=', binding.session_id)
          .returning('agent_id')
          .executeTakeFirst(),
      );
      return row?.agent_id ?? '';
    },

    async listBindings(tenantId, filter = {}) {
      const limit = pageLimit(filter.limit);
      const rows = await readInTenant(database, tenantId, (reader) => {
        let query = database.kysely
          .selectFrom('agent_bindings')
          .selectAll()
          .where('tenant_id', '=', tenantId);
        if (filter.principal) query = query.where('principal', '=', filter.principal);
        if (filter.channel) query = query.where('channel', '=', filter.channel);
        if (filter.sessionId) query = query.where('session_id', '=', filter.sessionId);
        if (filter.agentId) query = query.where('agent_id', '=', filter.agentId);
        return reader.execute(
          query.orderBy('principal').orderBy('channel').orderBy('session_id').limit(limit),
        );
      });
      return rows.map(toBindingRecord);
    },

    async getBinding(tenantId, key) {
      const binding = bindingKey(key);
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom('agent_bindings')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('principal', '=', binding.principal)
            .where('channel', '=', binding.channel)
            .where('session_id', '=', binding.session_id),
        ),
      );
      return row === undefined ? null : toBindingRecord(row);
    },

    async resolveForContext(tenantId, key) {
      const binding = bindingKey(key);
      // One statement: the candidates in rank order, joined to agents so a dangling id is skipped.
      const candidates = sql<{ agent_id: string; rank: number }>`(
        SELECT agent_id, 1 AS rank FROM agent_bindings
          WHERE tenant_id = ${tenantId} AND principal = ${binding.principal}
            AND channel = ${binding.channel} AND session_id = ${binding.session_id}
        UNION ALL SELECT agent_id, 2 FROM agent_bindings
          WHERE tenant_id = ${tenantId} AND principal = ${binding.principal}
            AND channel = ${binding.channel} AND session_id = ''
        UNION ALL SELECT agent_id, 3 FROM agent_bindings
          WHERE tenant_id = ${tenantId} AND principal = ${binding.principal} AND channel = '' AND session_id = ''
        UNION ALL SELECT agent_id, 4 FROM agent_defaults WHERE tenant_id = ${tenantId}
        UNION ALL (SELECT agent_id, 5 FROM agents WHERE tenant_id = ${tenantId} ORDER BY agent_id LIMIT 1))`;
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom(candidates.as('candidate'))
            .innerJoin('agents', (join) =>
              join.onRef('agents.agent_id', '=', 'candidate.agent_id').on('agents.tenant_id', '=', tenantId),
            )
            .selectAll('agents')
            .select('candidate.rank')
            .orderBy('candidate.rank')
            .limit(1),
        ),
      );
      if (row === undefined) return null;
      const { rank, ...agent } = row;
      const source = rank <= 3 ? 'session_binding' : rank === 4 ? 'default' : 'fallback';
      return { agent: toAgentRecord(agent), source };
    },
  };
}

function agentNotFound(agentId: string, cause?: unknown): PalyraError {
  return new PalyraError('NOT_FOUND', `agent ${agentId} not found`, {
    details: { agentId },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Serialises the tenant's default-changing writes (FOR NO KEY UPDATE still admits foreign-key checks). */
async function lockTenant(trx: TenantTransaction, tenantId: string): Promise<void> {
  const tenant = await trx
    .selectFrom('tenants')
    .select('tenant_id')
    .where('tenant_id', '=', tenantId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (tenant === undefined) {
    throw new PalyraError('NOT_FOUND', `tenant ${tenantId} not found`, { details: { tenantId } });
  }
}

function selectDefaultQuery(database: Database, tenantId: string) {
  return database.kysely.selectFrom('agent_defaults').select('agent_id').where('tenant_id', '=', tenantId);
}

async function selectDefault(trx: TenantTransaction, tenantId: string): Promise<string> {
  const row = await trx
    .selectFrom('agent_defaults')
    .select('agent_id')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.agent_id ?? '';
}

async function upsertDefault(trx: TenantTransaction, tenantId: string, agentId: string): Promise<void> {
  await trx
    .insertInto('agent_defaults')
    .values({ tenant_id: tenantId, agent_id: agentId })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ agent_id: agentId, updated_at: sql`now()` }))
    .execute();
}

/** Only the fields present in the patch. */
function agentChanges(patch: AgentPatch) {
  return {
    ...(patch.displayName === undefined
      ? {}
      : { display_name: requireString(patch.displayName, 'display_name') }),
    ...(patch.agentDir === undefined ? {} : { agent_dir: optionalText(patch.agentDir, 'agent_dir') }),
    ...(patch.workspaceRoots === undefined
      ? {}
      : { workspace_roots: textList(patch.workspaceRoots, 'workspace_roots') }),
    ...(patch.modelProfile === undefined
      ? {}
      : { model_profile: optionalText(patch.modelProfile, 'model_profile') }),
    ...(patch.systemPrompt === undefined
      ? {}
      : { system_prompt: optionalText(patch.systemPrompt, 'system_prompt') }),
    ...(patch.toolAllowlist === undefined
      ? {}
      : { tool_allowlist: textList(patch.toolAllowlist, 'tool_allowlist') }),
    ...(patch.skillAllowlist === undefined
      ? {}
      : { skill_allowlist: textList(patch.skillAllowlist, 'skill_allowlist') }),
    ...(patch.executionBackendPreference === undefined
      ? {}
      : {
          execution_backend_preference: optionalText(
            patch.executionBackendPreference,
            'execution_backend_preference',
          ),
        }),
  };
}

/** A binding key as stored: principal required, '' for an absent channel or session. */
function bindingKey(key: AgentBindingKey): { principal: string; channel: string; session_id: string } {
  return {
    principal: requireText(key.principal, 'principal'),
    channel: optionalText(key.channel, 'channel'),
    session_id: optionalText(key.sessionId, 'session_id'),
  };
}

function requireString(value: string, field: string): string {
  if (typeof value !== 'string') throw invalidArgument(field, `${field} must be a string`);
  return value;
}

function toAgentRecord(row: Selectable<AgentsTable>): AgentRecord {
  return {
    tenantId: row.tenant_id,
    agentId: row.agent_id,
    displayName: row.display_name,
    agentDir: row.agent_dir,
    workspaceRoots: row.workspace_roots,
    modelProfile: row.model_profile,
    systemPrompt: row.system_prompt,
    toolAllowlist: row.tool_allowlist,
    skillAllowlist: row.skill_allowlist,
    executionBackendPreference: row.execution_backend_preference,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toBindingRecord(row: Selectable<AgentBindingsTable>): AgentBindingRecord {
  return {
    tenantId: row.tenant_id,
    principal: row.principal,
    channel: row.channel,
    sessionId: row.session_id,
    agentId: row.agent_id,
    updatedAt: row.updated_at,
  };
}
