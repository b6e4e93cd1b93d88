import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPalyraError } from './errors.js';
import { DEFAULT_TENANT_ID, isTenantId, requireTenantId } from './tenant.js';

describe('isTenantId', () => {
  test('accepts 1-63 lower-case letters, digits, _ and -, starting with a letter or digit', () => {
    for (const id of [
      DEFAULT_TENANT_ID,
      'acme',
      'a',
      '0',
      '0acme',
      'acme_corp',
      'acme-corp-2',
      `a${'b'.repeat(62)}`,
    ]) {
      assert.equal(isTenantId(id), true, id);
    }
  });

  test('rejects ids that could not be a NATS subject token or a Postgres setting', () => {
    for (const id of [
      '',
      'Acme',
      'ACME',
      '-acme',
      '_acme',
      'acme.corp',
      'acme corp',
      'acme/x',
      'acme*',
      'acme>',
      'äcme',
      `a${'b'.repeat(63)}`,
    ]) {
      assert.equal(isTenantId(id), false, id);
    }
  });

  test('the default tenant id is valid', () => {
    assert.equal(DEFAULT_TENANT_ID, 'default');
    assert.equal(isTenantId(DEFAULT_TENANT_ID), true);
  });
});

describe('requireTenantId', () => {
  test('returns a valid id', () => {
    assert.equal(requireTenantId('acme'), 'acme');
  });

  test('names the field in its messages', () => {
    const failures: [string | null | undefined, string | undefined, string][] = [
      [undefined, undefined, 'tenant_id is required'],
      [null, undefined, 'tenant_id is required'],
      ['', 'x-palyra-tenant', 'x-palyra-tenant is required'],
      [
        'Acme',
        undefined,
        "tenant_id must be 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or digit",
      ],
    ];
    for (const [value, field, message] of failures) {
      assert.throws(
        () => requireTenantId(value, field),
        (error: unknown) => {
          assert.ok(isPalyraError(error));
          assert.equal(error.code, 'INVALID_ARGUMENT');
          assert.equal(error.message, message);
          assert.equal(error.violations[0]?.field, field ?? 'tenant_id');
          return true;
        },
      );
    }
  });
});
