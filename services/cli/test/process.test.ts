// The real `palyra` process: the bin launcher, and main.ts wired to the journal's migrations on
// the local Postgres (each test gets its own database).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase } from '@palyra/testkit';
import { tempDir } from './support.js';

const run = promisify(execFile);
const launcher = fileURLToPath(new URL('../bin/palyra.mjs', import.meta.url));
const mainSource = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function palyra(args: string[], env: Record<string, string>): Promise<Result> {
  // Sources rather than a possibly stale dist/: this tests main.ts as it is now.
  const argv = ['--import', 'tsx', '--conditions=@palyra/source', mainSource, ...args];
  try {
    const { stdout, stderr } = await run(process.execPath, argv, {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('palyra process', () => {
  it('runs from the bin launcher (dist when built, else the sources through tsx)', async () => {
    const { stdout } = await run(process.execPath, [launcher, '--version'], { timeout: 60_000 });
    assert.equal(stdout, '0.1.0\n');
  });

  it('migrate applies the journal migrations once, then reports the schema current', async (t) => {
    const database = await createTestDatabase();
    t.after(() => database.drop());
    const env = { PALYRA_DATABASE_URL: database.url, PALYRA_CLI_CONFIG: `${tempDir(t)}/cli.json` };
    const first = await palyra(['migrate'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^applied \d+ migration\(s\): 0001/);
    const second = await palyra(['migrate'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, 'schema is current: no migrations to apply\n');
  });

  it('reports an unreachable gateway as one error line and exit code 1', async (t) => {
    const result = await palyra(['health', '--url', '127.0.0.1:1'], {
      PALYRA_CLI_CONFIG: `${tempDir(t)}/cli.json`,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: .*ECONNREFUSED.* \(UNAVAILABLE\)\n$/);
    assert.equal(result.stdout, '');
  });
});
