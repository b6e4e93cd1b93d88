// `palyra chat` at a terminal against real processes (a gateway and an orchestrator on Postgres and
// NATS, the deterministic provider): the approval prompt's three choices decide real tool calls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '@palyra/cli';
import { newId } from '@palyra/core';
import { connectPostgres, migrate } from '@palyra/journal';
import {
  type Cluster,
  cleanupNatsPrefix,
  createTestDatabase,
  printServiceLogs,
  startCluster,
  testFailed,
  uniqueStreamPrefix,
  waitFor,
} from '@palyra/testkit';
import { createTestDeps, createTestIo, tempDir } from './support.js';

/** Generous: real processes on a noisy machine. */
const STEP_TIMEOUT_MS = 30_000;

describe('palyra chat against a cluster', () => {
  it('asks before each sensitive call: [s]ession covers the next calls of the session, [n]o denies', async (t) => {
    const database = await createTestDatabase();
    const natsPrefix = uniqueStreamPrefix();
    let cluster: Cluster | undefined;
    // One hook, so the order is fixed: processes first, then their streams and database.
    t.after(async () => {
      if (cluster !== undefined && testFailed(t))
        for (const service of cluster.services()) printServiceLogs(service);
      await cluster?.stop();
      await cleanupNatsPrefix(natsPrefix);
      await database.drop();
    });
    const connection = await connectPostgres({ url: database.url, poolSize: 1 });
    try {
      await migrate(connection);
    } finally {
      await connection.close();
    }
    cluster = await startCluster({
      database,
      natsPrefix,
      gateways: 1,
      orchestrators: 1,
      // palyra.http.fetch needs approval by default; palyra.echo too here.
      orchestratorEnv: { PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: 'palyra.echo,palyra.http.fetch' },
    });

    const io = createTestIo({
      env: {
        PALYRA_GRPC_URL: cluster.urls[0] ?? '',
        PALYRA_TOKEN: cluster.adminToken,
        PALYRA_TENANT: 'acme',
        PALYRA_PRINCIPAL: `user:${newId().toLowerCase()}`,
        PALYRA_DEVICE_ID: newId(),
      },
      stdinTTY: true,
    });
    const exit = runCli(['chat', '--session-key', 'cli-approvals'], createTestDeps(io, tempDir(t)).deps);
    // The prompt loop runs one run per line; each ends with a [DONE] line on stderr.
    const answered = async (count: number): Promise<void> => {
      try {
        await waitFor(() => ((io.stderr.text.match(/\[DONE\]/g)?.length ?? 0) >= count ? true : undefined), {
          timeoutMs: STEP_TIMEOUT_MS,
          intervalMs: 20,
          what: `answer ${count}`,
        });
      } catch (error) {
        throw new Error(`${String(error)}; stderr:\n${io.stderr.text}`);
      }
    };

    // 1. Asked; allowed for the session.
    io.stdin.write('#tool palyra.echo {"text":"first call"}\n');
    await io.stderr.waitFor('[n] Deny', STEP_TIMEOUT_MS);
    assert.match(
      io.stderr.text,
      /\[approval\] palyra\.echo needs approval \(risk LOW\)\n {2}Allow palyra\.echo\?\n/,
    );
    assert.match(
      io.stderr.text,
      / {2}\[o\] Allow once: .+\n {2}\[s\] Allow for this session: .+\n {2}\[n\] Deny: .+\n/,
    );
    io.stdin.write('s\n');
    await answered(1);
    assert.match(io.stderr.text, /\[approval\] approved for this session: approved at the CLI prompt/);
    assert.match(io.stdout.text, /first call/);

    // 2. The same tool in the same session: not asked again.
    const beforeSecond = io.stderr.text.length;
    io.stdin.write('#tool palyra.echo {"text":"second call"}\n');
    await answered(2);
    const second = io.stderr.text.slice(beforeSecond);
    assert.doesNotMatch(second, /needs approval/);
    assert.match(
      second,
      /\[tool\] palyra\.echo ALLOW: allowed by approval [0-9A-Z]{26} \(for this session\)/,
    );
    assert.match(io.stdout.text, /second call/);

    // 3. Another sensitive tool: asked, denied; the tool does not run and the model is told.
    const beforeThird = io.stderr.text.length;
    io.stdin.write('#tool palyra.http.fetch {"url":"http://127.0.0.1:9/never"}\n');
    await io.stderr.waitFor('Allow palyra.http.fetch?', STEP_TIMEOUT_MS);
    await io.stderr.waitFor('[n] Deny', STEP_TIMEOUT_MS);
    io.stdin.write('n\n');
    await answered(3);
    const third = io.stderr.text.slice(beforeThird);
    assert.match(third, /\[approval\] palyra\.http\.fetch needs approval \(risk HIGH\)/);
    assert.match(third, /\[approval\] denied: denied at the CLI prompt/);
    assert.match(third, /\[tool\] palyra\.http\.fetch DENY/);
    assert.match(third, /\[tool\] palyra\.http\.fetch failed: denied/);

    io.stdin.end();
    assert.equal(await exit, 0);
  });
});
