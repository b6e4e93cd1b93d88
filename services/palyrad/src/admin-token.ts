import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalyraError } from '@palyra/core';

/** File under the state root holding the generated token (the CLI reads it for local URLs). */
export const ADMIN_TOKEN_FILE = 'admin-token';

const MIN_TOKEN_LENGTH = 16;

export type AdminTokenSource = 'environment' | 'generated' | 'state-root';

export interface AdminToken {
  readonly token: string;
  /** `environment`: PALYRA_ADMIN_TOKEN; `generated`: created now; `state-root`: read from the file. */
  readonly source: AdminTokenSource;
  /** The token file, unless the token came from the environment. */
  readonly path: string | undefined;
}

export interface ResolveAdminTokenOptions {
  /** PALYRA_ADMIN_TOKEN, when set: used as is, nothing is written. */
  readonly configured: string | undefined;
  /** Absolute state root (exists). */
  readonly stateRoot: string;
  /** Told when an existing file was readable by others and has been narrowed to 0600. */
  readonly onPermissionsFixed?: (path: string) => void;
}

/**
 * The admin token palyrad accepts. An operator's PALYRA_ADMIN_TOKEN wins; otherwise the token in
 * `<state root>/admin-token`, generated (32 random bytes, base64url) on the first start, so a
 * restart on the same state root keeps it and clients configured once keep working. The file is
 * created exclusively (temp file + link), mode 0600, so two processes racing on a fresh state root
 * end up with the same token.
 */
export function resolveAdminToken(options: ResolveAdminTokenOptions): AdminToken {
  if (options.configured !== undefined) {
    return { token: options.configured, source: 'environment', path: undefined };
  }
  const path = join(options.stateRoot, ADMIN_TOKEN_FILE);
  const existing = readTokenFile(path, options.onPermissionsFixed);
  if (existing !== undefined) return { token: existing, source: 'state-root', path };

  const token = randomBytes(32).toString('base64url');
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${token}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process created it first: use theirs.
    const theirs = readTokenFile(path, options.onPermissionsFixed);
    if (theirs === undefined) throw error;
    return { token: theirs, source: 'state-root', path };
  } finally {
    unlinkSync(temporary);
  }
  return { token, source: 'generated', path };
}

function readTokenFile(path: string, onPermissionsFixed?: (path: string) => void): string | undefined {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const token = content.trim();
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new PalyraError(
      'CONFIG_INVALID',
      `${path} must hold one token of at least ${MIN_TOKEN_LENGTH} characters without whitespace; delete it to generate a new one`,
    );
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    onPermissionsFixed?.(path);
  }
  return token;
}
