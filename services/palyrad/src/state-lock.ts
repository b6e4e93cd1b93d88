import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalyraError } from '@palyra/core';

export const STATE_LOCK_FILE = 'palyrad.pid';

export interface StateLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * One palyrad per state root: PGlite is a single-process database, and a second process opening
 * the same files would corrupt them. The lock is a pid file created exclusively; a file left by a
 * process that no longer exists (kill -9) is taken over.
 */
export function acquireStateLock(stateRoot: string): StateLock {
  const path = join(stateRoot, STATE_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
      let held = true;
      return {
        path,
        release() {
          if (!held) return;
          held = false;
          if (readOwner(path) === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(path);
    if (owner !== undefined && isAlive(owner)) {
      throw new PalyraError(
        'FAILED_PRECONDITION',
        `another palyrad (pid ${owner}) is using the state root ${stateRoot}; stop it or set PALYRA_STATE_ROOT`,
        { details: { pid: owner, stateRoot } },
      );
    }
    // Stale (or unreadable half-written) lock: remove it and try once more.
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new PalyraError('FAILED_PRECONDITION', `cannot lock the state root ${stateRoot}`);
}
