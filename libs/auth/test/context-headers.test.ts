import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CallerContext, createAuthenticator, createHeaderLookup, requireAdmin } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import { ADMIN_TOKEN, assertDenied, callHeaders, DEVICE_ID, headers, OVERSIZED_TOKEN } from './support.js';

describe('authorization and context headers', () => {
  const authenticator = createAuthenticator({ adminToken: ADMIN_TOKEN });
  const principal = { 'x-palyra-principal': 'ops' };

  it('rejects a call without authorization', async () => {
    await assertDenied(
      authenticator.authenticate(headers({ 'x-palyra-device-id': DEVICE_ID, ...principal })),
      'missing authorization header',
    );
    await assertDenied(
      authenticator.authenticate(headers({ authorization: '  ', 'x-palyra-device-id': DEVICE_ID })),
      'missing authorization header',
    );
  });

  it('rejects authorization that is not a Bearer token', async () => {
    for (const authorization of [
      `Basic ${ADMIN_TOKEN}`,
      ADMIN_TOKEN,
      'Bearer',
      'Bearer ',
      `Bearer ${ADMIN_TOKEN} extra`,
      `Bearer\t${ADMIN_TOKEN}`,
    ]) {
      await assertDenied(
        authenticator.authenticate(headers({ authorization, 'x-palyra-device-id': DEVICE_ID, ...principal })),
        'authorization must be a Bearer token',
        ADMIN_TOKEN,
      );
    }
  });

  it('accepts the Bearer scheme in any case', async () => {
    const context = await authenticator.authenticate(
      headers({ authorization: `bearer ${ADMIN_TOKEN}`, 'x-palyra-device-id': DEVICE_ID, ...principal }),
    );
    assert.equal(context.credential, 'admin_token');
  });

  it('rejects an oversized bearer token before verifying it', async () => {
    await assertDenied(
      authenticator.authenticate(callHeaders(OVERSIZED_TOKEN, principal)),
      'bearer token is too long',
      OVERSIZED_TOKEN,
    );
  });

  it('requires x-palyra-device-id', async () => {
    await assertDenied(
      authenticator.authenticate(headers({ authorization: `Bearer ${ADMIN_TOKEN}`, ...principal })),
      'x-palyra-device-id is required',
      ADMIN_TOKEN,
    );
    await assertDenied(
      authenticator.authenticate(callHeaders(ADMIN_TOKEN, { ...principal, 'x-palyra-device-id': '' })),
      'x-palyra-device-id is required',
      ADMIN_TOKEN,
    );
  });

  it('requires x-palyra-device-id to be a canonical ULID', async () => {
    for (const deviceId of [
      DEVICE_ID.toLowerCase(),
      'device-1',
      `${DEVICE_ID}0`,
      ` ${DEVICE_ID}`,
      '8ZZZZZZZZZZZZZZZZZZZZZZZZZ',
    ]) {
      await assertDenied(
        authenticator.authenticate(
          callHeaders(ADMIN_TOKEN, { ...principal, 'x-palyra-device-id': deviceId }),
        ),
        'x-palyra-device-id must be a canonical ULID',
        ADMIN_TOKEN,
      );
    }
  });

  it('rejects a blank x-palyra-principal', async () => {
    await assertDenied(
      authenticator.authenticate(callHeaders(ADMIN_TOKEN, { 'x-palyra-principal': '   ' })),
      'x-palyra-principal must not be empty',
      ADMIN_TOKEN,
    );
  });

  it('rejects a blank x-palyra-channel and leaves an absent one undefined', async () => {
    await assertDenied(
      authenticator.authenticate(callHeaders(ADMIN_TOKEN, { ...principal, 'x-palyra-channel': ' ' })),
      'x-palyra-channel must not be empty',
      ADMIN_TOKEN,
    );
    const context = await authenticator.authenticate(callHeaders(ADMIN_TOKEN, principal));
    assert.equal(context.channel, undefined);
  });

  it('returns a frozen context', async () => {
    const context = await authenticator.authenticate(callHeaders(ADMIN_TOKEN, principal));
    assert.ok(Object.isFrozen(context));
    assert.ok(Object.isFrozen(context.roles));
  });
});

describe('createHeaderLookup', () => {
  it('reads string values and single-element arrays, ignores binary values', () => {
    const raw: Record<string, unknown> = {
      authorization: 'Bearer x',
      'x-palyra-principal': ['alice'],
      'x-palyra-channel': [Buffer.from('bin')],
    };
    const lookup = createHeaderLookup((name) => raw[name]);
    assert.equal(lookup('authorization'), 'Bearer x');
    assert.equal(lookup('x-palyra-principal'), 'alice');
    assert.equal(lookup('x-palyra-channel'), undefined);
    assert.equal(lookup('x-palyra-device-id'), undefined);
  });

  it('rejects a header sent twice instead of picking one', async () => {
    const authenticator = createAuthenticator({ adminToken: ADMIN_TOKEN });
    const raw: Record<string, unknown> = {
      authorization: [`Bearer ${ADMIN_TOKEN}`, 'Bearer other'],
      'x-palyra-device-id': [DEVICE_ID],
    };
    await assertDenied(
      authenticator.authenticate(createHeaderLookup((name) => raw[name])),
      'authorization must be sent once',
      ADMIN_TOKEN,
    );
  });
});

describe('requireAdmin', () => {
  it('rejects a caller without the admin role', () => {
    const context: CallerContext = {
      tenantId: 'acme',
      principal: 'user:alice',
      deviceId: DEVICE_ID,
      channel: undefined,
      roles: ['member'],
      credential: 'jwt',
      subject: 'user:alice',
      isAdmin: false,
    };
    assert.throws(
      () => requireAdmin(context),
      (error: unknown) =>
        error instanceof PalyraError &&
        error.code === 'PERMISSION_DENIED' &&
        error.message === 'admin role required',
    );
  });
});
