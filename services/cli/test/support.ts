import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type CliClient, type CliDeps, type CliIo, InterruptBus, type MigrationResult } from '@palyra/cli';
import { createPalyraClient } from '@palyra/client';

/** Captures what a command writes; `waitFor` resolves once the text has appeared. */
export class CapturedOutput {
  text = '';
  readonly isTTY: boolean;
  readonly #waiters: { needle: string; resolve: () => void }[] = [];

  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }

  write(chunk: string): boolean {
    this.text += chunk;
    for (const waiter of [...this.#waiters]) {
      if (this.text.includes(waiter.needle)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    return true;
  }

  waitFor(needle: string, timeoutMs = 5000): Promise<void> {
    if (this.text.includes(needle)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`"${needle}" not written; got: ${this.text}`)),
        timeoutMs,
      );
      this.#waiters.push({
        needle,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

export interface TestIo extends CliIo {
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
  readonly stdin: PassThrough & { isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
}

export function createTestIo(options: { env?: Record<string, string>; stdinTTY?: boolean } = {}): TestIo {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.stdinTTY) stdin.isTTY = true;
  return {
    stdout: new CapturedOutput(),
    stderr: new CapturedOutput(),
    stdin,
    env: { ...options.env },
    interrupts: new InterruptBus(),
  };
}

/** A temp directory removed after the test. */
export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'palyra-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface DepsOverrides {
  readonly client?: CliClient;
  readonly runMigrations?: (url: string) => Promise<MigrationResult>;
}

/**
 * Deps with an isolated config file in `home`. Without a fake client, commands get the real SDK
 * client (e.g. against a fake gateway); every client created is recorded with its options.
 */
export function createTestDeps(io: TestIo, home: string, overrides: DepsOverrides = {}) {
  const created: Parameters<CliDeps['createClient']>[0][] = [];
  const deps: CliDeps = {
    io,
    createClient: (options) => {
      created.push(options);
      return overrides.client ?? createPalyraClient(options);
    },
    runMigrations:
      overrides.runMigrations ??
      (() => Promise.reject(new Error('runMigrations was not expected in this test'))),
    username: 'tester',
    homedir: home,
  };
  return { deps, created };
}
