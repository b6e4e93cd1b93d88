// The README's "HTTP API" curl examples, run as written (bash, curl, jq) against a real embedded
// palyrad, so the documentation cannot drift from the API.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseEnv } from '@palyra/config';
import { createMetrics, silentLogger } from '@palyra/telemetry';
import { REPO_ROOT } from '@palyra/testkit';
import { palyradConfigSpec } from '../src/config.js';
import { startPalyrad } from '../src/palyrad.js';

const STOP_DEADLINE_MS = 5_000;
const SCRIPT_TIMEOUT_MS = 60_000;

/** The `sh` code blocks of the README section titled `heading`, in order. */
function shellBlocks(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has a "## ${heading}" section`);
  const rest = readme.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runBash(script: string, cwd: string, env: Record<string, string>): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SCRIPT_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function count(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

describe('README: HTTP API examples', () => {
  it('run as written against an embedded palyrad', async (t) => {
    const stateRoot = await mkdtemp(join(tmpdir(), 'palyrad-readme-'));
    const workDirectory = await mkdtemp(join(tmpdir(), 'palyrad-readme-cwd-'));
    t.after(() => rm(stateRoot, { recursive: true, force: true }));
    t.after(() => rm(workDirectory, { recursive: true, force: true }));
    const palyrad = await startPalyrad(
      parseEnv(palyradConfigSpec, {
        PALYRA_STATE_ROOT: stateRoot,
        PALYRA_GATEWAY_GRPC_PORT: '0',
        PALYRA_DAEMON_PORT: '0',
        PALYRA_SHUTDOWN_GRACE_MS: String(STOP_DEADLINE_MS),
      }),
      { logger: silentLogger, metrics: createMetrics({ defaultMetrics: false }) },
    );
    t.after(() => palyrad.stop(STOP_DEADLINE_MS));

    const blocks = shellBlocks(await readFile(join(REPO_ROOT, 'README.md'), 'utf8'), 'HTTP API');
    assert.ok(blocks.length > 0, 'the section has sh examples');
    const result = await runBash(blocks.join('\n'), workDirectory, {
      PALYRA_HTTP: palyrad.httpAddress,
      PALYRA_TOKEN: palyrad.adminToken,
    });
    const output = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
    assert.equal(result.code, 0, output);

    // The first stream from seq 1, the resumed one from seq 3; both end with DONE.
    assert.equal(count(result.stdout, /^id: 1$/gm), 1, output);
    assert.equal(count(result.stdout, /^id: 3$/gm), 2, output);
    assert.match(result.stdout, /^event: model_token$/m);
    assert.equal(count(result.stdout, /^data: .*"STATUS_KIND_DONE"/gm), 2, output);
    // The JSON page, one event a line.
    assert.match(
      result.stdout,
      /^\{"run_id":"[0-9A-Z]{26}","seq":1,"timestamp_unix_ms":\d+,"type":"status"/m,
    );
    assert.match(result.stdout, /"cancel_requested": (true|false)/);
    assert.match(result.stdout, /^\{"type":"user_message","text":"hello over HTTP"\}$/m);
    assert.match(result.stdout, /^\{"type":"assistant_message","text":"hello over HTTP"\}$/m);
    assert.match(result.stdout, /^\{"ok":true,"length":\d+,"head_hash":"[0-9a-f]{64}"\}$/m);

    const lines = (await readFile(join(workDirectory, 'journal.ndjson'), 'utf8')).trimEnd().split('\n');
    const trailer = JSON.parse(lines.at(-1) as string) as Record<string, unknown>;
    assert.equal(trailer.record_type, 'trailer');
    assert.equal(trailer.schema, 'palyra.journal.export.v1');
    assert.equal(trailer.exported_records, lines.length - 1);
  });
});
