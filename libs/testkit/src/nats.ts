import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** The NATS server integration tests use: `PALYRA_NATS_URL` or the local default. */
export function natsTestServers(): string {
  return process.env.PALYRA_NATS_URL ?? 'nats://127.0.0.1:4222';
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A fresh stream prefix (`T` + 10 random upper-case characters), so parallel runs never collide. */
export function uniqueStreamPrefix(): string {
  let suffix = '';
  for (const byte of randomBytes(10)) suffix += ALPHABET[byte % ALPHABET.length];
  return `T${suffix}`;
}

/** Deletes every stream named `<prefix>_*` (their consumers go with them). Returns the names. */
export async function cleanupNatsPrefix(prefix: string, servers = natsTestServers()): Promise<string[]> {
  const connection = await connect({ servers, name: 'palyra-testkit-cleanup' });
  try {
    const manager = await jetstreamManager(connection);
    // Collect first: the lister pages by offset, which deleting underneath would shift.
    const names: string[] = [];
    for await (const name of manager.streams.names()) {
      if (name.startsWith(`${prefix}_`)) names.push(name);
    }
    for (const name of names) await manager.streams.delete(name);
    return names;
  } finally {
    await connection.close();
  }
}
