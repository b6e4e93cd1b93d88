import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuthenticator, requireAdmin } from '@palyra/auth';
import { ADMIN_TOKEN, assertDenied, callHeaders, DEVICE_ID } from './support.js';

describe('admin token', () => {
  const authenticator = createAuthenticator({ adminToken: ADMIN_TOKEN });

  it('authenticates the operator in the default tenant with the admin role', async () => {
    const context = await authenticator.authenticate(
      callHeaders(ADMIN_TOKEN, { 'x-palyra-principal': ' ops:carol ', 'x-palyra-channel': 'cli' }),
    );
    assert.deepEqual(context, {
      tenantId: 'default',
      principal: 'ops:carol',
      deviceId: DEVICE_ID,
      channel: 'cli',
      roles: ['admin'],
      credential: 'admin_token',
      isAdmin: true,
    });
    assert.equal(context.subject, undefined);
    assert.equal(requireAdmin(context), context);
  });

  it('acts in the tenant named by x-palyra-tenant', async () => {
    const context = await authenticator.authenticate(
      callHeaders(ADMIN_TOKEN, { 'x-palyra-principal': 'ops', 'x-palyra-tenant': 'acme' }),
    );
    assert.equal(context.tenantId, 'acme');
  });

  it('rejects an invalid x-palyra-tenant with PERMISSION_DENIED', async () => {
    await assertDenied(
      authenticator.authenticate(
        callHeaders(ADMIN_TOKEN, { 'x-palyra-principal': 'ops', 'x-palyra-tenant': 'Acme Corp' }),
      ),
      "x-palyra-tenant must be 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or digit",
      ADMIN_TOKEN,
    );
  });

  it('rejects a wrong token without saying which part was wrong', async () => {
    for (const wrong of [
      `${ADMIN_TOKEN}x`,
      ADMIN_TOKEN.slice(0, -1),
      ADMIN_TOKEN.toUpperCase(),
      'short',
      'a'.repeat(ADMIN_TOKEN.length),
    ]) {
      await assertDenied(
        authenticator.authenticate(callHeaders(wrong, { 'x-palyra-principal': 'ops' })),
        'invalid admin token or JWT',
        wrong,
      );
    }
  });

  it('requires x-palyra-principal', async () => {
    await assertDenied(
      authenticator.authenticate(callHeaders(ADMIN_TOKEN)),
      'x-palyra-principal is required',
      ADMIN_TOKEN,
    );
  });

  describe('bound to a principal', () => {
    const bound = createAuthenticator({ adminToken: ADMIN_TOKEN, adminBoundPrincipal: 'admin:ops' });

    it('accepts exactly the bound principal', async () => {
      const context = await bound.authenticate(
        callHeaders(ADMIN_TOKEN, { 'x-palyra-principal': 'admin:ops' }),
      );
      assert.equal(context.principal, 'admin:ops');
      assert.equal(context.isAdmin, true);
    });

    it('rejects any other principal', async () => {
      for (const principal of ['admin:other', 'admin:ops2', 'ADMIN:OPS']) {
        await assertDenied(
          bound.authenticate(callHeaders(ADMIN_TOKEN, { 'x-palyra-principal': principal })),
          'admin token is bound to another principal',
          ADMIN_TOKEN,
        );
      }
    });

    it('rejects a call without a principal', async () => {
      await assertDenied(
        bound.authenticate(callHeaders(ADMIN_TOKEN)),
        'x-palyra-principal is required',
        ADMIN_TOKEN,
      );
    });
  });
});
