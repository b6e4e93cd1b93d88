import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ApiKeyLookup,
  createApiKeyVerifier,
  createAuthenticator,
  hashApiKeySecret,
  mintApiKey,
  parseApiKey,
  requireAdmin,
  type VerifiedApiKey,
} from '@palyra/auth';
import { newId } from '@palyra/core';
import { ADMIN_TOKEN, assertDenied, callHeaders, DEVICE_ID, headers } from './support.js';

/** Keys as a repository stores them: by (tenant, key id), with the secret's hash and a revoked flag. */
function keyStore() {
  const keys = new Map<string, VerifiedApiKey & { secretHash: string; revoked: boolean }>();
  const lookups: string[] = [];
  const lookup: ApiKeyLookup = {
    async findActive(tenantId, keyId, secretHash) {
      lookups.push(`${tenantId}/${keyId}`);
      const key = keys.get(`${tenantId}/${keyId}`);
      return key !== undefined && !key.revoked && key.secretHash === secretHash ? key : null;
    },
  };
  return {
    lookup,
    lookups,
    add(tenantId: string, key: VerifiedApiKey) {
      const minted = mintApiKey(tenantId);
      keys.set(`${tenantId}/${minted.keyId}`, { ...key, secretHash: minted.secretHash, revoked: false });
      return minted;
    },
    revoke(tenantId: string, keyId: string) {
      const key = keys.get(`${tenantId}/${keyId}`);
      if (key !== undefined) keys.set(`${tenantId}/${keyId}`, { ...key, revoked: true });
    },
  };
}

