// Shared by the distributed-agent-*.test.ts files: fake model upstreams wired into the
// orchestrator processes' environment, and a client-side recorder of one run that the tests wait
// on event by event and finally compare with the journal.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before } from 'node:test';
import type {
  OpenRunOptions,
  PalyraClient,
  RunEvent,
  RunHandle,
  RunOutcome,
  ToolApprovalRequestEvent,
} from '@palyra/client';
import type { ModelTokenPayload } from '@palyra/core';
import type { StoredJournalEvent } from '@palyra/journal';
import { type FakeUpstream, startFakeAnthropic, startFakeOpenAI, testFailed, waitFor } from '@palyra/testkit';
import {
  assertMatchesJournal,
  createDistributedCluster,
  type DistributedCluster,
  type DistributedClusterOptions,
  TENANT,
  within,
} from './distributed-cluster.js';

/** Generous: two model calls, a tool and the journal through real processes on a noisy machine. */
export const RUN_TIMEOUT_MS = 45_000;
export const EVENT_TIMEOUT_MS = 30_000;

/** An API key the fakes receive; never a real one. */
export const FAKE_API_KEY = 'sk-palyra-e2e-fake-key';

/**
 * One cluster for every test of the enclosing `describe` (call it there): starting four service
 * processes costs far more than a test's runs, so the tests of a file share them and keep apart by
 * session. `setup` runs first (in `before`) and returns the cluster options, e.g. with the URLs of
 * fake upstreams it started; `things.closeAfter` registers what to close after the cluster. The
 * service logs are printed if any test failed. The returned getter is valid inside tests.
 */
export function sharedCluster(
  setup: (things: {
    closeAfter(close: () => Promise<void> | void): void;
  }) => Promise<DistributedClusterOptions>,
  ready?: (env: DistributedCluster) => Promise<void>,
): () => DistributedCluster {
  let env: Awaited<ReturnType<typeof createDistributedCluster>> | undefined;
  const closers: (() => Promise<void> | void)[] = [];
  let failed = false;
  before(async () => {
    const options = await setup({ closeAfter: (close) => closers.push(close) });
    env = await createDistributedCluster(options);
    await ready?.(env);
  });
  afterEach((t) => {
    if (testFailed(t)) failed = true;
  });
  after(async () => {
    await env?.stop({ dumpLogs: failed });
    for (const close of closers.reverse()) await close();
  });
  return () => {
    assert.ok(env !== undefined, 'the shared cluster is started in before()');
    return env;
  };
}

/** A fake OpenAI (`/v1/chat/completions`), closed by `closeAfter`. */
export async function fakeOpenAI(closeAfter: (close: () => Promise<void>) => void): Promise<FakeUpstream> {
  const upstream = await startFakeOpenAI();
  closeAfter(() => upstream.close());
  return upstream;
}

/** A fake Anthropic Messages API (`/v1/messages`), closed by `closeAfter`. */
export async function fakeAnthropic(closeAfter: (close: () => Promise<void>) => void): Promise<FakeUpstream> {
  const upstream = await startFakeAnthropic();
  closeAfter(() => upstream.close());
  return upstream;
}

/** Orchestrator variables for one OpenAI-compatible provider at `upstream` (a loopback address). */
export function openAIProviderEnv(upstream: FakeUpstream, model = 'gpt-e2e'): Record<string, string> {
  return {
    PALYRA_MODEL_PROVIDER_KIND: 'openai_compatible',
    PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL: upstream.url,
    PALYRA_MODEL_PROVIDER_OPENAI_API_KEY: FAKE_API_KEY,
    PALYRA_MODEL_PROVIDER_OPENAI_MODEL: model,
    PALYRA_MODEL_PROVIDER_ALLOW_PRIVATE_BASE_URL: 'true',
  };
}

/** Orchestrator variables for Anthropic at `upstream`. */
export function anthropicProviderEnv(upstream: FakeUpstream, model = 'claude-e2e'): Record<string, string> {
  return {
    PALYRA_MODEL_PROVIDER_KIND: 'anthropic',
    PALYRA_MODEL_PROVIDER_ANTHROPIC_BASE_URL: upstream.url,
    PALYRA_MODEL_PROVIDER_ANTHROPIC_API_KEY: FAKE_API_KEY,
    PALYRA_MODEL_PROVIDER_ANTHROPIC_MODEL: model,
    PALYRA_MODEL_PROVIDER_ALLOW_PRIVATE_BASE_URL: 'true',
  };
}

