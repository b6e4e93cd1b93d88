import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '@palyra/core';
import { createRepositories, type Database } from '../src/index.js';
import { rejectsWith, uniqueTenantId } from './fixtures.js';
import type { TestDriver } from './test-drivers.js';

async function tenantWithRepos(database: Database) {
  const repos = createRepositories(database);
  const tenantId = uniqueTenantId();
  await repos.tenants.ensure(tenantId);
  return { repos, tenantId, agents: repos.agents };
}

/** Agent registry cases of the repository contract (run inside its describe). */
export function agentContract(driver: TestDriver): void {
  test('agents: the first agent becomes the default; setDefault on create moves it', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    assert.equal(await agents.getDefault(tenantId), '');
    const first = await agents.create(tenantId, {
      agentId: 'main',
      displayName: 'Main',
      agentDir: 'agents/main',
      workspaceRoots: ['/work/a', '/work/b'],
      modelProfile: 'fast',
      systemPrompt: 'Be brief.',
      toolAllowlist: ['palyra.fs.read'],
      skillAllowlist: ['summarise'],
      executionBackendPreference: 'local',
    });
    assert.equal(first.defaultChanged, true);
    assert.equal(first.defaultAgentId, 'main');
    assert.deepEqual(
      { ...first.agent, createdAt: undefined, updatedAt: undefined },
      {
        tenantId,
        agentId: 'main',
        displayName: 'Main',
        agentDir: 'agents/main',
        workspaceRoots: ['/work/a', '/work/b'],
        modelProfile: 'fast',
        systemPrompt: 'Be brief.',
        toolAllowlist: ['palyra.fs.read'],
        skillAllowlist: ['summarise'],
        executionBackendPreference: 'local',
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    assert.deepEqual(await agents.get(tenantId, 'main'), first.agent);

    const second = await agents.create(tenantId, { agentId: 'helper', displayName: 'Helper' });
    assert.equal(second.defaultChanged, false);
    assert.equal(second.defaultAgentId, 'main');
    assert.deepEqual(second.agent.workspaceRoots, []);
    assert.equal(second.agent.agentDir, '');

    const third = await agents.create(tenantId, { agentId: 'ops', displayName: 'Ops' }, { setDefault: true });
    assert.equal(third.defaultChanged, true);
    assert.equal(third.defaultAgentId, 'ops');
    assert.equal(await agents.getDefault(tenantId), 'ops');

    await rejectsWith(
      agents.create(tenantId, { agentId: 'main', displayName: 'Again' }),
      'ALREADY_EXISTS',
      'agent main already exists',
    );
    await rejectsWith(
      agents.create(tenantId, { agentId: 'Not Normalised', displayName: 'x' }),
      'INVALID_ARGUMENT',
      /agent_id must be 1-64 characters/,
    );
    await rejectsWith(
      agents.create(uniqueTenantId(), { agentId: 'main', displayName: 'x' }),
      'NOT_FOUND',
      /^tenant .* not found$/,
    );
    assert.equal(await agents.getDefault(tenantId), 'ops', 'failed creates change nothing');
  });

  test('agents: resolveForContext ranks session, channel and principal bindings, then default, then first', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    const sessionId = newId();
    const key = { principal: 'user:ann', channel: 'slack', sessionId };
    assert.equal(await agents.resolveForContext(tenantId, key), null, 'no agents: nothing to resolve');
    await agents.create(tenantId, { agentId: 'b-default', displayName: 'B' });
    await agents.create(tenantId, { agentId: 'a-first', displayName: 'A' });
    await agents.create(tenantId, { agentId: 'c', displayName: 'C' });
    await agents.create(tenantId, { agentId: 'd', displayName: 'D' });
    await agents.create(tenantId, { agentId: 'e', displayName: 'E' });
    const resolve = async () => {
      const resolved = await agents.resolveForContext(tenantId, key);
      return [resolved?.agent.agentId, resolved?.source];
    };
    assert.deepEqual(await resolve(), ['b-default', 'default']);
    await agents.bind(tenantId, { principal: 'user:ann', channel: '', sessionId: '' }, 'c');
    assert.deepEqual(await resolve(), ['c', 'session_binding']);
    await agents.bind(tenantId, { principal: 'user:ann', channel: 'slack', sessionId: '' }, 'd');
    assert.deepEqual(await resolve(), ['d', 'session_binding']);
    await agents.bind(tenantId, key, 'e');
    assert.deepEqual(await resolve(), ['e', 'session_binding']);
    await agents.bind(tenantId, { principal: 'user:bob', channel: 'slack', sessionId }, 'c');
    assert.deepEqual(await resolve(), ['e', 'session_binding'], "another principal's binding never applies");
    for (const id of ['e', 'd', 'c', 'b-default']) await agents.delete(tenantId, id);
    assert.deepEqual(await resolve(), ['a-first', 'default'], 'delete moved the default to the first agent');
  });

  test('agents: concurrent creates in an empty registry make exactly one of them the default', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    const results = await Promise.all(
      ['a1', 'a2', 'a3', 'a4'].map((agentId) => agents.create(tenantId, { agentId, displayName: agentId })),
    );
    const changed = results.filter((result) => result.defaultChanged);
    assert.equal(changed.length, 1);
    assert.equal(await agents.getDefault(tenantId), changed[0]?.agent.agentId);
    for (const result of results) assert.equal(result.defaultAgentId, changed[0]?.agent.agentId);
  });

  test('agents: update changes only the given fields; unknown agent is NOT_FOUND', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    const { agent } = await agents.create(tenantId, {
      agentId: 'main',
      displayName: 'Main',
      toolAllowlist: ['a', 'b'],
      systemPrompt: 'old',
    });
    const updated = await agents.update(tenantId, 'main', { systemPrompt: 'new', toolAllowlist: [] });
    assert.equal(updated.systemPrompt, 'new');
    assert.deepEqual(updated.toolAllowlist, []);
    assert.equal(updated.displayName, 'Main');
    assert.deepEqual(updated.createdAt, agent.createdAt);
    assert.ok(updated.updatedAt >= agent.updatedAt);
    assert.deepEqual(await agents.get(tenantId, 'main'), updated);
    await rejectsWith(
      agents.update(tenantId, 'missing', { displayName: 'x' }),
      'NOT_FOUND',
      'agent missing not found',
    );
  });

  test('agents: list pages by agent id and reports the default', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    for (const agentId of ['delta', 'alpha', 'charlie', 'bravo']) {
      await agents.create(tenantId, { agentId, displayName: agentId });
    }
    const first = await agents.list(tenantId, { limit: 3 });
    assert.deepEqual(
      first.items.map((agent) => agent.agentId),
      ['alpha', 'bravo', 'charlie'],
    );
    assert.equal(first.nextAfter, 'charlie');
    assert.equal(first.defaultAgentId, 'delta');
    const second = await agents.list(tenantId, { limit: 3, after: first.nextAfter });
    assert.deepEqual(
      second.items.map((agent) => agent.agentId),
      ['delta'],
    );
    assert.equal(second.nextAfter, '');
  });

  test('agents: delete moves the default to the first remaining agent by id and drops its bindings', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    await agents.create(tenantId, { agentId: 'main', displayName: 'Main', agentDir: 'agents/main' });
    await agents.create(tenantId, { agentId: 'zeta', displayName: 'Zeta' });
    await agents.create(tenantId, { agentId: 'beta', displayName: 'Beta' });
    await agents.bind(tenantId, { principal: 'user:alice', channel: '', sessionId: '' }, 'main');
    await agents.bind(tenantId, { principal: 'user:bob', channel: 'slack', sessionId: '' }, 'main');
    await agents.bind(tenantId, { principal: 'user:carol', channel: '', sessionId: '' }, 'zeta');

    assert.deepEqual(await agents.delete(tenantId, 'main'), {
      removedBindings: 2,
      previousDefaultAgentId: 'main',
      defaultAgentId: 'beta',
      agentDir: 'agents/main',
    });
    assert.equal(await agents.get(tenantId, 'main'), null);
    assert.equal(await agents.getDefault(tenantId), 'beta');
    assert.deepEqual(
      (await agents.listBindings(tenantId)).map((binding) => binding.agentId),
      ['zeta'],
    );
    // Deleting another agent leaves the default where it is.
    const zeta = await agents.delete(tenantId, 'zeta');
    assert.equal(zeta.removedBindings, 1);
    assert.equal(zeta.previousDefaultAgentId, 'beta');
    assert.equal(zeta.defaultAgentId, 'beta');
    // The last agent takes the default with it.
    const last = await agents.delete(tenantId, 'beta');
    assert.equal(last.defaultAgentId, '');
    assert.equal(await agents.getDefault(tenantId), '');
    await rejectsWith(agents.delete(tenantId, 'beta'), 'NOT_FOUND', 'agent beta not found');
    // An empty registry starts over: the next agent is the default again.
    assert.equal(
      (await agents.create(tenantId, { agentId: 'fresh', displayName: 'Fresh' })).defaultChanged,
      true,
    );
  });

  test('agents: setDefault returns the previous default; an unknown agent is NOT_FOUND', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    await rejectsWith(agents.setDefault(tenantId, 'main'), 'NOT_FOUND', 'agent main not found');
    await agents.create(tenantId, { agentId: 'main', displayName: 'Main' });
    await agents.create(tenantId, { agentId: 'other', displayName: 'Other' });
    assert.deepEqual(await agents.setDefault(tenantId, 'other'), { previousAgentId: 'main' });
    assert.deepEqual(await agents.setDefault(tenantId, 'other'), { previousAgentId: 'other' });
    assert.equal(await agents.getDefault(tenantId), 'other');
    await rejectsWith(agents.setDefault(tenantId, 'missing'), 'NOT_FOUND', 'agent missing not found');
    assert.equal(await agents.getDefault(tenantId), 'other');
  });

  test('agents: bind upserts by key, unbind reports the agent, listBindings filters and orders', async () => {
    const { agents, tenantId } = await tenantWithRepos(await driver.shared());
    await agents.create(tenantId, { agentId: 'main', displayName: 'Main' });
    await agents.create(tenantId, { agentId: 'ops', displayName: 'Ops' });
    const sessionId = newId();
    const aliceSession = { principal: 'user:alice', channel: 'slack', sessionId };
    const first = await agents.bind(tenantId, aliceSession, 'main');
    assert.equal(first.created, true);
    assert.deepEqual(
      { ...first.binding, updatedAt: undefined },
      {
        tenantId,
        principal: 'user:alice',
        channel: 'slack',
        sessionId,
        agentId: 'main',
        updatedAt: undefined,
      },
    );
    const rebound = await agents.bind(tenantId, aliceSession, 'ops');
    assert.equal(rebound.created, false);
    assert.equal(rebound.binding.agentId, 'ops');
    assert.deepEqual(await agents.getBinding(tenantId, aliceSession), rebound.binding);

    await agents.bind(tenantId, { principal: 'user:alice', channel: '', sessionId: '' }, 'main');
    await agents.bind(tenantId, { principal: 'user:bob', channel: 'slack', sessionId: '' }, 'main');
    await agents.bind(tenantId, { principal: 'user:bob', channel: '', sessionId: '' }, 'ops');
    const keys = (bindings: { principal: string; channel: string; agentId: string }[]) =>
      bindings.map((binding) => `${binding.principal}/${binding.channel}/${binding.agentId}`);
    assert.deepEqual(keys(await agents.listBindings(tenantId)), [
      'user:alice//main',
      'user:alice/slack/ops',
      'user:bob//ops',
      'user:bob/slack/main',
    ]);
    assert.deepEqual(keys(await agents.listBindings(tenantId, { principal: 'user:alice' })), [
      'user:alice//main',
      'user:alice/slack/ops',
    ]);
    assert.deepEqual(keys(await agents.listBindings(tenantId, { channel: 'slack' })), [
      'user:alice/slack/ops',
      'user:bob/slack/main',
    ]);
    assert.deepEqual(keys(await agents.listBindings(tenantId, { agentId: 'ops', principal: '' })), [
      'user:alice/slack/ops',
      'user:bob//ops',
    ]);
    assert.deepEqual(keys(await agents.listBindings(tenantId, { sessionId })), ['user:alice/slack/ops']);
    assert.equal((await agents.listBindings(tenantId, { limit: 1 })).length, 1);

    assert.equal(await agents.unbind(tenantId, aliceSession), 'ops');
    assert.equal(await agents.unbind(tenantId, aliceSession), '');
    assert.equal(await agents.getBinding(tenantId, aliceSession), null);
    await rejectsWith(agents.bind(tenantId, aliceSession, 'missing'), 'NOT_FOUND', 'agent missing not found');
    await rejectsWith(
      agents.bind(tenantId, { principal: '', channel: '', sessionId: '' }, 'main'),
      'INVALID_ARGUMENT',
      'principal is required',
    );
  });

  test('agents: another tenant never sees or changes the registry', async () => {
    const database = await driver.shared();
    const a = await tenantWithRepos(database);
    const b = await tenantWithRepos(database);
    await a.agents.create(a.tenantId, { agentId: 'main', displayName: 'A main' });
    const key = { principal: 'user:alice', channel: '', sessionId: '' };
    await a.agents.bind(a.tenantId, key, 'main');

    assert.equal(await b.agents.get(b.tenantId, 'main'), null);
    assert.deepEqual((await b.agents.list(b.tenantId)).items, []);
    assert.equal(await b.agents.getDefault(b.tenantId), '');
    assert.deepEqual(await b.agents.listBindings(b.tenantId), []);
    assert.equal(await b.agents.getBinding(b.tenantId, key), null);
    await rejectsWith(b.agents.setDefault(b.tenantId, 'main'), 'NOT_FOUND');
    await rejectsWith(b.agents.delete(b.tenantId, 'main'), 'NOT_FOUND');
    await rejectsWith(b.agents.update(b.tenantId, 'main', { displayName: 'taken over' }), 'NOT_FOUND');
    await rejectsWith(b.agents.bind(b.tenantId, key, 'main'), 'NOT_FOUND');
    assert.equal(await b.agents.unbind(b.tenantId, key), '');

    // The same id is free in another tenant.
    const own = await b.agents.create(b.tenantId, { agentId: 'main', displayName: 'B main' });
    assert.equal(own.defaultChanged, true);
    assert.equal((await a.agents.get(a.tenantId, 'main'))?.displayName, 'A main');
    assert.equal((await a.agents.getBinding(a.tenantId, key))?.agentId, 'main');
  });
}