describe('API keys', () => {
  it('mint keys of the form pk_<tenant>_<key_id>_<secret> that parse back, storing only a hash', () => {
    const minted = mintApiKey('acme_corp-1');
    const parsed = parseApiKey(minted.token);
    assert.ok(parsed);
    assert.equal(parsed.tenantId, 'acme_corp-1');
    assert.equal(parsed.keyId, minted.keyId);
    assert.equal(minted.token, `pk_acme_corp-1_${minted.keyId}_${parsed.secret}`);
    assert.equal(parsed.secret.length, 43);
    assert.equal(minted.secretHash, hashApiKeySecret(parsed.secret));
    assert.match(minted.secretHash, /^[0-9a-f]{64}$/);
    assert.ok(!minted.secretHash.includes(parsed.secret));
    assert.notEqual(mintApiKey('acme_corp-1').token, minted.token);
  });

  it('refuse to parse malformed keys', () => {
    const { token, keyId } = mintApiKey('acme');
    const secret = token.slice(-43);
    for (const malformed of [
      '',
      'pk_',
      token.slice(0, -1),
      `${token}x`,
      `pk_Acme_${keyId}_${secret}`,
      `pk_acme_${keyId.toLowerCase()}_${secret}`,
      `pk_acme_${keyId}${secret}`,
      `pk__${keyId}_${secret}`,
      `sk_acme_${keyId}_${secret}`,
    ]) {
      assert.equal(parseApiKey(malformed), undefined, malformed);
    }
  });

  describe('authentication', () => {
    const store = keyStore();
    const authenticator = createAuthenticator(
      { adminToken: ADMIN_TOKEN },
      { apiKeys: createApiKeyVerifier(store.lookup) },
    );
    const service = store.add('acme', { principal: 'apikey:svc', roles: ['reader'] });
    const admin = store.add('acme', { principal: 'svc:ops', roles: ['admin'] });

    it('authenticates a key in its own tenant with its principal and roles, device optional', async () => {
      const context = await authenticator.authenticate(headers({ authorization: `Bearer ${service.token}` }));
      assert.deepEqual(context, {
        tenantId: 'acme',
        principal: 'apikey:svc',
        // Without x-palyra-device-id the key id is the device, so the key's sessions are stable.
        deviceId: service.keyId,
        channel: undefined,
        roles: ['reader'],
        credential: 'api_key',
        keyId: service.keyId,
        isAdmin: false,
      });
      assert.throws(() => requireAdmin(context), /admin role required/);
      const withDevice = await authenticator.authenticate(
        callHeaders(service.token, { 'x-palyra-channel': 'ci' }),
      );
      assert.equal(withDevice.deviceId, DEVICE_ID);
      assert.equal(withDevice.channel, 'ci');
      const adminKey = await authenticator.authenticate(callHeaders(admin.token));
      assert.equal(adminKey.isAdmin, true);
    });

    it('rejects wrong, revoked and malformed keys without echoing them', async () => {
      const wrongSecret = `${service.token.slice(0, -43)}${'A'.repeat(43)}`;
      await assertDenied(
        authenticator.authenticate(callHeaders(wrongSecret)),
        'API key is unknown or revoked',
        wrongSecret,
      );
      const otherTenant = service.token.replace('pk_acme_', 'pk_other_');
      await assertDenied(
        authenticator.authenticate(callHeaders(otherTenant)),
        'API key is unknown or revoked',
        otherTenant,
      );
      await assertDenied(
        authenticator.authenticate(callHeaders('pk_acme_nonsense')),
        'API key is malformed',
        'pk_acme_nonsense',
      );
      const revoked = store.add('acme', { principal: 'apikey:old', roles: [] });
      store.revoke('acme', revoked.keyId);
      await assertDenied(
        authenticator.authenticate(callHeaders(revoked.token)),
        'API key is unknown or revoked',
        revoked.token,
      );
    });

    it('looks the key up only in the tenant it names, and checks the context headers against it', async () => {
      store.lookups.length = 0;
      await authenticator.authenticate(callHeaders(service.token));
      assert.deepEqual(store.lookups, [`acme/${service.keyId}`]);
      await assertDenied(
        authenticator.authenticate(callHeaders(service.token, { 'x-palyra-tenant': 'other' })),
        'x-palyra-tenant does not match the API key tenant',
        service.token,
      );
      await assertDenied(
        authenticator.authenticate(callHeaders(service.token, { 'x-palyra-principal': 'admin:me' })),
        'API key principal does not match x-palyra-principal',
        service.token,
      );
      const matching = await authenticator.authenticate(
        callHeaders(service.token, { 'x-palyra-tenant': 'acme', 'x-palyra-principal': 'apikey:svc' }),
      );
      assert.equal(matching.principal, 'apikey:svc');
      await assertDenied(
        authenticator.authenticate(
          headers({ authorization: `Bearer ${service.token}`, 'x-palyra-device-id': 'nope' }),
        ),
        'x-palyra-device-id must be a canonical ULID',
        service.token,
      );
    });

    it('are refused by an authenticator without a key store', async () => {
      const withoutKeys = createAuthenticator({ adminToken: ADMIN_TOKEN });
      await assertDenied(
        withoutKeys.authenticate(callHeaders(service.token)),
        'API keys are not accepted by this server',
        service.token,
      );
    });

    it('still require a device id for the admin token and JWTs', async () => {
      await assertDenied(
        authenticator.authenticate(
          headers({ authorization: `Bearer ${ADMIN_TOKEN}`, 'x-palyra-principal': 'ops' }),
        ),
        'x-palyra-device-id is required',
        ADMIN_TOKEN,
      );
      const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln';
      await assertDenied(
        authenticator.authenticate(headers({ authorization: `Bearer ${jwtLike}` })),
        'x-palyra-device-id is required',
        jwtLike,
      );
    });
  });

  it('verify through the lookup with the secret hash, never the secret', async () => {
    const seen: string[] = [];
    const verifier = createApiKeyVerifier({
      async findActive(_tenantId, _keyId, secretHash) {
        seen.push(secretHash);
        return null;
      },
    });
    const keyId = newId();
    assert.equal(await verifier.verify('acme', keyId, 'the-secret'), null);
    assert.deepEqual(seen, [hashApiKeySecret('the-secret')]);
  });
});
