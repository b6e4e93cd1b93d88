import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AuthConfig, createAuthenticator } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import { ADMIN_TOKEN, AUDIENCE, ISSUER } from './support.js';

const SECRET = 'development-secret-of-at-least-32-bytes!';

function configError(config: AuthConfig): PalyraError {
  try {
    createAuthenticator(config);
  } catch (error) {
    assert.ok(error instanceof PalyraError);
    assert.equal(error.code, 'CONFIG_INVALID');
    return error;
  }
  assert.fail('expected CONFIG_INVALID');
}

describe('auth config', () => {
  it('refuses a config without any credential', () => {
    assert.match(configError({}).message, /no credential is configured/);
    assert.match(configError({ adminToken: '' }).message, /no credential is configured/);
  });

  it('reports every JWT problem in one error, naming the variables', () => {
    const error = configError({ jwt: { secret: SECRET, issuer: ' ', audience: [] } });
    assert.deepEqual(
      error.violations.map((violation) => violation.field),
      ['jwt.issuer', 'jwt.audience'],
    );
    assert.match(error.message, /PALYRA_JWT_ISSUER/);
    assert.match(error.message, /PALYRA_JWT_AUDIENCE/);
  });

  it('requires exactly one key source', () => {
    assert.match(
      configError({ jwt: { issuer: ISSUER, audience: AUDIENCE } }).message,
      /exactly one key source/,
    );
    assert.match(
      configError({
        jwt: { secret: SECRET, jwksUrl: 'https://idp.example.test/jwks', issuer: ISSUER, audience: AUDIENCE },
      }).message,
      /exactly one key source/,
    );
  });

  it('refuses a weak secret, a bad JWKS URL and a bad public key', () => {
    assert.match(
      configError({ jwt: { secret: 'short', issuer: ISSUER, audience: AUDIENCE } }).message,
      /32 bytes/,
    );
    assert.match(
      configError({ jwt: { jwksUrl: 'file:///etc/jwks.json', issuer: ISSUER, audience: AUDIENCE } }).message,
      /http\(s\) URL/,
    );
    assert.match(
      configError({ jwt: { jwksUrl: 'not a url', issuer: ISSUER, audience: AUDIENCE } }).message,
      /absolute URL/,
    );
    assert.match(
      configError({ jwt: { publicKeyPem: 'not a pem', issuer: ISSUER, audience: AUDIENCE } }).message,
      /PALYRA_JWT_PUBLIC_KEY/,
    );
  });

  it('refuses none, asymmetric algorithms for a secret and HMAC for a JWKS', () => {
    assert.match(
      configError({ jwt: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, algorithms: ['none'] } })
        .message,
      /"none"/,
    );
    assert.match(
      configError({ jwt: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] } })
        .message,
      /"RS256"/,
    );
    assert.match(
      configError({
        jwt: {
          jwksUrl: 'https://idp.example.test/jwks',
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        },
      }).message,
      /"HS256"/,
    );
  });

  it('bounds the clock tolerance', () => {
    for (const clockToleranceSec of [-1, 301, Number.NaN]) {
      assert.match(
        configError({ jwt: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, clockToleranceSec } })
          .message,
        /PALYRA_JWT_CLOCK_TOLERANCE_SEC/,
      );
    }
  });

  it('refuses a weak admin token and a bound principal without an admin token', () => {
    assert.match(configError({ adminToken: 'admin' }).message, /at least 16 characters/);
    assert.match(configError({ adminToken: `${ADMIN_TOKEN} x` }).message, /whitespace/);
    assert.match(
      configError({
        adminBoundPrincipal: 'admin:ops',
        jwt: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE },
      }).message,
      /requires an admin token/,
    );
  });

  it('never puts a secret into the config error', () => {
    const error = configError({
      adminToken: 'short-secret',
      jwt: { secret: 'tiny-secret', issuer: '', audience: AUDIENCE },
    });
    assert.ok(!error.message.includes('short-secret'));
    assert.ok(!error.message.includes('tiny-secret'));
  });
});
