#!/usr/bin/env node
// The `palyra` command: real stdio, signals, SDK and database wiring around runCli.
import { homedir, userInfo } from 'node:os';
import { createPalyraClient } from '@palyra/client';
import { InterruptBus } from './io.js';
import { runCli } from './program.js';

function osUsername(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

const interrupts = new InterruptBus();
// Ctrl-C goes to the innermost operation (cancel the run, leave the prompt); with none, exit.
process.on('SIGINT', () => {
  if (!interrupts.emit()) process.exit(130);
});

process.exitCode = await runCli(process.argv.slice(2), {
  io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, interrupts },
  createClient: createPalyraClient,
  runMigrations: async (url) => {
    // Loaded on demand: the journal pulls in pg, kysely and PGlite, which no other command needs.
    const { connectPostgres, migrate } = await import('@palyra/journal');
    const database = await connectPostgres({ url, poolSize: 1, applicationName: 'palyra-migrate' });
    try {
      return await migrate(database);
    } finally {
      await database.close();
    }
  },
  username: osUsername(),
  homedir: homedir(),
  cwd: process.cwd(),
});
