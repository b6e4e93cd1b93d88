import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { Secret } from '@palyra/config';
import { PalyraError } from '@palyra/core';
import {
  createModelRouter,
  isAbortError,
  type ModelRouter,
  type ModelTarget,
  ProviderError,
  type ProviderSettings,
  type ProvidersConfig,
} from '@palyra/providers';
import { type FakeUpstream, startFakeAnthropic, startFakeOpenAI, waitFor } from '@palyra/testkit';
import { Registry } from 'prom-client';
import { collect, finishOf, recordingLogger, textOf } from './helpers.js';

const hello = { messages: [{ role: 'user' as const, content: 'hello router' }] };
const FAST_BACKOFF = { initialDelayMs: 5, maxDelayMs: 20 };

function openai(name: string, fake: FakeUpstream, maxRetries: number): ProviderSettings {
  return {
    kind: 'openai_compatible',
    name,
    baseUrl: fake.url,
    apiKey: undefined,
    model: `${name}-model`,
    embeddingsModel: `${name}-embed`,
    maxTokensField: undefined,
    requestTimeoutMs: 10_000,
    maxRetries,
  };
}

function anthropic(name: string, fake: FakeUpstream, maxRetries: number): ProviderSettings {
  return {
    kind: 'anthropic',
    name,
    baseUrl: fake.url,
    apiKey: new Secret('sk-ant-test'),
    model: `${name}-model`,
    defaultMaxTokens: 256,
    requestTimeoutMs: 10_000,
    maxRetries,
  };
}

function config(
  providers: ProviderSettings[],
  profiles: Record<string, ModelTarget[]>,
  extra: Partial<ProvidersConfig> = {},
): ProvidersConfig {
  return {
    providers: Object.fromEntries(providers.map((provider) => [provider.name, provider])),
    profiles,
    defaultProfile: Object.keys(profiles)[0] ?? 'default',
    embeddings: undefined,
    circuitBreaker: { failureThreshold: 3, openMs: 30_000 },
    source: 'test',
    warnings: [],
    ...extra,
  };
}

async function fakes(t: TestContext): Promise<{ primary: FakeUpstream; fallback: FakeUpstream }> {
  const primary = await startFakeOpenAI();
  const fallback = await startFakeAnthropic();
  t.after(() => Promise.all([primary.close(), fallback.close()]));
  return { primary, fallback };
}

async function metric(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const json = await registry.getMetricsAsJSON();
  const values = json.find((entry) => entry.name === name)?.values ?? [];
  const match = values.find((value) =>
    Object.entries(labels).every(
      ([key, wanted]) => (value.labels as Record<string, unknown>)[key] === wanted,
    ),
  );
  return match?.value;
}

