// A run started over HTTP on gateway A, followed as Server-Sent Events, the client gone after a
// few events, and the stream resumed with Last-Event-ID on gateway B: real gateway and
// orchestrator processes on Postgres and NATS, a slow deterministic model so the run is still
// answering when the client switches.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '@palyra/core';
import { createParser } from 'eventsource-parser';
import { assertContiguous, openDistributedCluster, sentence, TENANT, within } from './distributed-cluster.js';

interface SseMessage {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

interface SseRead {
  readonly events: SseMessage[];
  /** `server`: the response ended (after the terminal event); `client`: we stopped reading. */
  readonly endedBy: 'server' | 'client';
}

/**
 * Reads an SSE response until the server ends it, or until `stopAfter` says enough and the
 * client disconnects (what a browser tab closing does).
 */
async function readSse(
  url: string,
  headers: Record<string, string>,
  stopAfter: (event: SseMessage) => boolean = () => false,
): Promise<SseRead> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  assert.equal(response.status, 200, await response.clone().text());
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events: SseMessage[] = [];
  let stop = false;
  const parser = createParser({
    onEvent: (event) => {
      if (stop) return;
      events.push({ id: event.id, event: event.event, data: event.data });
      if (stopAfter(events.at(-1) as SseMessage)) stop = true;
    },
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { events, endedBy: 'server' };
    parser.feed(decoder.decode(value, { stream: true }));
    if (stop) {
      abort.abort();
      await reader.cancel().catch(() => {});
      return { events, endedBy: 'client' };
    }
  }
}

describe('HTTP run streaming across gateways', () => {
  it('resumes an SSE stream with Last-Event-ID on the other gateway: seq 1..N exactly once, ending DONE', async (t) => {
    const env = await openDistributedCluster(t, {
      // ~30 ms a word: the answer streams for several seconds, long enough to switch gateways.
      orchestratorEnv: { PALYRA_DETERMINISTIC_TOKEN_DELAY_MS: '30' },
    });
    const [gatewayA, gatewayB] = env.cluster.gateways;
    assert.ok(gatewayA !== undefined && gatewayB !== undefined, 'two gateways');
    const headers = {
      authorization: `Bearer ${env.cluster.adminToken}`,
      'x-palyra-tenant': TENANT,
      'x-palyra-principal': `user:${newId().toLowerCase()}`,
      'x-palyra-device-id': newId(),
    };
    const post = async (origin: string, path: string, body: unknown) => {
      const response = await fetch(`${origin}/console/v1${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const created = await post(gatewayA.httpUrl, '/sessions', { session_key: 'sse-resume' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sessionId = (created.body.session as { session_id: string }).session_id;
    const input = sentence('sse-resume', 120);
    const started = await post(gatewayA.httpUrl, `/sessions/${sessionId}/messages`, { text: input });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const runId = started.body.run_id as string;
    const eventsPath = started.body.events_url as string;
    assert.equal(eventsPath, `/console/v1/runs/${runId}/events/stream`);

    // Gateway A: the first events, then the client goes away mid-answer.
    const first = await within(
      readSse(`${gatewayA.httpUrl}${eventsPath}`, headers, (event) => Number(event.id) >= 4),
      30_000,
      'the first events on gateway A',
    );
    assert.equal(first.endedBy, 'client', 'the run was still answering when the client left');
    const lastSeen = first.events.at(-1)?.id ?? '0';

    // Gateway B: from the last event the client has, to the end.
    const second = await within(
      readSse(`${gatewayB.httpUrl}${eventsPath}`, { ...headers, 'last-event-id': lastSeen }),
      60_000,
      'the rest of the run on gateway B',
    );
    assert.equal(second.endedBy, 'server', 'gateway B ends the response after the terminal event');
    assert.ok(second.events.length > 0, 'gateway B had events left to send');

    const union = [...first.events, ...second.events];
    const seqs = union.map((event) => Number(event.id));
    assertContiguous(seqs, `run ${runId} over two gateways`);
    const journal = await env.journalEvents(runId);
    assert.deepEqual(
      seqs,
      journal.map((event) => event.runSeq),
      'the client received exactly the journal: every seq once',
    );
    const payloads = union.map((event) => JSON.parse(event.data) as Record<string, unknown>);
    const last = union.at(-1) as SseMessage;
    assert.equal(last.event, 'status');
    assert.deepEqual(
      payloads
        .filter((payload) => payload.type === 'status')
        .map((payload) => (payload.status as { kind: string }).kind),
      ['STATUS_KIND_ACCEPTED', 'STATUS_KIND_IN_PROGRESS', 'STATUS_KIND_DONE'],
    );
    const text = payloads
      .filter((payload) => payload.type === 'model_token')
      .map((payload) => (payload.model_token as { token: string }).token)
      .join('');
    assert.equal(text, input, 'the streamed answer is the deterministic echo of the input');

    // Asking again from the terminal event: nothing more (204 stops a browser's reconnects).
    const again = await fetch(`${gatewayA.httpUrl}${eventsPath}`, {
      headers: { ...headers, 'last-event-id': String(seqs.at(-1)) },
    });
    assert.equal(again.status, 204);
  });
});
