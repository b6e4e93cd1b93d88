import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuthenticator, type HeaderLookup, mintDevelopmentToken } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import { ADMIN_TOKEN, headers } from './support.js';

const JWT = { secret: 'operator-test-jwt-secret-0123456789abcdef', issuer: 'iss', audience: 'aud' } as const;

function rejection(run: () => unknown): PalyraError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PalyraError);
    return error;
  }
  assert.fail('expected a rejection');
}

function assertRejected(
  run: () => unknown,
  code: PalyraError['code'],
  message: string,
  secret?: string,
): void {
  const error = rejection(run);
  assert.equal(error.code, code);
  assert.equal(error.message, message);
  if (secret !== undefined) assert.ok(!`${error.message}${error.stack ?? ''}`.includes(secret));
}

describe('operator authentication', () => {
  const authenticator = createAuthenticator({ adminToken: ADMIN_TOKEN, jwt: JWT });
  const bearer = (token: string, extra: Record<string, string> = {}): HeaderLookup =>
    headers({ authorization: `Bearer ${token}`, ...extra });

  it('accepts the admin token alone, as principal `operator` unless one is named', () => {
    assert.deepEqual(authenticator.authenticateOperator(bearer(ADMIN_TOKEN)), {
      principal: 'operator',
      credential: 'admin_token',
    });
    assert.equal(
      authenticator.authenticateOperator(bearer(ADMIN_TOKEN, { 'x-palyra-principal': ' ops:carol ' }))
        .principal,
      'ops:carol',
    );
  });

  it('answers UNAUTHENTICATED without a credential and PERMISSION_DENIED with a wrong one', async () => {
    assertRejected(
      () => authenticator.authenticateOperator(headers({})),
      'UNAUTHENTICATED',
      'missing authorization header',
    );
    assertRejected(
      () => authenticator.authenticateOperator(headers({ authorization: ' ' })),
      'UNAUTHENTICATED',
      'missing authorization header',
    );
    const wrong = 'not-the-admin-token-at-all';
    assertRejected(
      () => authenticator.authenticateOperator(bearer(wrong)),
      'PERMISSION_DENIED',
      'the operator admin token is required',
      wrong,
    );
    assertRejected(
      () => authenticator.authenticateOperator(headers({ authorization: `Basic ${ADMIN_TOKEN}` })),
      'PERMISSION_DENIED',
      'authorization must be a Bearer token',
      ADMIN_TOKEN,
    );
    // A tenant admin is not the operator.
    const tenantAdmin = await mintDevelopmentToken({
      ...JWT,
      tenant: 'acme',
      subject: 'admin:alice',
      roles: ['admin'],
    });
    assertRejected(
      () => authenticator.authenticateOperator(bearer(tenantAdmin)),
      'PERMISSION_DENIED',
      'the operator admin token is required',
      tenantAdmin,
    );
  });

  it('enforces the bound principal, and refuses when no admin token is configured', () => {
    const bound = createAuthenticator({ adminToken: ADMIN_TOKEN, adminBoundPrincipal: 'admin:ops' });
    assert.equal(
      bound.authenticateOperator(bearer(ADMIN_TOKEN, { 'x-palyra-principal': 'admin:ops' })).principal,
      'admin:ops',
    );
    assertRejected(
      () => bound.authenticateOperator(bearer(ADMIN_TOKEN)),
      'PERMISSION_DENIED',
      'x-palyra-principal is required',
    );
    assertRejected(
      () => bound.authenticateOperator(bearer(ADMIN_TOKEN, { 'x-palyra-principal': 'someone' })),
      'PERMISSION_DENIED',
      'admin token is bound to another principal',
    );
    const jwtOnly = createAuthenticator({ jwt: JWT });
    assertRejected(
      () => jwtOnly.authenticateOperator(bearer(ADMIN_TOKEN)),
      'PERMISSION_DENIED',
      'no operator admin token is configured',
      ADMIN_TOKEN,
    );
  });
});
