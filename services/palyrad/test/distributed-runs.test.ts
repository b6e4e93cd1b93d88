// Many runs through a real cluster: 2 gateway and 2 orchestrator processes on Postgres and NATS.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent } from '@palyra/client';
import {
  assertMatchesJournal,
  mapConcurrent,
  type ObservedRun,
  openDistributedCluster,
  sentence,
  TENANT,
  within,
} from './distributed-cluster.js';

const CLIENTS = 20;
const RUNS_PER_CLIENT = 5;
const RUN_TIMEOUT_MS = 30_000;

describe('distributed cluster: runs', () => {
  it('finishes 100 runs from 20 concurrent clients over both gateways DONE with their text, contiguous seqs and verified chains, shared by both orchestrators', async (t) => {
    // Migrated by `palyra migrate`, as the Helm hook Job does (the other files use the library).
    const env = await openDistributedCluster(t, { migrateWithCli: true });
    const sessionIds = new Set<string>();

    // Each client is one user on its own session, half of them starting on each gateway; its
    // runs are sequential so each session's chain interleaves nothing but its own runs.
    const perClient = await mapConcurrent(
      Array.from({ length: CLIENTS }, (_, index) => index),
      CLIENTS,
      async (clientIndex) => {
        const client = env.client(clientIndex % 2);
        const observed: ObservedRun[] = [];
        for (let runIndex = 0; runIndex < RUNS_PER_CLIENT; runIndex += 1) {
          const input = sentence(
            `client-${clientIndex}-run-${runIndex}`,
            3 + ((clientIndex + runIndex) % 20),
          );
          const seqs: number[] = [];
          const events: RunEvent[] = [];
          const run = client.openRun({
            text: input,
            sessionKey: `distributed-runs-${clientIndex}`,
            bufferEvents: false,
            onEvent: (event) => {
              seqs.push(event.seq);
              events.push(event);
            },
          });
          run.halfClose();
          const outcome = await within(run.done, RUN_TIMEOUT_MS, `run ${run.runId} to finish`);
          observed.push({ runId: run.runId, input, seqs, events, outcome });
        }
        return observed;
      },
    );
    const runs = perClient.flat();
    assert.equal(runs.length, CLIENTS * RUNS_PER_CLIENT);

    for (const run of runs) {
      assert.equal(run.outcome.status, 'DONE', `run ${run.runId} ends DONE (got: ${run.outcome.message})`);
      assert.equal(
        run.outcome.text,
        run.input,
        `run ${run.runId}: the deterministic answer echoes the input`,
      );
      assert.deepEqual(
        run.events.filter((event) => event.type === 'status').map((event) => event.kind),
        ['ACCEPTED', 'IN_PROGRESS', 'DONE'],
        `run ${run.runId}: statuses in protocol order`,
      );
      assertMatchesJournal(run, await env.journalEvents(run.runId));
      assert.ok(run.outcome.sessionId !== undefined, `run ${run.runId} names its session`);
      sessionIds.add(run.outcome.sessionId);
    }
    assert.equal(sessionIds.size, CLIENTS, 'one session per client');
    for (const sessionId of sessionIds) {
      const verification = await env.repositories.journal.verifyChain(TENANT, sessionId);
      assert.ok(verification.ok, `session ${sessionId}: chain verifies (${JSON.stringify(verification)})`);
    }

    // Both workers took a share of the runs (competing consumers on one work queue).
    const done = [await env.orchestratorRuns(0, 'done'), await env.orchestratorRuns(1, 'done')];
    assert.equal(done[0]! + done[1]!, runs.length, `every run completed exactly once: ${done.join(' + ')}`);
    assert.ok(done[0]! > 0 && done[1]! > 0, `both orchestrators completed runs: ${done.join(' + ')}`);
  });
});
