import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type Authenticator, createAuthenticator } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import {
  AUDIENCE,
  assertDenied,
  callHeaders,
  createSigningKey,
  ISSUER,
  type SigningKey,
  signToken,
  signWith,
  unsignedToken,
} from './support.js';

describe('JWT verified against a configured public key', () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let rsaAuthenticator: Authenticator;
  let ecAuthenticator: Authenticator;

  before(async () => {
    rsa = await createSigningKey('RS256', 'rsa-1');
    ec = await createSigningKey('ES256', 'ec-1');
    rsaAuthenticator = createAuthenticator({
      jwt: { publicKeyPem: rsa.publicKeyPem, issuer: ISSUER, audience: AUDIENCE },
    });
    ecAuthenticator = createAuthenticator({
      jwt: { publicKeyPem: ec.publicKeyPem, issuer: ISSUER, audience: AUDIENCE },
    });
  });

  it('accepts tokens signed by the configured RSA or EC key', async () => {
    assert.equal((await rsaAuthenticator.authenticate(callHeaders(await signWith(rsa)))).tenantId, 'acme');
    assert.equal((await ecAuthenticator.authenticate(callHeaders(await signWith(ec)))).tenantId, 'acme');
  });

  it('rejects a token signed by another key of the same type', async () => {
    const other = await createSigningKey('RS256', 'rsa-1');
    const token = await signWith(other);
    await assertDenied(
      rsaAuthenticator.authenticate(callHeaders(token)),
      'token signature is invalid',
      token,
    );
  });

  it('rejects algorithms the configured key type cannot verify', async () => {
    const token = await signWith(ec);
    await assertDenied(
      rsaAuthenticator.authenticate(callHeaders(token)),
      'token algorithm is not allowed',
      token,
    );
    const rsaToken = await signWith(rsa);
    await assertDenied(
      ecAuthenticator.authenticate(callHeaders(rsaToken)),
      'token algorithm is not allowed',
      rsaToken,
    );
  });

  it('rejects an HS256 token that uses the public key PEM as the HMAC secret', async () => {
    for (const [authenticator, key] of [
      [rsaAuthenticator, rsa],
      [ecAuthenticator, ec],
    ] as const) {
      for (const alg of ['HS256', 'HS384', 'HS512']) {
        const token = await signToken(new TextEncoder().encode(key.publicKeyPem), alg, undefined);
        await assertDenied(
          authenticator.authenticate(callHeaders(token)),
          'token algorithm is not allowed',
          token,
        );
      }
    }
  });

  it('rejects alg none', async () => {
    const token = unsignedToken();
    await assertDenied(
      rsaAuthenticator.authenticate(callHeaders(token)),
      'token algorithm is not allowed',
      token,
    );
  });

  it('refuses a config that would accept HMAC with a public key', () => {
    for (const algorithms of [['HS256'], ['RS256', 'HS256'], ['none']]) {
      assert.throws(
        () =>
          createAuthenticator({
            jwt: { publicKeyPem: rsa.publicKeyPem, issuer: ISSUER, audience: AUDIENCE, algorithms },
          }),
        (error: unknown) =>
          error instanceof PalyraError &&
          error.code === 'CONFIG_INVALID' &&
          error.message.includes('PALYRA_JWT_ALGORITHMS'),
      );
    }
  });

  it('honours a narrower algorithms allowlist', async () => {
    const psOnly = createAuthenticator({
      jwt: { publicKeyPem: rsa.publicKeyPem, issuer: ISSUER, audience: AUDIENCE, algorithms: ['PS256'] },
    });
    const token = await signWith(rsa);
    await assertDenied(psOnly.authenticate(callHeaders(token)), 'token algorithm is not allowed', token);
  });
});
