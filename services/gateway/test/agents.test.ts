import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { type Metadata, status } from '@grpc/grpc-js';
import { newId } from '@palyra/core';
import type {
  BindAgentForContextResponse__Output,
  CreateAgentRequest,
  CreateAgentResponse__Output,
  DeleteAgentResponse__Output,
  GatewayServiceClient,
  GetAgentResponse__Output,
  ListAgentBindingsResponse__Output,
  ListAgentsResponse__Output,
  ResolveAgentForContextRequest,
  ResolveAgentForContextResponse__Output,
  SetDefaultAgentResponse__Output,
  UnbindAgentForContextResponse__Output,
} from '@palyra/proto';
import {
  assertError,
  failure,
  HARNESS_KINDS,
  type Harness,
  openHarness,
  TENANT,
  testOn,
  unary,
} from './harness.js';

/** Typed wrappers over the agent RPCs for one caller. */
function agentCalls(client: GatewayServiceClient, metadata: Metadata) {
  return {
    create: (request: CreateAgentRequest) =>
      unary<CreateAgentResponse__Output>((done) => client.CreateAgent({ v: 1, ...request }, metadata, done)),
    get: (agentId: string) =>
      unary<GetAgentResponse__Output>((done) => client.GetAgent({ v: 1, agent_id: agentId }, metadata, done)),
    list: (limit = 0, after = '') =>
      unary<ListAgentsResponse__Output>((done) =>
        client.ListAgents({ v: 1, limit, after_agent_id: after }, metadata, done),
      ),
    remove: (agentId: string) =>
      unary<DeleteAgentResponse__Output>((done) =>
        client.DeleteAgent({ v: 1, agent_id: agentId }, metadata, done),
      ),
    setDefault: (agentId: string) =>
      unary<SetDefaultAgentResponse__Output>((done) =>
        client.SetDefaultAgent({ v: 1, agent_id: agentId }, metadata, done),
      ),
    bind: (agentId: string, sessionId: string, principal = '', channel = '') =>
      unary<BindAgentForContextResponse__Output>((done) =>
        client.BindAgentForContext(
          { v: 1, agent_id: agentId, principal, channel, session_id: { ulid: sessionId } },
          metadata,
          done,
        ),
      ),
    unbind: (sessionId: string, principal = '', channel = '') =>
      unary<UnbindAgentForContextResponse__Output>((done) =>
        client.UnbindAgentForContext(
          { v: 1, principal, channel, session_id: { ulid: sessionId } },
          metadata,
          done,
        ),
      ),
    bindings: (filter: { agent_id?: string; principal?: string; session_id?: string; limit?: number } = {}) =>
      unary<ListAgentBindingsResponse__Output>((done) =>
        client.ListAgentBindings(
          {
            v: 1,
            agent_id: filter.agent_id ?? '',
            principal: filter.principal ?? '',
            limit: filter.limit ?? 0,
            ...(filter.session_id === undefined ? {} : { session_id: { ulid: filter.session_id } }),
          },
          metadata,
          done,
        ),
      ),
    resolve: (request: ResolveAgentForContextRequest) =>
      unary<ResolveAgentForContextResponse__Output>((done) =>
        client.ResolveAgentForContext({ v: 1, ...request }, metadata, done),
      ),
  };
}

async function adminSetup(harness: Harness, principal = 'admin:ops') {
  const client = (await harness.startGateway()).client();
  return { client, calls: agentCalls(client, harness.metadata(harness.identity(principal))) };
}

