import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ipaddr from 'ipaddr.js';
import { ToolError } from '../tool-definition.js';
import { createTargetGuard, nonPublicRange } from './target-guard.js';

const signal = new AbortController().signal;

describe('nonPublicRange', () => {
  it('passes public unicast addresses of both families', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '64:ff9b::808:808']) {
      assert.equal(nonPublicRange(ipaddr.parse(address)), undefined, address);
    }
  });

  it('names the range of every non-public form, embedded IPv4 included', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.0.1', 'private'],
      ['169.254.169.254', 'linkLocal'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['0.0.0.0', 'unspecified'],
      ['255.255.255.255', 'broadcast'],
      ['224.0.0.1', 'multicast'],
      ['192.0.2.1', 'reserved'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fe80::1', 'linkLocal'],
      ['fd12:3456::1', 'uniqueLocal'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:10.0.0.1', 'private'],
      ['64:ff9b::a9fe:a9fe', 'linkLocal'],
      ['::7f00:1', 'ipv4Compatible'],
      ['::808:808', 'ipv4Compatible'],
      ['2002:7f00:1::', '6to4'],
    ];
    for (const [address, range] of cases) {
      assert.equal(nonPublicRange(ipaddr.parse(address)), range, address);
    }
  });
});

describe('target guard', () => {
  it('lets operator-listed ranges through and nothing next to them', async () => {
    const guard = createTargetGuard({
      allowPrivateTargets: false,
      allowedPrivateCidrs: ['10.1.0.0/16', 'fd00::/8'],
    });
    assert.equal((await guard.check(new URL('http://10.1.2.3/'), signal)).address, '10.1.2.3');
    assert.equal((await guard.check(new URL('http://[::ffff:10.1.2.3]/'), signal)).address, '::ffff:a01:203');
    assert.equal((await guard.check(new URL('http://[fd00::5]/'), signal)).address, 'fd00::5');
    await assert.rejects(guard.check(new URL('http://10.2.0.1/'), signal), ToolError);
  });

  it('allows every address when private targets are allowed, but still only http and https', async () => {
    const guard = createTargetGuard({ allowPrivateTargets: true, allowedPrivateCidrs: [] });
    assert.equal((await guard.check(new URL('http://169.254.169.254/'), signal)).address, '169.254.169.254');
    await assert.rejects(guard.check(new URL('ftp://example.com/'), signal), { code: 'blocked_target' });
    await assert.rejects(guard.check(new URL('http://user:pw@example.com/'), signal), {
      code: 'invalid_input',
    });
  });

  it('rejects a resolver answer that is not an address', async () => {
    const guard = createTargetGuard({ allowPrivateTargets: false, allowedPrivateCidrs: [] }, async () => [
      { address: 'not-an-ip', family: 4 },
    ]);
    await assert.rejects(guard.check(new URL('http://odd.test/'), signal), { code: 'network_error' });
  });
});
