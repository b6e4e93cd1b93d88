import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isPalyraError } from '@palyra/core';
import { ADMIN_TOKEN_FILE, resolveAdminToken } from './admin-token.js';

function stateRoot(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'palyrad-token-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('resolveAdminToken', () => {
  it('generates a token once, mode 0600, and returns the same one afterwards', (t) => {
    const root = stateRoot(t);
    const first = resolveAdminToken({ configured: undefined, stateRoot: root });
    assert.equal(first.source, 'generated');
    assert.equal(first.path, join(root, ADMIN_TOKEN_FILE));
    assert.match(first.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(readFileSync(join(root, ADMIN_TOKEN_FILE), 'utf8'), `${first.token}\n`);
    assert.equal(statSync(join(root, ADMIN_TOKEN_FILE)).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(root), [ADMIN_TOKEN_FILE], 'no temporary file left behind');

    const second = resolveAdminToken({ configured: undefined, stateRoot: root });
    assert.deepEqual(second, { token: first.token, source: 'state-root', path: first.path });
  });

  it('uses PALYRA_ADMIN_TOKEN as is and writes nothing', (t) => {
    const root = stateRoot(t);
    const token = resolveAdminToken({ configured: 'operator-chosen-token', stateRoot: root });
    assert.deepEqual(token, { token: 'operator-chosen-token', source: 'environment', path: undefined });
    assert.deepEqual(readdirSync(root), []);
  });

  it('narrows a token file readable by others to 0600 and says so', (t) => {
    const root = stateRoot(t);
    const path = join(root, ADMIN_TOKEN_FILE);
    writeFileSync(path, 'a-token-someone-wrote-by-hand\n');
    chmodSync(path, 0o644);
    const fixed: string[] = [];
    const token = resolveAdminToken({
      configured: undefined,
      stateRoot: root,
      onPermissionsFixed: (p) => fixed.push(p),
    });
    assert.equal(token.token, 'a-token-someone-wrote-by-hand');
    assert.deepEqual(fixed, [path]);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('refuses a token file that holds no usable token', (t) => {
    const root = stateRoot(t);
    writeFileSync(join(root, ADMIN_TOKEN_FILE), 'short\n', { mode: 0o600 });
    assert.throws(
      () => resolveAdminToken({ configured: undefined, stateRoot: root }),
      (error: unknown) =>
        isPalyraError(error) && error.code === 'CONFIG_INVALID' && error.message.includes('delete it'),
    );
  });
});
