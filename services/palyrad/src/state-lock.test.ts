import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isPalyraError } from '@palyra/core';
import { acquireStateLock, STATE_LOCK_FILE } from './state-lock.js';

function stateRoot(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'palyrad-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('acquireStateLock', () => {
  it('lets one holder in at a time and frees the root on release', (t) => {
    const root = stateRoot(t);
    const lock = acquireStateLock(root);
    assert.equal(readFileSync(join(root, STATE_LOCK_FILE), 'utf8').trim(), String(process.pid));
    assert.throws(
      () => acquireStateLock(root),
      (error: unknown) =>
        isPalyraError(error) &&
        error.code === 'FAILED_PRECONDITION' &&
        error.message.includes(`pid ${process.pid}`) &&
        error.message.includes('PALYRA_STATE_ROOT'),
    );
    lock.release();
    lock.release();
    assert.equal(existsSync(join(root, STATE_LOCK_FILE)), false);
    acquireStateLock(root).release();
  });

  it('takes over a lock left by a process that no longer exists', (t) => {
    const root = stateRoot(t);
    const exited = spawnSync(process.execPath, ['-e', '']);
    assert.ok(exited.pid !== undefined && exited.pid > 0);
    writeFileSync(join(root, STATE_LOCK_FILE), `${exited.pid}\n`);
    const lock = acquireStateLock(root);
    assert.equal(readFileSync(join(root, STATE_LOCK_FILE), 'utf8').trim(), String(process.pid));
    lock.release();
  });
});
