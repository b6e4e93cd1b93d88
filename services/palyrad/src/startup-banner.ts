import { relative } from 'node:path';
import type { Palyrad } from './palyrad.js';

/** The default the CLI dials (`palyra chat` without --url / PALYRA_GRPC_URL). */
export const CLI_DEFAULT_GRPC_URL = '127.0.0.1:7443';

/** A wildcard bind address is not an address to dial: clients on this machine use loopback. */
export function dialableAddress(address: string): string {
  if (address.startsWith('0.0.0.0:')) return `127.0.0.1:${address.slice('0.0.0.0:'.length)}`;
  if (address.startsWith('[::]:')) return `[::1]:${address.slice('[::]:'.length)}`;
  return address;
}

function shown(path: string, workingDirectory: string): string {
  const rel = relative(workingDirectory, path);
  return rel === '' || rel.startsWith('..') ? path : `./${rel}`;
}

export interface BannerOptions {
  /** Paths under it are printed relative (`./.palyra/admin-token`). */
  readonly workingDirectory: string;
}

/**
 * What `npm start` prints once palyrad is ready: where it listens, how to authenticate, and the
 * command to try next. Human-readable on stdout (the JSON log has the same facts, without the token).
 */
export function formatStartupBanner(palyrad: Palyrad, options: BannerOptions): string {
  const grpcUrl = dialableAddress(palyrad.grpcAddress);
  const storage =
    palyrad.database === 'pglite'
      ? `embedded PGlite in ${shown(`${palyrad.stateRoot}/pglite`, options.workingDirectory)}`
      : 'PostgreSQL';
  const bus = palyrad.bus === 'in-process' ? 'in-process bus' : 'NATS JetStream';
  const tokenLine =
    palyrad.adminTokenSource === 'environment'
      ? 'Admin token: the value of PALYRA_ADMIN_TOKEN'
      : `Admin token (${palyrad.adminTokenSource === 'generated' ? 'generated, saved' : 'kept'} in ${shown(
          palyrad.adminTokenFile ?? '',
          options.workingDirectory,
        )}, mode 0600):`;
  const exportToken =
    palyrad.adminTokenSource === 'environment'
      ? '  export PALYRA_TOKEN="$PALYRA_ADMIN_TOKEN"'
      : `  export PALYRA_TOKEN=${palyrad.adminToken}`;
  const lines = [
    '',
    `Palyra is running (${storage}, ${bus}).`,
    '',
    `  gRPC  ${palyrad.grpcAddress}   palyra.gateway.v1.GatewayService, palyra.journal.v1.JournalService`,
    `  HTTP  ${palyrad.httpAddress}   /healthz /readyz /metrics`,
    '',
    'Every RPC but GetHealth carries these metadata headers:',
    '  authorization: Bearer <token>',
    '  x-palyra-principal: <who is calling, e.g. user:alice>',
    '  x-palyra-device-id: <a canonical ULID naming the device>',
    '',
    tokenLine,
    ...(palyrad.adminTokenSource === 'environment' ? [] : [`  ${palyrad.adminToken}`]),
    '',
    'Try it in another terminal:',
    exportToken,
    ...(grpcUrl === CLI_DEFAULT_GRPC_URL ? [] : [`  export PALYRA_GRPC_URL=${grpcUrl}`]),
    '  npx palyra chat "hello"',
    '',
    'Ctrl-C stops palyrad (gracefully).',
    '',
  ];
  return lines.join('\n');
}
