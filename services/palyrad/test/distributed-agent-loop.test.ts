// The agent loop end to end through real processes (2 gateways, 2 orchestrators, Postgres, NATS)
// against fake model servers speaking the OpenAI and Anthropic wire formats: a tool-calling
// conversation in each format, and failover from a provider answering 503s to the next one. One
// providers file names a profile per case; an agent per profile, bound to the test's session,
// picks it, as an operator would.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PalyraClient } from '@palyra/client';
import { newId, type RunStatusPayload, type ToolProposedPayload } from '@palyra/core';
import type { FakeRequest, FakeUpstream } from '@palyra/testkit';
import {
  assertRunDurable,
  EVENT_TIMEOUT_MS,
  eventLabels,
  FAKE_API_KEY,
  fakeAnthropic,
  fakeOpenAI,
  ONE_TOOL_CALL,
  payloadsOf,
  type RecordedRun,
  recordRun,
  sharedCluster,
  textAfterTools,
  turnUsages,
} from './distributed-agent-support.js';
import { type DistributedCluster, TENANT } from './distributed-cluster.js';

const ECHO_ARGUMENTS = { text: 'hello from the e2e test' };
const ANSWER = ['The echo ', 'tool said: ', 'hello from ', 'the e2e test.'];

/** Agents (id = model profile) the cluster is set up with; `gpt` is the tenant's default. */
const AGENTS = ['gpt', 'claude', 'failover'] as const;
type AgentId = (typeof AGENTS)[number];
const ADMIN = 'admin:e2e';

interface Upstreams {
  readonly openai: FakeUpstream;
  readonly anthropic: FakeUpstream;
  readonly primary: FakeUpstream;
  readonly secondary: FakeUpstream;
}

function providersFile(upstreams: Upstreams): unknown {
  return {
    providers: {
      openai: {
        kind: 'openai_compatible',
        baseUrl: upstreams.openai.url,
        apiKeyEnv: 'E2E_OPENAI_KEY',
        allowPrivateBaseUrl: true,
      },
      anthropic: {
        kind: 'anthropic',
        baseUrl: upstreams.anthropic.url,
        apiKeyEnv: 'E2E_ANTHROPIC_KEY',
        allowPrivateBaseUrl: true,
      },
      primary: {
        kind: 'openai_compatible',
        baseUrl: upstreams.primary.url,
        apiKeyEnv: 'E2E_OPENAI_KEY',
        maxRetries: 1,
        allowPrivateBaseUrl: true,
      },
      secondary: {
        kind: 'anthropic',
        baseUrl: upstreams.secondary.url,
        apiKeyEnv: 'E2E_SECONDARY_KEY',
        allowPrivateBaseUrl: true,
      },
    },
    profiles: {
      gpt: [{ provider: 'openai', model: 'gpt-e2e' }],
      claude: [{ provider: 'anthropic', model: 'claude-e2e' }],
      failover: [
        { provider: 'primary', model: 'gpt-primary' },
        { provider: 'secondary', model: 'claude-secondary' },
      ],
    },
    defaultProfile: 'gpt',
  };
}

/** Every tool name offered upstream is a wire name (`palyra_echo`), never a dotted Palyra name. */
function assertWireToolNames(names: readonly string[]): void {
  assert.ok(
    names.includes('palyra_echo'),
    `palyra.echo is offered as palyra_echo (offered: ${names.join(', ')})`,
  );
  for (const name of names) assert.match(name, /^[a-zA-Z0-9_-]{1,64}$/, `offered tool name ${name}`);
}

