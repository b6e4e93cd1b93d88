import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createAuthenticator, mintDevelopmentToken } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  AUDIENCE,
  assertDenied,
  callHeaders,
  createSigningKey,
  ISSUER,
  nowSeconds,
  type SigningKey,
  signToken,
  signWith,
  unsignedToken,
} from './support.js';

const SECRET = 'development-secret-of-at-least-32-bytes!';
const secretKey = new TextEncoder().encode(SECRET);

describe('JWT verified with a shared HS256 secret', () => {
  const authenticator = createAuthenticator({ jwt: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE } });
  let rsa: SigningKey;
  before(async () => {
    rsa = await createSigningKey('RS256', 'rsa-1');
  });

  it('accepts a development token minted with the same secret', async () => {
    const token = await mintDevelopmentToken({
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      tenant: 'default',
      subject: 'dev:alice',
      roles: ['admin'],
    });
    const context = await authenticator.authenticate(
      callHeaders(token, { 'x-palyra-principal': 'dev:alice' }),
    );
    assert.equal(context.tenantId, 'default');
    assert.equal(context.principal, 'dev:alice');
    assert.deepEqual(context.roles, ['admin']);
    assert.equal(context.isAdmin, true);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signToken(new TextEncoder().encode(`${SECRET}-other`), 'HS256', undefined);
    await assertDenied(authenticator.authenticate(callHeaders(token)), 'token signature is invalid', token);
  });

  it('rejects asymmetric, unsigned and non-default HMAC algorithms', async () => {
    const tokens = [
      await signWith(rsa),
      unsignedToken(),
      await signToken(secretKey, 'HS512', undefined),
      await signToken(secretKey, 'HS384', undefined),
    ];
    for (const token of tokens) {
      await assertDenied(
        authenticator.authenticate(callHeaders(token)),
        'token algorithm is not allowed',
        token,
      );
    }
  });

  it('accepts HS512 only when listed explicitly', async () => {
    const hs512 = createAuthenticator({
      jwt: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS512'] },
    });
    const token = await signToken(secretKey, 'HS512', undefined);
    assert.equal((await hs512.authenticate(callHeaders(token))).tenantId, 'acme');
  });

  it('rejects an expired development token', async () => {
    const token = await mintDevelopmentToken({
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      tenant: 'default',
      subject: 'dev:alice',
      ttlSeconds: 60,
      now: new Date((nowSeconds() - 3600) * 1000),
    });
    await assertDenied(authenticator.authenticate(callHeaders(token)), 'token expired', token);
  });
});

describe('mintDevelopmentToken', () => {
  it('mints an HS256 JWT with issuer, audience, subject, tenant, roles, jti and a bounded lifetime', async () => {
    const token = await mintDevelopmentToken({
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      tenant: 'acme',
      subject: 'dev:bob',
      roles: ['member'],
      ttlSeconds: 120,
      tenantClaim: 'org',
    });
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    assert.equal(claims.iss, ISSUER);
    assert.equal(claims.aud, AUDIENCE);
    assert.equal(claims.sub, 'dev:bob');
    assert.equal(claims.org, 'acme');
    assert.deepEqual(claims.roles, ['member']);
    assert.equal(typeof claims.jti, 'string');
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 120);
  });

  it('refuses a short secret, an invalid tenant and a bad lifetime', async () => {
    const base = { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, tenant: 'acme', subject: 'dev:bob' };
    for (const options of [
      { ...base, secret: 'too-short' },
      { ...base, tenant: 'Not A Tenant' },
      { ...base, subject: ' ' },
      { ...base, ttlSeconds: 0 },
      { ...base, ttlSeconds: 1.5 },
    ]) {
      await assert.rejects(
        mintDevelopmentToken(options),
        (error: unknown) => error instanceof PalyraError && error.code === 'INVALID_ARGUMENT',
      );
    }
  });
});