/** What one client saw of a run, recorded as it arrives. */
export interface RecordedRun {
  readonly handle: RunHandle;
  readonly events: RunEvent[];
  /** The first event (already received or later) that matches; rejects after `timeoutMs`. */
  waitForEvent<T extends RunEvent>(
    predicate: (event: RunEvent) => event is T,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  waitForEvent(predicate: (event: RunEvent) => boolean, what: string, timeoutMs?: number): Promise<RunEvent>;
  /** The outcome, within RUN_TIMEOUT_MS. */
  finish(): Promise<RunOutcome>;
}

export interface RecordRunOptions extends Omit<OpenRunOptions, 'onEvent' | 'bufferEvents'> {
  /** Called for each event after it is recorded (answer approvals here). */
  readonly onEvent?: (event: RunEvent, handle: RunHandle) => void;
  /**
   * Half-close once the answer is complete (default), so the run ends DONE after one answer.
   * false: the test closes or cancels it.
   */
  readonly closeAfterAnswer?: boolean;
}

/** Opens a run and records every event it receives. */
export function recordRun(client: PalyraClient, options: RecordRunOptions): RecordedRun {
  const { onEvent, closeAfterAnswer = true, ...openOptions } = options;
  const events: RunEvent[] = [];
  // Events arrive asynchronously, after openRun has returned the handle.
  const holder: { handle?: RunHandle } = {};
  const opened = client.openRun({
    ...openOptions,
    bufferEvents: false,
    onEvent: (event) => {
      events.push(event);
      if (holder.handle !== undefined) onEvent?.(event, holder.handle);
    },
  });
  holder.handle = opened;
  if (closeAfterAnswer) opened.halfCloseWhenAwaitingInput({ fallbackSettleMs: false });
  const waitForEvent = (
    predicate: (event: RunEvent) => boolean,
    what: string,
    timeoutMs = EVENT_TIMEOUT_MS,
  ) =>
    waitFor(() => events.find(predicate), {
      timeoutMs,
      intervalMs: 20,
      what: `${what} (run ${opened.runId})`,
    });
  return {
    handle: opened,
    events,
    waitForEvent: waitForEvent as RecordedRun['waitForEvent'],
    finish: () => within(opened.done, RUN_TIMEOUT_MS, `run ${opened.runId} to finish`),
  };
}

export const isApprovalRequest = (event: RunEvent): event is ToolApprovalRequestEvent =>
  event.type === 'tool_approval_request';

/**
 * The events as short labels in arrival order, tokens left out (their text is checked on its own):
 * `status:ACCEPTED`, `tool_proposal:palyra.echo`, `tool_decision:ALLOW`, `tool_result:ok`, ...
 */
export function eventLabels(events: readonly RunEvent[]): string[] {
  const labels: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'token':
        break;
      case 'status':
        labels.push(`status:${event.kind}`);
        break;
      case 'tool_proposal':
      case 'tool_approval_request':
        labels.push(`${event.type}:${event.toolName}`);
        break;
      case 'tool_approval_response':
        labels.push(`${event.type}:${event.approved ? 'approved' : 'denied'}`);
        break;
      case 'tool_decision':
        labels.push(`${event.type}:${event.decision}`);
        break;
      case 'tool_result':
        labels.push(`${event.type}:${event.success ? 'ok' : 'failed'}`);
        break;
      default:
        labels.push(event.type);
    }
  }
  return labels;
}

/** The labels of a run whose one allowed palyra.echo call is answered by a second model turn. */
export const ONE_TOOL_CALL: readonly string[] = [
  'status:ACCEPTED',
  'status:IN_PROGRESS',
  'tool_proposal:palyra.echo',
  'tool_decision:ALLOW',
  'tool_result:ok',
  'tool_attestation',
  'status:DONE',
];

/** The answer text streamed after the last tool attestation (the model's reply to the results). */
export function textAfterTools(events: readonly RunEvent[]): string {
  const lastTool = events.findLastIndex((event) => event.type === 'tool_attestation');
  return events
    .slice(lastTool + 1)
    .map((event) => (event.type === 'token' ? event.text : ''))
    .join('');
}

/**
 * The client saw exactly the journal (seqs, terminal event, text), every tool event in the journal
 * names the Palyra tool, and the session's hash chain verifies.
 */
export async function assertRunDurable(
  env: DistributedCluster,
  run: RecordedRun,
  outcome: RunOutcome,
): Promise<StoredJournalEvent[]> {
  const journal = await env.journalEvents(run.handle.runId);
  const seqs = run.events.filter((event) => event.seq > 0).map((event) => event.seq);
  assertMatchesJournal({ runId: run.handle.runId, input: '', seqs, events: run.events, outcome }, journal);
  assert.ok(outcome.sessionId !== undefined, 'the run names its session');
  const verification = await env.repositories.journal.verifyChain(TENANT, outcome.sessionId);
  assert.ok(
    verification.ok,
    `session ${outcome.sessionId}: chain verifies (${JSON.stringify(verification)})`,
  );
  return journal;
}

/** Payloads of the run's journal events of `kind`. */
export function payloadsOf<T>(journal: readonly StoredJournalEvent[], kind: string): T[] {
  return journal.filter((event) => event.kind === kind).map((event) => event.payload as T);
}

/** The usage the final chunks of the run's model turns carry, in turn order. */
export function turnUsages(
  journal: readonly StoredJournalEvent[],
): NonNullable<ModelTokenPayload['usage']>[] {
  return payloadsOf<ModelTokenPayload>(journal, 'model_token').flatMap((payload) =>
    payload.usage === undefined ? [] : [payload.usage],
  );
}

/** The run's inputs and signals (message_received, run_cancel_requested, ...), in chain order. */
export async function runSignals(env: DistributedCluster, runId: string): Promise<StoredJournalEvent[]> {
  return env.repositories.journal.readRunInputs(TENANT, runId);
}

/** A tiny HTTP server a `palyra.http.fetch` call can reach; counts the requests it answers. */
export interface FetchTarget {
  readonly url: string;
  readonly hits: number;
}

export async function fetchTarget(
  closeAfter: (close: () => Promise<void>) => void,
  body: string,
): Promise<FetchTarget> {
  let hits = 0;
  const server = createServer((_request: IncomingMessage, response: ServerResponse) => {
    hits += 1;
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeAfter(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/status`,
    get hits() {
      return hits;
    },
  };
}
