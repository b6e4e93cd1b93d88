import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Authenticator, createAuthenticator } from '@palyra/auth';
import {
  ADMIN_TOKEN,
  AUDIENCE,
  assertDenied,
  callHeaders,
  createSigningKey,
  DEVICE_ID,
  ISSUER,
  type JwksServer,
  nowSeconds,
  type SigningKey,
  signToken,
  signWith,
  startJwksServer,
  unsignedToken,
} from './support.js';

describe('JWT verified against a remote JWKS', () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let jwks: JwksServer;
  let authenticator: Authenticator;

  before(async () => {
    rsa = await createSigningKey('RS256', 'rsa-1');
    ec = await createSigningKey('ES256', 'ec-1');
    jwks = await startJwksServer([rsa.publicJwk, ec.publicJwk]);
    authenticator = createAuthenticator({
      adminToken: ADMIN_TOKEN,
      jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE },
    });
  });
  after(() => jwks.close());

  it('accepts a valid RS256 token and builds the caller context from its claims', async () => {
    const token = await signWith(rsa, { claims: { roles: ['member'] } });
    const context = await authenticator.authenticate(
      callHeaders(token, { 'x-palyra-principal': 'user:alice', 'x-palyra-channel': 'web' }),
    );
    assert.deepEqual(context, {
      tenantId: 'acme',
      principal: 'user:alice',
      deviceId: DEVICE_ID,
      channel: 'web',
      roles: ['member'],
      credential: 'jwt',
      subject: 'user:alice',
      isAdmin: false,
    });
  });

  it('accepts a valid ES256 token', async () => {
    const context = await authenticator.authenticate(callHeaders(await signWith(ec)));
    assert.equal(context.tenantId, 'acme');
    assert.equal(context.credential, 'jwt');
  });

  it('takes the principal from sub when x-palyra-principal is absent', async () => {
    const context = await authenticator.authenticate(callHeaders(await signWith(rsa)));
    assert.equal(context.principal, 'user:alice');
    assert.equal(context.subject, 'user:alice');
  });

  it('still accepts the admin token when JWT is configured', async () => {
    const context = await authenticator.authenticate(
      callHeaders(ADMIN_TOKEN, { 'x-palyra-principal': 'ops' }),
    );
    assert.equal(context.credential, 'admin_token');
  });

  it('fetches the key set once and serves later calls from the cache', async () => {
    const before = jwks.requests();
    for (let index = 0; index < 5; index += 1) {
      await authenticator.authenticate(callHeaders(await signWith(index % 2 === 0 ? rsa : ec)));
    }
    assert.equal(jwks.requests(), before);
  });

  describe('time claims', () => {
    it('rejects an expired token', async () => {
      const token = await signWith(rsa, { claims: { iat: nowSeconds() - 600, exp: nowSeconds() - 120 } });
      await assertDenied(authenticator.authenticate(callHeaders(token)), 'token expired', token);
    });

    it('accepts a token expired within the clock tolerance', async () => {
      const token = await signWith(rsa, { claims: { exp: nowSeconds() - 10 } });
      assert.equal((await authenticator.authenticate(callHeaders(token))).tenantId, 'acme');
    });

    it('honours a zero clock tolerance', async () => {
      const strict = createAuthenticator({
        jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE, clockToleranceSec: 0 },
      });
      const token = await signWith(rsa, { claims: { exp: nowSeconds() - 10 } });
      await assertDenied(strict.authenticate(callHeaders(token)), 'token expired', token);
    });

    it('rejects a token whose nbf is in the future', async () => {
      const token = await signWith(rsa, { claims: { nbf: nowSeconds() + 120 } });
      await assertDenied(authenticator.authenticate(callHeaders(token)), 'token is not yet valid', token);
    });

    it('rejects a token without exp', async () => {
      const token = await signWith(rsa, { claims: { exp: undefined } });
      await assertDenied(authenticator.authenticate(callHeaders(token)), 'token has no expiry', token);
    });
  });

  describe('issuer and audience', () => {
    it('rejects a wrong or missing issuer', async () => {
      for (const iss of ['https://evil.example.test/', 'https://idp.example.test', undefined]) {
        const token = await signWith(rsa, { claims: { iss } });
        await assertDenied(authenticator.authenticate(callHeaders(token)), 'token issuer mismatch', token);
      }
    });

    it('rejects a wrong or missing audience', async () => {
      for (const aud of ['other-service', ['other-service', 'another'], undefined]) {
        const token = await signWith(rsa, { claims: { aud } });
        await assertDenied(authenticator.authenticate(callHeaders(token)), 'token audience mismatch', token);
      }
    });

    it('accepts an audience array that contains ours', async () => {
      const token = await signWith(rsa, { claims: { aud: ['other-service', AUDIENCE] } });
      assert.equal((await authenticator.authenticate(callHeaders(token))).principal, 'user:alice');
    });
  });

  describe('signatures and algorithms', () => {
    it('rejects a token signed by another key under a trusted kid', async () => {
      const impostor = await createSigningKey('RS256', 'rsa-1');
      const token = await signWith(impostor);
      await assertDenied(authenticator.authenticate(callHeaders(token)), 'token signature is invalid', token);
    });

    it('rejects a token signed by a key the JWKS does not have', async () => {
      const stranger = await createSigningKey('ES256', 'unknown-kid');
      const token = await signWith(stranger);
      await assertDenied(
        authenticator.authenticate(callHeaders(token)),
        'token signing key is not trusted',
        token,
      );
    });

    it('ignores a key embedded in the token header (jwk/jku injection)', async () => {
      const attacker = await createSigningKey('RS256', 'rsa-1');
      const token = await signWith(attacker, {
        header: { jwk: attacker.publicJwk, jku: 'http://127.0.0.1:1/attacker-jwks.json' },
      });
      await assertDenied(authenticator.authenticate(callHeaders(token)), 'token signature is invalid', token);
    });

    it('rejects a token whose claims were altered after signing', async () => {
      const token = await signWith(rsa);
      const [header, , signature] = token.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({
          iss: ISSUER,
          aud: AUDIENCE,
          sub: 'admin:root',
          tenant: 'acme',
          exp: nowSeconds() + 300,
        }),
      ).toString('base64url');
      const forged = `${header}.${forgedPayload}.${signature}`;
      await assertDenied(
        authenticator.authenticate(callHeaders(forged)),
        'token signature is invalid',
        forged,
      );
    });

    it('rejects alg none in every spelling', async () => {
      for (const alg of ['none', 'None', 'NONE']) {
        const token = unsignedToken(alg);
        await assertDenied(
          authenticator.authenticate(callHeaders(token)),
          'token algorithm is not allowed',
          token,
        );
      }
    });

    it('rejects an HS256 token signed with the RSA public key as the HMAC secret', async () => {
      for (const secret of [rsa.publicKeyPem, JSON.stringify(rsa.publicJwk)]) {
        const token = await signToken(new TextEncoder().encode(secret), 'HS256', rsa.kid);
        await assertDenied(
          authenticator.authenticate(callHeaders(token)),
          'token algorithm is not allowed',
          token,
        );
      }
    });

    it('rejects tokens that are not JWS compact serializations', async () => {
      const token = await signWith(rsa);
      for (const bad of [
        'not-a-token',
        `${token}.extra`,
        'a.b.c',
        `${token.split('.').slice(0, 2).join('.')}.!!`,
      ]) {
        await assertDenied(authenticator.authenticate(callHeaders(bad)), 'invalid admin token or JWT', bad);
      }
    });

    it('honours an algorithms allowlist narrower than the key set', async () => {
      const rsaOnly = createAuthenticator({
        jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] },
      });
      const token = await signWith(ec);
      await assertDenied(rsaOnly.authenticate(callHeaders(token)), 'token algorithm is not allowed', token);
    });
  });

  describe('tenant claim', () => {
    it('rejects a token without the tenant claim', async () => {
      const token = await signWith(rsa, { claims: { tenant: undefined } });
      await assertDenied(
        authenticator.authenticate(callHeaders(token)),
        'token is missing the tenant claim',
        token,
      );
    });

    it('rejects a tenant claim that is not a valid tenant id', async () => {
      for (const tenant of ['Acme', 'acme corp', 'a'.repeat(64), 42, ['acme'], '-acme']) {
        const token = await signWith(rsa, { claims: { tenant } });
        await assertDenied(
          authenticator.authenticate(callHeaders(token)),
          'token tenant claim is not a valid tenant id',
          token,
        );
      }
    });

    it('reads the tenant from a configured claim', async () => {
      const custom = createAuthenticator({
        jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE, tenantClaim: 'org' },
      });
      const token = await signWith(rsa, { claims: { tenant: undefined, org: 'globex' } });
      assert.equal((await custom.authenticate(callHeaders(token))).tenantId, 'globex');
      const missing = await signWith(rsa);
      await assertDenied(
        custom.authenticate(callHeaders(missing)),
        'token is missing the tenant claim',
        missing,
      );
    });

    it('rejects an x-palyra-tenant that differs from the token tenant', async () => {
      const token = await signWith(rsa);
      await assertDenied(
        authenticator.authenticate(callHeaders(token, { 'x-palyra-tenant': 'globex' })),
        'x-palyra-tenant does not match the token tenant',
        token,
      );
      const context = await authenticator.authenticate(callHeaders(token, { 'x-palyra-tenant': 'acme' }));
      assert.equal(context.tenantId, 'acme');
    });
  });

  describe('subject and principal', () => {
    it('rejects a subject that differs from x-palyra-principal', async () => {
      const token = await signWith(rsa);
      await assertDenied(
        authenticator.authenticate(callHeaders(token, { 'x-palyra-principal': 'admin:root' })),
        'token subject does not match x-palyra-principal',
        token,
      );
    });

    it('rejects a token without a subject, so the caller cannot choose its principal', async () => {
      for (const sub of [undefined, '', 42]) {
        const token = await signWith(rsa, { claims: { sub } });
        await assertDenied(
          authenticator.authenticate(callHeaders(token, { 'x-palyra-principal': 'admin:root' })),
          'token has no subject',
          token,
        );
      }
    });
  });

  describe('roles', () => {
    it('reads roles from the roles claim', async () => {
      const token = await signWith(rsa, { claims: { roles: ['admin', 'member'] } });
      const context = await authenticator.authenticate(callHeaders(token));
      assert.deepEqual(context.roles, ['admin', 'member']);
      assert.equal(context.isAdmin, true);
    });

    it('reads roles from a space-separated scope claim', async () => {
      const token = await signWith(rsa, { claims: { scope: 'runs:write  admin' } });
      const context = await authenticator.authenticate(callHeaders(token));
      assert.deepEqual(context.roles, ['runs:write', 'admin']);
      assert.equal(context.isAdmin, true);
    });

    it('merges roles and scope without duplicates', async () => {
      const token = await signWith(rsa, { claims: { roles: ['member'], scope: 'member runs:read' } });
      assert.deepEqual((await authenticator.authenticate(callHeaders(token))).roles, ['member', 'runs:read']);
    });

    it('has no roles and no admin without role claims', async () => {
      const context = await authenticator.authenticate(callHeaders(await signWith(rsa)));
      assert.deepEqual(context.roles, []);
      assert.equal(context.isAdmin, false);
    });

    it('makes an admin: principal a tenant admin', async () => {
      const token = await signWith(rsa, { claims: { sub: 'admin:bob' } });
      const context = await authenticator.authenticate(
        callHeaders(token, { 'x-palyra-principal': 'admin:bob' }),
      );
      assert.equal(context.isAdmin, true);
      assert.deepEqual(context.roles, []);
    });

    it('rejects malformed roles and scope claims', async () => {
      const roles = await signWith(rsa, { claims: { roles: 'admin' } });
      await assertDenied(
        authenticator.authenticate(callHeaders(roles)),
        'token roles claim must be an array of strings',
        roles,
      );
      const mixed = await signWith(rsa, { claims: { roles: ['admin', 1] } });
      await assertDenied(
        authenticator.authenticate(callHeaders(mixed)),
        'token roles claim must be an array of strings',
        mixed,
      );
      const scope = await signWith(rsa, { claims: { scope: ['admin'] } });
      await assertDenied(
        authenticator.authenticate(callHeaders(scope)),
        'token scope claim must be a string',
        scope,
      );
    });
  });

  it('reports an unreachable key set as UNAVAILABLE, not as a bad token', async () => {
    const gone = await startJwksServer([]);
    const url = gone.url;
    await gone.close();
    const unreachable = createAuthenticator({
      jwt: { jwksUrl: url, issuer: ISSUER, audience: AUDIENCE, jwksTimeoutMs: 2_000 },
    });
    const token = await signWith(rsa);
    await assertDenied(
      unreachable.authenticate(callHeaders(token)),
      'JWT key set is unavailable',
      token,
      'UNAVAILABLE',
    );
  });
});
