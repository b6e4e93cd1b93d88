import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('../test/fixtures/traced-app.ts', import.meta.url));

function startFixture(mode: string, env: Record<string, string>) {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  for (const name of Object.keys(childEnv)) if (name.startsWith('OTEL_')) delete childEnv[name];
  Object.assign(childEnv, env);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@palyra/source',
      '--import',
      '@palyra/telemetry/instrumentation',
      fixture,
      mode,
    ],
    { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('@palyra/telemetry/instrumentation entry', () => {
  test('exports our spans and instruments node:http imported as ESM', { timeout: 60_000 }, async () => {
    const run = startFixture('span', { OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'fixture-app' });
    const [code] = await run.exited;
    const { stdout, stderr } = run.output();
    assert.equal(code, 0, stderr);
    assert.match(stdout, /name: 'fixture-span'/);
    assert.match(stdout, /'fixture.attr': 'yes'/);
    assert.match(stdout, /'service.name': 'fixture-app'/);
    // Client and server spans from the http instrumentation join the trace of our span.
    const traceIds = new Set([...stdout.matchAll(/traceId: '([0-9a-f]{32})'/g)].map((match) => match[1]));
    assert.equal(traceIds.size, 1, stdout);
    assert.ok((stdout.match(/name: 'GET'/g) ?? []).length >= 2, stdout);
  });

  test('without an exporter configured, prints nothing and exits cleanly', { timeout: 60_000 }, async () => {
    const run = startFixture('span', {});
    const [code] = await run.exited;
    const { stdout, stderr } = run.output();
    assert.equal(code, 0, stderr);
    assert.equal(stdout, '');
    assert.equal(stderr, '');
  });

  test('SIGTERM still terminates a process that does not handle it', { timeout: 60_000 }, async () => {
    const run = startFixture('idle', {});
    await new Promise<void>((resolve, reject) => {
      run.child.stdout.on('data', (chunk: string) => {
        if (chunk.includes('ready')) resolve();
      });
      run.child.on('exit', () => reject(new Error(`exited early: ${run.output().stderr}`)));
    });
    run.child.kill('SIGTERM');
    const [code, signal] = await run.exited;
    assert.equal(code, null);
    assert.equal(signal, 'SIGTERM');
  });
});
