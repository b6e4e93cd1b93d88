import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Palyrad } from './palyrad.js';
import { dialableAddress, formatStartupBanner } from './startup-banner.js';

function palyrad(overrides: Partial<Palyrad> = {}): Palyrad {
  return {
    grpcAddress: '127.0.0.1:7443',
    httpAddress: 'http://127.0.0.1:7142',
    adminToken: 'generated-token-0123456789',
    adminTokenSource: 'generated',
    adminTokenFile: '/repo/.palyra/admin-token',
    stateRoot: '/repo/.palyra',
    database: 'pglite',
    bus: 'in-process',
    stop: async () => {},
    ...overrides,
  };
}

describe('formatStartupBanner', () => {
  it('prints the addresses, the auth headers, the token and the next command', () => {
    const banner = formatStartupBanner(palyrad(), { workingDirectory: '/repo' });
    for (const expected of [
      'Palyra is running (embedded PGlite in ./.palyra/pglite, in-process bus).',
      '  gRPC  127.0.0.1:7443',
      '  HTTP  http://127.0.0.1:7142',
      '  authorization: Bearer <token>',
      '  x-palyra-principal:',
      '  x-palyra-device-id:',
      'Admin token (generated, saved in ./.palyra/admin-token, mode 0600):',
      '  generated-token-0123456789',
      '  export PALYRA_TOKEN=generated-token-0123456789',
      '  npx palyra chat "hello"',
    ]) {
      assert.ok(banner.includes(expected), `banner has ${JSON.stringify(expected)}:\n${banner}`);
    }
    assert.ok(!banner.includes('PALYRA_GRPC_URL'), 'the CLI default needs no URL');
  });

  it('adds the URL to export when the port is not the CLI default, and never prints an env token', () => {
    const banner = formatStartupBanner(
      palyrad({
        grpcAddress: '0.0.0.0:50051',
        adminToken: 'secret-from-the-environment',
        adminTokenSource: 'environment',
        adminTokenFile: undefined,
        database: 'postgres',
        bus: 'nats',
      }),
      { workingDirectory: '/repo' },
    );
    assert.ok(banner.includes('Palyra is running (PostgreSQL, NATS JetStream).'));
    assert.ok(banner.includes('  export PALYRA_GRPC_URL=127.0.0.1:50051'));
    assert.ok(banner.includes('export PALYRA_TOKEN="$PALYRA_ADMIN_TOKEN"'));
    assert.ok(!banner.includes('secret-from-the-environment'));
  });

  it('dials loopback for wildcard bind addresses', () => {
    assert.equal(dialableAddress('0.0.0.0:7443'), '127.0.0.1:7443');
    assert.equal(dialableAddress('[::]:7443'), '[::1]:7443');
    assert.equal(dialableAddress('10.0.0.5:7443'), '10.0.0.5:7443');
  });
});