describe('distributed agent loop: tool calls through model providers', () => {
  let upstreams: Upstreams | undefined;
  const cluster = sharedCluster(
    async ({ closeAfter }) => {
      upstreams = {
        openai: await fakeOpenAI(closeAfter),
        anthropic: await fakeAnthropic(closeAfter),
        primary: await fakeOpenAI(closeAfter),
        secondary: await fakeAnthropic(closeAfter),
      };
      const directory = mkdtempSync(join(tmpdir(), 'palyra-providers-'));
      closeAfter(() => rmSync(directory, { recursive: true, force: true }));
      const file = join(directory, 'providers.json');
      writeFileSync(file, JSON.stringify(providersFile(upstreams)));
      return {
        orchestratorEnv: {
          PALYRA_MODEL_PROVIDERS_FILE: file,
          E2E_OPENAI_KEY: FAKE_API_KEY,
          E2E_ANTHROPIC_KEY: FAKE_API_KEY,
          E2E_SECONDARY_KEY: 'sk-secondary-fake',
        },
      };
    },
    async (env) => {
      const admin = env.client(0, { principal: ADMIN });
      for (const agentId of AGENTS) {
        await admin.createAgent({
          agentId,
          displayName: `e2e ${agentId}`,
          modelProfile: agentId,
          setDefault: agentId === 'gpt',
        });
      }
    },
  );
  const fakes = (): Upstreams => {
    assert.ok(upstreams !== undefined);
    return upstreams;
  };

  /**
   * A run on gateway-2 in a new session of a new user; with `agent`, the session is created first
   * and bound to it (through gateway-1), else the tenant's default agent answers.
   */
  async function startRun(env: DistributedCluster, text: string, agent?: AgentId): Promise<RecordedRun> {
    const identity = { principal: `user:${newId().toLowerCase()}`, deviceId: newId() };
    const client: PalyraClient = env.client(1, identity);
    if (agent === undefined) return recordRun(client, { text, sessionKey: `agent-loop-${newId()}` });
    const { session } = await client.resolveSession({ sessionKey: `agent-loop-${agent}` });
    const admin = env.client(0, { principal: ADMIN });
    await admin.bindAgentForContext({
      agentId: agent,
      principal: identity.principal,
      sessionId: session.sessionId,
    });
    return recordRun(client, { text, sessionId: session.sessionId, requireExisting: true });
  }

  /**
   * One conversation that calls `palyra.echo` through `upstream` (scripted: a tool call whose
   * arguments arrive in 4 deltas, then a text answer): what the client saw and what was journaled.
   */
  async function toolConversation(upstream: FakeUpstream, agent?: AgentId): Promise<RecordedRun> {
    const env = cluster();
    upstream.enqueue(
      { toolCalls: [{ name: 'palyra_echo', arguments: ECHO_ARGUMENTS, pieces: 4 }] },
      { text: ANSWER },
    );
    const run = await startRun(env, 'please echo something', agent);
    const outcome = await run.finish();
    assert.equal(outcome.status, 'DONE', `the run ends DONE (got: ${outcome.message})`);

    assert.deepEqual(eventLabels(run.events), ONE_TOOL_CALL, 'events in protocol order');
    const proposal = run.events.find((event) => event.type === 'tool_proposal');
    assert.ok(proposal?.type === 'tool_proposal');
    assert.equal(proposal.approvalRequired, false, 'palyra.echo needs no approval by default');
    assert.deepEqual(JSON.parse(proposal.inputJson), ECHO_ARGUMENTS, 'the argument deltas were assembled');
    const result = run.events.find((event) => event.type === 'tool_result');
    assert.ok(result?.type === 'tool_result');
    assert.equal(result.proposalId, proposal.proposalId);
    assert.deepEqual(JSON.parse(result.outputJson), ECHO_ARGUMENTS);
    const attestation = run.events.find((event) => event.type === 'tool_attestation');
    assert.ok(attestation?.type === 'tool_attestation');
    assert.match(attestation.executionSha256, /^[0-9a-f]{64}$/);
    assert.equal(textAfterTools(run.events), ANSWER.join(''), 'the second turn streams the answer');
    assert.equal(outcome.text, ANSWER.join(''));

    const journal = await assertRunDurable(env, run, outcome);
    assert.deepEqual(
      payloadsOf<ToolProposedPayload>(journal, 'tool_proposed').map((payload) => payload.tool_name),
      ['palyra.echo'],
      'the journal carries the Palyra tool name',
    );
    const stored = await env.repositories.runs.get(TENANT, run.handle.runId);
    assert.equal(stored?.state, 'done');
    assert.equal(stored?.modelCalls, 2, 'usage recorded for both model calls');
    return run;
  }

  /** The agent and model profile the run's IN_PROGRESS event journaled. */
  async function agentOf(
    run: RecordedRun,
  ): Promise<{ agentId: string; profile: string; configHash: string }> {
    const journal = await cluster().journalEvents(run.handle.runId);
    const status = payloadsOf<RunStatusPayload>(journal, 'run_status').find(
      (payload) => payload.status === 'IN_PROGRESS',
    );
    return {
      agentId: status?.agent_id ?? '',
      profile: status?.model_profile ?? '',
      configHash: status?.agent_config_hash ?? '',
    };
  }

  it('runs a tool-calling conversation against an OpenAI-format upstream and sends the tool result back in the second request', async () => {
    const upstream = fakes().openai;
    const run = await toolConversation(upstream);
    const agent = await agentOf(run);
    assert.equal(agent.agentId, 'gpt', "the tenant's default agent answered");
    assert.equal(agent.profile, 'gpt');
    assert.match(agent.configHash, /^[0-9a-f]{64}$/, 'the agent config hash is journaled');

    const requests = await upstream.waitForRequests(2, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(requests.length, 2, 'one request per model turn');
    const [first, second] = requests as [FakeRequest, FakeRequest];
    for (const request of requests) {
      assert.equal(request.path, '/v1/chat/completions');
      assert.equal(request.headers.authorization, `Bearer ${FAKE_API_KEY}`);
      assert.equal(request.body.model, 'gpt-e2e');
      assert.equal(request.body.stream, true);
      assert.equal(request.body.stream_options?.include_usage, true);
      assertWireToolNames(
        (request.body.tools as { function: { name: string } }[]).map((tool) => tool.function.name),
      );
    }
    assert.equal(first.body.messages.at(-1)?.content, 'please echo something');

    const messages = second.body.messages as {
      role: string;
      content: unknown;
      tool_call_id?: string;
      tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
    }[];
    const call = messages.find((message) => message.role === 'assistant')?.tool_calls?.[0];
    assert.equal(call?.id, 'call_1', "the model's call id goes back");
    assert.equal(call?.function.name, 'palyra_echo');
    assert.deepEqual(JSON.parse(call?.function.arguments ?? ''), ECHO_ARGUMENTS);
    const toolMessage = messages.at(-1);
    assert.equal(toolMessage?.role, 'tool', 'the tool result is the last message of the second request');
    assert.equal(toolMessage?.tool_call_id, 'call_1');
    assert.match(String(toolMessage?.content), /hello from the e2e test/);

    assert.deepEqual(
      turnUsages(await cluster().journalEvents(run.handle.runId)).map((usage) => [
        usage.provider,
        usage.model,
      ]),
      [
        ['openai', 'gpt-e2e'],
        ['openai', 'gpt-e2e'],
      ],
    );
  });

  it('runs the same conversation against an Anthropic-format upstream, tool_use out and tool_result back', async () => {
    const upstream = fakes().anthropic;
    const run = await toolConversation(upstream, 'claude');
    assert.equal((await agentOf(run)).agentId, 'claude', 'the agent bound to the session answered');

    const requests = await upstream.waitForRequests(2, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(requests.length, 2);
    const [, second] = requests as [FakeRequest, FakeRequest];
    for (const request of requests) {
      assert.equal(request.path, '/v1/messages');
      assert.equal(request.headers['x-api-key'], FAKE_API_KEY);
      assert.equal(request.body.model, 'claude-e2e');
      assert.equal(request.body.stream, true);
      assertWireToolNames((request.body.tools as { name: string }[]).map((tool) => tool.name));
    }
    type Block = {
      type: string;
      id?: string;
      name?: string;
      input?: unknown;
      tool_use_id?: string;
      content?: unknown;
    };
    const messages = second.body.messages as { role: string; content: Block[] | string }[];
    const blocksOf = (message: { content: Block[] | string } | undefined): Block[] =>
      Array.isArray(message?.content) ? message.content : [];
    const toolUse = messages
      .filter((message) => message.role === 'assistant')
      .flatMap(blocksOf)
      .find((block) => block.type === 'tool_use');
    assert.equal(toolUse?.id, 'toolu_1');
    assert.equal(toolUse?.name, 'palyra_echo');
    assert.deepEqual(toolUse?.input, ECHO_ARGUMENTS);
    const last = messages.at(-1);
    assert.equal(last?.role, 'user', 'the tool result goes back in a user turn');
    const toolResult = blocksOf(last).find((block) => block.type === 'tool_result');
    assert.equal(toolResult?.tool_use_id, 'toolu_1');
    assert.match(JSON.stringify(toolResult?.content), /hello from the e2e test/);

    assert.deepEqual(
      turnUsages(await cluster().journalEvents(run.handle.runId)).map((usage) => [
        usage.provider,
        usage.model,
      ]),
      [
        ['anthropic', 'claude-e2e'],
        ['anthropic', 'claude-e2e'],
      ],
    );
  });

  it('fails over to the second provider of the profile when the first answers 503s, and the usage names the second', async () => {
    const env = cluster();
    const { primary, secondary } = fakes();
    // Every attempt the primary gets is a 503 (more than its retries and the breaker need).
    primary.enqueue(
      ...Array.from({ length: 20 }, () => ({
        status: 503,
        error: { message: 'The engine is currently overloaded' },
      })),
    );
    const input = 'answered by whichever provider is up';
    const run = await startRun(env, input, 'failover');
    const outcome = await run.finish();
    assert.equal(outcome.status, 'DONE', `the run ends DONE (got: ${outcome.message})`);
    assert.equal(outcome.text, input, "the secondary's answer (the fake echoes the input)");

    assert.ok(primary.requests.length >= 1, 'the primary was asked first');
    for (const request of primary.requests) {
      assert.equal(request.body.model, 'gpt-primary');
      assert.equal(
        request.outcome,
        'completed',
        'the primary answered (with a 503), nothing was left hanging',
      );
    }
    assert.equal(secondary.requests.length, 1, 'the secondary answered the one model call');
    assert.equal(secondary.requests[0]?.body.model, 'claude-secondary');
    assert.equal(secondary.requests[0]?.headers['x-api-key'], 'sk-secondary-fake');

    const journal = await assertRunDurable(env, run, outcome);
    assert.deepEqual(
      turnUsages(journal).map((usage) => [usage.provider, usage.model]),
      [['secondary', 'claude-secondary']],
      'the turn usage names the provider that answered',
    );
    const stored = await env.repositories.runs.get(TENANT, run.handle.runId);
    assert.equal(stored?.modelCalls, 1, 'failed attempts are not billed as model calls');
  });
});