async function failure(router: ModelRouter, profile = ''): Promise<ProviderError> {
  try {
    await collect(router.profile(profile).stream(hello, new AbortController().signal));
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('the call did not fail');
}

describe('model router', () => {
  it('resolves the default profile for an empty name and refuses an unknown profile', async (t) => {
    const { primary } = await fakes(t);
    const router = createModelRouter(
      config([openai('primary', primary, 0)], { fast: [{ provider: 'primary', model: 'm1' }] }),
      { logger: recordingLogger() },
    );
    assert.equal(router.defaultProfile, 'fast');
    assert.deepEqual(router.profiles, ['fast']);
    assert.equal(router.profile(''), router.profile('fast'));
    assert.throws(
      () => router.profile('huge'),
      (error: unknown) =>
        error instanceof PalyraError &&
        error.code === 'FAILED_PRECONDITION' &&
        error.message === 'model profile huge is not configured',
    );
    const events = await collect(router.profile('').stream(hello, new AbortController().signal));
    assert.equal(textOf(events), 'hello router');
    assert.deepEqual(finishOf(events).provider, 'primary');
    assert.equal(primary.requests[0]?.body.model, 'm1', 'the target model is what is asked for');
  });

  it('retries a 429 after the Retry-After the upstream asked for', async (t) => {
    const { primary } = await fakes(t);
    const logger = recordingLogger();
    primary.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    const router = createModelRouter(
      config([openai('primary', primary, 2)], { default: [{ provider: 'primary', model: 'm' }] }),
      {
        logger,
        retry: FAST_BACKOFF,
      },
    );
    const events = await collect(router.profile('').stream(hello, new AbortController().signal));
    assert.equal(textOf(events), 'hello router');
    assert.equal(primary.requests.length, 2);
    const retries = logger.entries.filter((entry) => entry.message === 'model call failed, retrying');
    assert.deepEqual(
      retries.map((entry) => [
        entry.fields.attempt,
        entry.fields.delayMs,
        entry.fields.kind,
        entry.fields.status,
      ]),
      [[1, 1000, 'rate_limited', 429]],
    );
  });

  it('retries 5xx with backoff up to the configured retries, then reports UNAVAILABLE', async (t) => {
    const { primary } = await fakes(t);
    primary.enqueue({ status: 503 }, { status: 502 }, { status: 500 }, { status: 503 });
    const router = createModelRouter(
      config([openai('primary', primary, 2)], { default: [{ provider: 'primary', model: 'm' }] }),
      {
        logger: recordingLogger(),
        retry: FAST_BACKOFF,
      },
    );
    const error = await failure(router);
    assert.equal(error.code, 'UNAVAILABLE');
    assert.equal(error.details.status, 500);
    assert.equal(primary.requests.length, 3, 'one attempt and two retries');
  });

  it('does not retry once a token has been yielded', async (t) => {
    const { primary } = await fakes(t);
    primary.enqueue({ text: ['partial '], end: 'drop' }, { text: ['a second answer'] });
    const router = createModelRouter(
      config([openai('primary', primary, 2)], { default: [{ provider: 'primary', model: 'm' }] }),
      {
        logger: recordingLogger(),
        retry: FAST_BACKOFF,
      },
    );
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of router.profile('').stream(hello, new AbortController().signal)) {
          if (event.type === 'text') seen.push(event.text);
        }
      })(),
      (error: unknown) => error instanceof ProviderError && error.kind === 'unavailable',
    );
    assert.deepEqual(seen, ['partial ']);
    assert.equal(primary.requests.length, 1);
    assert.equal(primary.queued, 1);
  });

  it('opens the circuit after 3 consecutive failures, refuses calls while open, then half-opens', async (t) => {
    const { primary } = await fakes(t);
    const registry = new Registry();
    primary.enqueue({ status: 503 }, { status: 503 }, { status: 503 });
    const router = createModelRouter(
      config(
        [openai('primary', primary, 0)],
        { default: [{ provider: 'primary', model: 'm' }] },
        {
          circuitBreaker: { failureThreshold: 3, openMs: 1_500 },
        },
      ),
      { logger: recordingLogger(), registry },
    );
    for (let call = 0; call < 3; call += 1) assert.equal((await failure(router)).kind, 'unavailable');
    assert.equal(await metric(registry, 'palyra_model_circuit_open', { provider: 'primary' }), 1);

    const refused = await failure(router);
    assert.equal(refused.kind, 'circuit_open');
    assert.equal(refused.code, 'UNAVAILABLE');
    assert.equal(primary.requests.length, 3, 'an open circuit sends nothing upstream');

    // Calls keep being refused without reaching the upstream until the open period ends; the
    // first call after it is the trial, and it succeeds.
    const answer = await waitFor(
      async () => {
        try {
          return await collect(router.profile('').stream(hello, new AbortController().signal));
        } catch (error) {
          if (error instanceof ProviderError && error.kind === 'circuit_open') return undefined;
          throw error;
        }
      },
      { timeoutMs: 10_000, intervalMs: 50, what: 'the circuit to half-open' },
    );
    assert.equal(textOf(answer), 'hello router');
    assert.equal(primary.requests.length, 4, 'exactly one trial call reached the upstream');
    assert.equal(await metric(registry, 'palyra_model_circuit_open', { provider: 'primary' }), 0);
    assert.equal(
      (await metric(registry, 'palyra_model_requests_total', {
        provider: 'primary',
        outcome: 'circuit_open',
      })) !== undefined,
      true,
    );
  });

  it('fails over to the next target when the first keeps answering 503', async (t) => {
    const { primary, fallback } = await fakes(t);
    const logger = recordingLogger();
    const registry = new Registry();
    primary.enqueue({ status: 503 }, { status: 503 });
    const router = createModelRouter(
      config([openai('primary', primary, 1), anthropic('fallback', fallback, 1)], {
        default: [
          { provider: 'primary', model: 'gpt-main' },
          { provider: 'fallback', model: 'claude-backup' },
        ],
      }),
      { logger, registry, retry: FAST_BACKOFF },
    );
    const events = await collect(router.profile('default').stream(hello, new AbortController().signal));
    assert.equal(textOf(events), 'hello router');
    const finish = finishOf(events);
    assert.equal(finish.provider, 'fallback');
    assert.equal(finish.model, 'claude-backup');
    assert.equal(primary.requests.length, 2, 'the first target was retried once');
    assert.equal(fallback.requests.length, 1);
    assert.equal(fallback.requests[0]?.body.model, 'claude-backup');
    const failover = logger.entries.find((entry) => entry.message === 'model target failed, failing over');
    assert.equal(failover?.fields.provider, 'primary');
    assert.equal(failover?.fields.next, 'fallback/claude-backup');
    assert.equal(
      await metric(registry, 'palyra_model_requests_total', {
        provider: 'primary',
        model: 'gpt-main',
        outcome: 'error',
      }),
      1,
    );
    assert.equal(
      await metric(registry, 'palyra_model_requests_total', {
        provider: 'fallback',
        model: 'claude-backup',
        outcome: 'success',
      }),
      1,
    );
  });

  it('skips a target whose circuit is open, without calling it', async (t) => {
    const { primary, fallback } = await fakes(t);
    primary.enqueue({ status: 401 });
    const router = createModelRouter(
      config(
        [openai('primary', primary, 0), anthropic('fallback', fallback, 0)],
        {
          default: [
            { provider: 'primary', model: 'a' },
            { provider: 'fallback', model: 'b' },
          ],
        },
        { circuitBreaker: { failureThreshold: 1, openMs: 60_000 } },
      ),
      { logger: recordingLogger() },
    );
    assert.equal(
      finishOf(await collect(router.profile('').stream(hello, new AbortController().signal))).provider,
      'fallback',
    );
    assert.equal(
      finishOf(await collect(router.profile('').stream(hello, new AbortController().signal))).provider,
      'fallback',
    );
    assert.equal(
      primary.requests.length,
      1,
      'the open circuit kept the second call away from the first target',
    );
    assert.equal(fallback.requests.length, 2);
  });

  it('does not fail over on a content policy refusal', async (t) => {
    const { primary, fallback } = await fakes(t);
    primary.enqueue({
      status: 400,
      error: { code: 'content_policy_violation', message: 'rejected by our safety system' },
    });
    const router = createModelRouter(
      config([openai('primary', primary, 2), anthropic('fallback', fallback, 0)], {
        default: [
          { provider: 'primary', model: 'a' },
          { provider: 'fallback', model: 'b' },
        ],
      }),
      { logger: recordingLogger(), retry: FAST_BACKOFF },
    );
    const error = await failure(router);
    assert.equal(error.code, 'CONTENT_POLICY');
    assert.equal(primary.requests.length, 1, 'not retried');
    assert.equal(fallback.requests.length, 0, 'not failed over');
  });

  it('reports every target when all fail, with the most telling failure', async (t) => {
    const { primary, fallback } = await fakes(t);
    primary.enqueue({ status: 503 });
    fallback.enqueue({ status: 401 });
    const router = createModelRouter(
      config([openai('primary', primary, 0), anthropic('fallback', fallback, 0)], {
        default: [
          { provider: 'primary', model: 'a' },
          { provider: 'fallback', model: 'b' },
        ],
      }),
      { logger: recordingLogger() },
    );
    const error = await failure(router);
    assert.equal(error.code, 'UPSTREAM_UNAUTHENTICATED');
    assert.equal(error.details.provider, 'fallback');
    assert.deepEqual(error.details.failedTargets, [
      { provider: 'primary', model: 'a', kind: 'unavailable', status: 503 },
      { provider: 'fallback', model: 'b', kind: 'auth', status: 401 },
    ]);
    assert.match(error.message, /every target of model profile default failed/);
  });

  it('stops waiting out a Retry-After as soon as the caller aborts', async (t) => {
    const { primary } = await fakes(t);
    primary.enqueue({ status: 429, headers: { 'retry-after': '25' } });
    const router = createModelRouter(
      config([openai('primary', primary, 2)], { default: [{ provider: 'primary', model: 'm' }] }),
      {
        logger: recordingLogger(),
      },
    );
    const controller = new AbortController();
    const consuming = collect(router.profile('').stream(hello, controller.signal));
    await primary.waitForRequests(1);
    await primary.requests[0]?.closed;
    controller.abort();
    await assert.rejects(consuming, isAbortError);
    assert.equal(primary.requests.length, 1);
  });

  it('names the deterministic provider and model on the finish of a deterministic profile', async () => {
    const router = createModelRouter(
      config([{ kind: 'deterministic', name: 'deterministic', tokenDelayMs: 0 }], {
        default: [{ provider: 'deterministic', model: 'deterministic' }],
      }),
      { logger: recordingLogger() },
    );
    const finish = finishOf(await collect(router.profile('').stream(hello, new AbortController().signal)));
    assert.equal(finish.provider, 'deterministic');
    assert.equal(finish.model, 'deterministic');
  });

  it('embeds through the configured target, retrying a transient failure', async (t) => {
    const { primary } = await fakes(t);
    primary.enqueue({ status: 503 }, { vectors: [[0.6, 0.8]] });
    const router = createModelRouter(
      config(
        [openai('primary', primary, 2)],
        { default: [{ provider: 'primary', model: 'm' }] },
        {
          embeddings: { provider: 'primary', model: 'embed-x' },
        },
      ),
      { logger: recordingLogger(), retry: FAST_BACKOFF },
    );
    const embeddings = router.embeddings();
    assert.equal(embeddings?.name, 'primary');
    const result = await embeddings?.embed(['one two'], new AbortController().signal);
    assert.deepEqual(result, { vectors: [[0.6, 0.8]], model: 'embed-x', promptTokens: 2 });
    assert.equal(primary.requests.length, 2);
  });

  it('has no embeddings when none are configured', () => {
    const router = createModelRouter(
      config([{ kind: 'deterministic', name: 'd', tokenDelayMs: 0 }], {
        default: [{ provider: 'd', model: 'deterministic' }],
      }),
      { logger: recordingLogger() },
    );
    assert.equal(router.embeddings(), undefined);
  });
});