for (const kind of HARNESS_KINDS) {
  describe(`GatewayService agent RPCs (${kind})`, () => {
    testOn(
      kind,
      'postgres',
      'every agent RPC is admin-only: a plain user gets PERMISSION_DENIED, admin: principals and the admin role pass',
      async (t) => {
        const harness = await openHarness(t, kind);
        const client = (await harness.startGateway()).client();
        const user = agentCalls(client, await harness.jwtMetadata('user:bob'));
        const sessionId = newId();
        // Each call is wrapped at once, so no rejection waits unhandled while an earlier one is awaited.
        const denied = await Promise.all(
          [
            user.list(),
            user.get('main'),
            user.create({ agent_id: 'main', display_name: 'Main' }),
            user.remove('main'),
            user.setDefault('main'),
            user.bindings(),
            user.bind('main', sessionId),
            user.unbind(sessionId),
            user.resolve({}),
          ].map((call) => failure(call)),
        );
        for (const error of denied) assertError(error, status.PERMISSION_DENIED, 'admin role required');

        const adminPrincipal = agentCalls(client, await harness.jwtMetadata('admin:ops'));
        await adminPrincipal.create({ agent_id: 'main', display_name: 'Main' });
        const adminRole = agentCalls(client, await harness.jwtMetadata('user:carol', ['admin']));
        assert.equal((await adminRole.get('main')).agent?.agent_id, 'main');
      },
    );

    testOn(
      kind,
      'everywhere',
      'CreateAgent normalises the id, fills Palyra defaults; the first agent is the default until set_default moves it',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { calls } = await adminSetup(harness);
        const first = await calls.create({
          agent_id: '  Main.Agent ',
          display_name: ' Main agent ',
          default_model_profile: 'fast',
          default_tool_allowlist: ['Palyra.Echo', 'palyra.http.fetch', 'palyra.echo'],
          system_prompt: 'You are terse.',
        });
        assert.equal(first.default_changed, true);
        assert.equal(first.agent?.system_prompt, 'You are terse.');
        assert.match(first.agent?.config_hash ?? '', /^[0-9a-f]{64}$/);
        assert.equal(first.default_agent_id, 'main.agent');
        assert.ok(first.agent);
        assert.equal(first.agent.agent_id, 'main.agent');
        assert.equal(first.agent.display_name, 'Main agent');
        assert.equal(first.agent.agent_dir, 'agents/main.agent');
        assert.deepEqual(first.agent.workspace_roots, ['workspace']);
        assert.equal(first.agent.default_model_profile, 'fast');
        assert.deepEqual(first.agent.default_tool_allowlist, ['palyra.echo', 'palyra.http.fetch']);
        assert.equal(first.agent.execution_backend_preference, 'automatic');
        assert.ok(first.agent.created_at_unix_ms > 0);
        assert.equal(first.resolved_execution_backend, 'local_sandbox');
        assert.equal(first.execution_backend_fallback_used, false);
        assert.deepEqual(
          first.execution_backends.map((backend) => [backend.backend_id, backend.state, backend.selectable]),
          [['local_sandbox', 'available', true]],
        );

        const second = await calls.create({ agent_id: 'helper', display_name: 'Helper' });
        assert.equal(second.default_changed, false);
        assert.equal(second.default_agent_id, 'main.agent');
        const third = await calls.create({ agent_id: 'zeta', display_name: 'Zeta', set_default: true });
        assert.equal(third.default_changed, true);
        assert.equal(third.default_agent_id, 'zeta');

        const main = await calls.get(' MAIN.AGENT ');
        assert.equal(main.agent?.agent_id, 'main.agent');
        assert.equal(main.is_default, false);
        assert.equal((await calls.get('zeta')).is_default, true);

        const page1 = await calls.list(2);
        assert.deepEqual(
          page1.agents.map((agent) => agent.agent_id),
          ['helper', 'main.agent'],
        );
        assert.equal(page1.default_agent_id, 'zeta');
        assert.equal(page1.next_after_agent_id, 'main.agent');
        const page2 = await calls.list(2, page1.next_after_agent_id);
        assert.deepEqual(
          page2.agents.map((agent) => agent.agent_id),
          ['zeta'],
        );
        assert.equal(page2.next_after_agent_id, '');

        const changed = await calls.setDefault('Helper');
        assert.deepEqual(
          { previous: changed.previous_agent_id, current: changed.default_agent_id },
          { previous: 'zeta', current: 'helper' },
        );
      },
    );

    testOn(
      kind,
      'postgres',
      'refuses malformed agents with INVALID_ARGUMENT naming the field, duplicates with ALREADY_EXISTS',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { calls } = await adminSetup(harness);
        assertError(
          await failure(calls.create({ agent_id: ' ', display_name: 'x' })),
          status.INVALID_ARGUMENT,
          'agent_id is required',
        );
        assertError(
          await failure(calls.create({ agent_id: 'a'.repeat(65), display_name: 'x' })),
          status.INVALID_ARGUMENT,
          'agent_id must be at most 64 bytes',
        );
        assertError(
          await failure(calls.create({ agent_id: 'no spaces', display_name: 'x' })),
          status.INVALID_ARGUMENT,
          "agent_id may contain only letters, digits, '.', '_' and '-'",
        );
        assertError(
          await failure(calls.create({ agent_id: 'ok', display_name: '' })),
          status.INVALID_ARGUMENT,
          'display_name is required',
        );
        assertError(
          await failure(
            calls.create({
              agent_id: 'ok',
              display_name: 'x',
              default_tool_allowlist: ['palyra.echo', 'Bad Tool'],
            }),
          ),
          status.INVALID_ARGUMENT,
          'default_tool_allowlist[1] must be a tool name of at most 128 characters of [a-z0-9_.-]',
        );
        assertError(
          await failure(calls.create({ agent_id: 'ok', display_name: 'x', agent_dir: '/srv/agents/ok' })),
          status.INVALID_ARGUMENT,
          'agent_dir: absolute paths require allow_absolute_paths',
        );
        assertError(
          await failure(
            calls.create({ agent_id: 'ok', display_name: 'x', execution_backend_preference: 'docker' }),
          ),
          status.FAILED_PRECONDITION,
          'execution backend docker is not available in this deployment; use automatic or local_sandbox',
        );
        assertError(
          await failure(calls.create({ v: 2, agent_id: 'ok', display_name: 'x' })),
          status.FAILED_PRECONDITION,
          'unsupported protocol major version',
        );
        const absolute = await calls.create({
          agent_id: 'ok',
          display_name: 'x',
          agent_dir: '/srv/agents/ok',
          workspace_roots: ['/srv/checkout', 'notes'],
          allow_absolute_paths: true,
        });
        assert.equal(absolute.agent?.agent_dir, '/srv/agents/ok');
        assert.deepEqual(absolute.agent?.workspace_roots, ['/srv/checkout', 'notes']);
        assertError(
          await failure(calls.create({ agent_id: 'OK', display_name: 'again' })),
          status.ALREADY_EXISTS,
        );
      },
    );

    testOn(
      kind,
      'postgres',
      'unknown agents are NOT_FOUND; DeleteAgent removes its bindings and moves the default to the first remaining agent',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { calls } = await adminSetup(harness);
        assertError(await failure(calls.get('ghost')), status.NOT_FOUND, 'agent ghost not found');
        assertError(await failure(calls.setDefault('ghost')), status.NOT_FOUND);
        assertError(await failure(calls.remove('ghost')), status.NOT_FOUND);

        await calls.create({ agent_id: 'alpha', display_name: 'Alpha' });
        await calls.create({ agent_id: 'beta', display_name: 'Beta' });
        await calls.create({ agent_id: 'gamma', display_name: 'Gamma' });
        await calls.bind('alpha', newId(), 'user:alice');
        await calls.bind('alpha', newId(), 'user:bob');
        await calls.bind('beta', newId(), 'user:bob');

        const deleted = await calls.remove('ALPHA');
        assert.deepEqual(
          {
            id: deleted.deleted_agent_id,
            deleted: deleted.deleted,
            removed: deleted.removed_bindings_count,
            previous: deleted.previous_default_agent_id,
            current: deleted.default_agent_id,
            dir: deleted.agent_dir,
          },
          { id: 'alpha', deleted: true, removed: 2, previous: 'alpha', current: 'beta', dir: 'agents/alpha' },
        );
        assertError(await failure(calls.get('alpha')), status.NOT_FOUND);
        assert.deepEqual(
          (await calls.bindings()).bindings.map((binding) => binding.agent_id),
          ['beta'],
        );
      },
    );

    testOn(
      kind,
      'postgres',
      'binds, rebinds, lists with filters and unbinds agents for (principal, channel, session)',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { calls } = await adminSetup(harness);
        await calls.create({ agent_id: 'alpha', display_name: 'Alpha' });
        await calls.create({ agent_id: 'beta', display_name: 'Beta' });
        const sessionA = newId();
        const sessionB = newId();

        const created = await calls.bind('Alpha', sessionA, 'user:alice', 'slack');
        assert.equal(created.created, true);
        assert.deepEqual(
          {
            principal: created.binding?.principal,
            channel: created.binding?.channel,
            session: created.binding?.session_id?.ulid,
            agent: created.binding?.agent_id,
          },
          { principal: 'user:alice', channel: 'slack', session: sessionA, agent: 'alpha' },
        );
        assert.ok((created.binding?.updated_at_unix_ms ?? 0) > 0);
        const moved = await calls.bind('beta', sessionA, 'user:alice', 'slack');
        assert.equal(moved.created, false);
        assert.equal(moved.binding?.agent_id, 'beta');
        // Without a principal the binding is the caller's own.
        const own = await calls.bind('alpha', sessionB);
        assert.equal(own.binding?.principal, 'admin:ops');
        assert.equal(own.binding?.channel, '');

        assert.equal((await calls.bindings()).bindings.length, 2);
        assert.deepEqual(
          (await calls.bindings({ agent_id: 'BETA' })).bindings.map((binding) => binding.session_id?.ulid),
          [sessionA],
        );
        assert.deepEqual(
          (await calls.bindings({ principal: 'admin:ops' })).bindings.map((binding) => binding.agent_id),
          ['alpha'],
        );
        assert.deepEqual(
          (await calls.bindings({ session_id: sessionB })).bindings.map((binding) => binding.principal),
          ['admin:ops'],
        );
        assert.equal((await calls.bindings({ limit: 1 })).bindings.length, 1);

        // The channel is part of the key: the binding under 'slack' is not the one without a channel.
        assert.deepEqual(await calls.unbind(sessionA, 'user:alice'), {
          v: 1,
          removed: false,
          removed_agent_id: '',
        });
        assert.deepEqual(await calls.unbind(sessionA, 'user:alice', 'slack'), {
          v: 1,
          removed: true,
          removed_agent_id: 'beta',
        });
        assert.deepEqual(await calls.unbind(sessionA, 'user:alice', 'slack'), {
          v: 1,
          removed: false,
          removed_agent_id: '',
        });

        assertError(await failure(calls.bind('ghost', sessionA)), status.NOT_FOUND);
        const client = (await harness.startGateway()).client();
        const metadata = harness.metadata(harness.identity('admin:ops'));
        assertError(
          await failure(
            unary((done) => client.BindAgentForContext({ v: 1, agent_id: 'alpha' }, metadata, done)),
          ),
          status.INVALID_ARGUMENT,
          'session_id is required',
        );
        assertError(
          await failure(calls.bind('alpha', 'not-a-ulid')),
          status.INVALID_ARGUMENT,
          'session_id must be a canonical ULID',
        );
      },
    );

    testOn(
      kind,
      'everywhere',
      'resolves preferred -> session binding -> default -> first agent, and an empty registry is FAILED_PRECONDITION',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { calls } = await adminSetup(harness);
        const sessionId = newId();
        assertError(
          await failure(calls.resolve({ principal: 'user:alice', session_id: { ulid: sessionId } })),
          status.FAILED_PRECONDITION,
          'no agents are configured for this tenant; create an agent first',
        );
        assertError(
          await failure(calls.resolve({ preferred_agent_id: 'alpha' })),
          status.FAILED_PRECONDITION,
        );

        await calls.create({ agent_id: 'alpha', display_name: 'Alpha' });
        await calls.create({ agent_id: 'beta', display_name: 'Beta' });
        await calls.create({ agent_id: 'gamma', display_name: 'Gamma' });

        const byDefault = await calls.resolve({ principal: 'user:alice', session_id: { ulid: sessionId } });
        assert.equal(byDefault.agent?.agent_id, 'alpha');
        assert.equal(byDefault.source, 'AGENT_RESOLUTION_SOURCE_DEFAULT');
        assert.equal(byDefault.is_default, true);
        assert.equal(byDefault.binding_created, false);
        assert.equal(byDefault.resolved_execution_backend, 'local_sandbox');

        await calls.bind('beta', sessionId, 'user:alice');
        const bound = await calls.resolve({ principal: 'user:alice', session_id: { ulid: sessionId } });
        assert.equal(bound.agent?.agent_id, 'beta');
        assert.equal(bound.source, 'AGENT_RESOLUTION_SOURCE_SESSION_BINDING');
        assert.equal(bound.is_default, false);
        // Another principal's context does not see alice's binding.
        const other = await calls.resolve({ principal: 'user:bob', session_id: { ulid: sessionId } });
        assert.equal(other.source, 'AGENT_RESOLUTION_SOURCE_DEFAULT');

        // Palyra v1 reports an explicitly preferred agent as FALLBACK.
        const preferred = await calls.resolve({
          principal: 'user:alice',
          session_id: { ulid: sessionId },
          preferred_agent_id: ' GAMMA ',
        });
        assert.equal(preferred.agent?.agent_id, 'gamma');
        assert.equal(preferred.source, 'AGENT_RESOLUTION_SOURCE_FALLBACK');
        assertError(
          await failure(calls.resolve({ preferred_agent_id: 'ghost' })),
          status.NOT_FOUND,
          'agent ghost not found',
        );
        assertError(
          await failure(calls.resolve({ preferred_agent_id: 'bad id' })),
          status.INVALID_ARGUMENT,
          "preferred_agent_id may contain only letters, digits, '.', '_' and '-'",
        );

        // With no default (cleared behind the registry's back) the first agent by id answers.
        await harness.database.withOwnerConnection((owner) =>
          owner.deleteFrom('agent_defaults').where('tenant_id', '=', TENANT).execute(),
        );
        const fallback = await calls.resolve({ principal: 'user:bob' });
        assert.equal(fallback.agent?.agent_id, 'alpha');
        assert.equal(fallback.source, 'AGENT_RESOLUTION_SOURCE_FALLBACK');
        assert.equal(fallback.is_default, false);
      },
    );

    testOn(
      kind,
      'postgres',
      'persist_session_binding remembers the resolved agent for the session once',
      async (t) => {
        const harness = await openHarness(t, kind);
        const { calls } = await adminSetup(harness);
        await calls.create({ agent_id: 'alpha', display_name: 'Alpha' });
        await calls.create({ agent_id: 'beta', display_name: 'Beta' });
        const sessionId = newId();
        const context = { principal: 'user:alice', channel: 'cli', session_id: { ulid: sessionId } };

        const first = await calls.resolve({
          ...context,
          preferred_agent_id: 'beta',
          persist_session_binding: true,
        });
        assert.equal(first.binding_created, true);
        const again = await calls.resolve({ ...context, persist_session_binding: true });
        assert.equal(again.agent?.agent_id, 'beta');
        assert.equal(again.source, 'AGENT_RESOLUTION_SOURCE_SESSION_BINDING');
        assert.equal(again.binding_created, false);
        const bindings = await calls.bindings({ session_id: sessionId });
        assert.deepEqual(
          bindings.bindings.map((binding) => [binding.principal, binding.channel, binding.agent_id]),
          [['user:alice', 'cli', 'beta']],
        );
        // Without a session there is nothing to persist.
        const sessionless = await calls.resolve({ principal: 'user:alice', persist_session_binding: true });
        assert.equal(sessionless.binding_created, false);
      },
    );

    testOn(kind, 'postgres', "a tenant's agents are invisible to another tenant's admin", async (t) => {
      const harness = await openHarness(t, kind);
      const { client, calls } = await adminSetup(harness);
      await calls.create({ agent_id: 'secret', display_name: 'Secret' });
      const otherMetadata = harness.metadata(harness.identity('admin:ops'));
      otherMetadata.set('x-palyra-tenant', 'globex');
      const other = agentCalls(client, otherMetadata);
      assertError(await failure(other.get('secret')), status.NOT_FOUND);
      const listed = await other.list();
      assert.deepEqual(listed.agents, []);
      assert.equal(listed.default_agent_id, '');
      assertError(await failure(other.resolve({})), status.FAILED_PRECONDITION);
    });
  });
}
