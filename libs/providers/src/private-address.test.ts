import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBaseUrlHost, isPrivateAddress } from './private-address.js';

describe('isPrivateAddress', () => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
  ]) {
    it(`${address} is private`, () => assert.equal(isPrivateAddress(address), true));
  }
  for (const address of ['8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'not-an-ip']) {
    it(`${address} is not private`, () => assert.equal(isPrivateAddress(address), false));
  }
});

describe('checkBaseUrlHost', () => {
  it('judges literal addresses without resolving', async () => {
    const lookup = () => Promise.reject(new Error('must not resolve'));
    assert.deepEqual(await checkBaseUrlHost('http://127.0.0.1:11434/v1', lookup), {
      outcome: 'private',
      addresses: ['127.0.0.1'],
    });
    assert.deepEqual(await checkBaseUrlHost('http://[::1]:8000/v1', lookup), {
      outcome: 'private',
      addresses: ['::1'],
    });
    assert.deepEqual(await checkBaseUrlHost('https://8.8.8.8/v1', lookup), { outcome: 'public' });
  });

  it('is private when any resolved address is', async () => {
    const check = await checkBaseUrlHost('https://models.internal/v1', async () => ['8.8.8.8', '10.0.0.7']);
    assert.deepEqual(check, { outcome: 'private', addresses: ['10.0.0.7'] });
  });

  it('reports a name that does not resolve', async () => {
    const check = await checkBaseUrlHost('https://nowhere.invalid/v1', async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    });
    assert.deepEqual(check, { outcome: 'unresolved', reason: 'ENOTFOUND' });
  });
});
