import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAuthenticator, createHeaderLookup } from '@palyra/auth';
import { type CliClient, runCli } from '@palyra/cli';
import {
  type ChainVerification,
  PalyraClientError,
  type RunEvent,
  type RunEventPage,
  type SessionSummary,
} from '@palyra/client';
import { newId } from '@palyra/core';
import { createTestDeps, createTestIo, type TestIo, tempDir } from './support.js';

const RUN_ID = newId();
const SESSION_ID = newId();
const DEVICE_ID = newId();

function session(key: string, overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    sessionId: SESSION_ID,
    sessionKey: key,
    sessionLabel: '',
    createdAtUnixMs: 1_700_000_000_000,
    updatedAtUnixMs: 1_700_000_000_000,
    lastRunId: undefined,
    archivedAtUnixMs: 0,
    title: `title of ${key}`,
    preview: '',
    lastIntent: '',
    lastSummary: '',
    matchSnippet: '',
    parentSessionId: undefined,
    lastRunState: 'done',
    ...overrides,
  };
}

/** Records calls; answers with canned data. */
class RecordingClient implements CliClient {
  readonly calls: [string, ...unknown[]][] = [];
  verification: ChainVerification = {
    ok: true,
    length: 3,
    headHash: 'f'.repeat(64),
    brokenAtChainSeq: undefined,
    reason: '',
  };
  failWith: PalyraClientError | undefined;
  closed = 0;

  health() {
    this.calls.push(['health']);
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve({
      service: 'palyra-gateway',
      status: 'ok',
      version: '0.1.0',
      gitHash: 'abc1234',
      buildProfile: 'release',
      uptimeSeconds: 12,
    });
  }
  resolveSession(): never {
    throw new Error('not used');
  }
  async *iterateSessions(options?: object) {
    this.calls.push(['iterateSessions', options]);
    yield session('alpha');
    yield session('bravo', { archivedAtUnixMs: 5 });
  }
  cleanupSession(selector: object) {
    this.calls.push(['cleanupSession', selector]);
    return Promise.resolve({
      session: session(`archived:${SESSION_ID}:1`),
      cleaned: true,
      newlyArchived: true,
      previousSessionKey: 'alpha',
      runCount: 3,
    });
  }
  abortRun(runId: string, reason?: string) {
    this.calls.push(['abortRun', runId, reason]);
    return Promise.resolve({ runId, cancelRequested: true, reason: reason || 'grpc_abort_requested' });
  }
  verifySessionChain(sessionId: string) {
    this.calls.push(['verifySessionChain', sessionId]);
    return Promise.resolve(this.verification);
  }
  listRunEvents(runId: string, afterSeq?: number): Promise<RunEventPage> {
    this.calls.push(['listRunEvents', runId, afterSeq]);
    const all: RunEvent[] = [
      { type: 'status', kind: 'ACCEPTED', message: 'accepted', seq: 6, timestampUnixMs: 1_700_000_000_000 },
      {
        type: 'token',
        text: 'hi',
        isFinal: true,
        awaitingInput: true,
        seq: 7,
        timestampUnixMs: 1_700_000_000_001,
      },
      { type: 'status', kind: 'DONE', message: '', seq: 8, timestampUnixMs: 1_700_000_000_002 },
    ];
    const events = all.filter((event) => event.seq > (afterSeq ?? 0)).slice(0, 2);
    const last = events.at(-1)?.seq;
    return Promise.resolve({ events, nextAfterSeq: last !== undefined && last < 8 ? last : undefined });
  }
  openRun(): never {
    throw new Error('not used');
  }
  close() {
    this.closed += 1;
  }
}

interface Run {
  readonly code: number;
  readonly io: TestIo;
  readonly client: RecordingClient;
  readonly created: ReturnType<typeof createTestDeps>['created'];
  readonly home: string;
}

async function palyra(
  t: { after(fn: () => void): void },
  argv: string[],
  options: { env?: Record<string, string>; stdin?: string; client?: RecordingClient; home?: string } = {},
): Promise<Run> {
  const home = options.home ?? tempDir(t);
  const io = createTestIo({ env: { PALYRA_TOKEN: 'env-token', ...options.env } });
  if (options.stdin !== undefined) io.stdin.end(options.stdin);
  const client = options.client ?? new RecordingClient();
  const migrations: string[] = [];
  const { deps, created } = createTestDeps(io, home, {
    client,
    runMigrations: (url) => {
      migrations.push(url);
      return Promise.resolve({ applied: ['0001_init', '0002_journal'] });
    },
  });
  const code = await runCli(argv, deps);
  client.calls.push(...migrations.map((url): [string, string] => ['runMigrations', url]));
  return { code, io, client, created, home };
}

describe('palyra commands', () => {
  it('passes connection flags over env and the config file to the client, then closes it', async (t) => {
    const run = await palyra(
      t,
      [
        'health',
        '--url',
        'a:1,grpcs://b:2',
        '--token',
        'flag-token',
        '--principal',
        'user:flag',
        '--device-id',
        DEVICE_ID,
        '--channel',
        'ops',
        '--tenant',
        'acme',
      ],
      { env: { PALYRA_PRINCIPAL: 'user:env', PALYRA_CHANNEL: 'env-channel' } },
    );
    assert.equal(run.code, 0);
    const [options] = run.created;
    assert.deepEqual(options?.url, ['a:1', 'grpcs://b:2']);
    assert.equal(options?.token, 'flag-token');
    assert.equal(options?.principal, 'user:flag');
    assert.equal(options?.deviceId, DEVICE_ID);
    assert.equal(options?.channel, 'ops');
    assert.equal(options?.tenant, 'acme');
    assert.equal(run.client.closed, 1);
  });

  it('creates the config file on first use and reuses its device id and principal', async (t) => {
    const first = await palyra(t, ['health']);
    const path = join(first.home, '.config', 'palyra', 'cli.json');
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { deviceId: string; principal: string };
    assert.equal(stored.principal, 'user:tester');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const second = await palyra(t, ['health'], { home: first.home });
    assert.equal(first.created[0]?.deviceId, stored.deviceId);
    assert.equal(second.created[0]?.deviceId, stored.deviceId);
    assert.equal(second.created[0]?.principal, 'user:tester');
  });

  it('health prints a summary, or JSON, and works without a token', async (t) => {
    const human = await palyra(t, ['health'], { env: { PALYRA_TOKEN: '' } });
    assert.equal(human.code, 0);
    assert.equal(human.created[0]?.token, undefined);
    assert.equal(
      human.io.stdout.text,
      'palyra-gateway ok at 127.0.0.1:7443 (version 0.1.0, git abc1234, release, up 12s)\n',
    );
    const json = await palyra(t, ['health', '--json']);
    assert.deepEqual(JSON.parse(json.io.stdout.text), {
      url: '127.0.0.1:7443',
      service: 'palyra-gateway',
      status: 'ok',
      version: '0.1.0',
      gitHash: 'abc1234',
      buildProfile: 'release',
      uptimeSeconds: 12,
    });
  });

  it('sessions list forwards --archived and --query and prints a table or JSON', async (t) => {
    const run = await palyra(t, ['sessions', 'list', '--archived', '--query', 'deploy']);
    assert.equal(run.code, 0);
    assert.deepEqual(run.client.calls[0], ['iterateSessions', { includeArchived: true, query: 'deploy' }]);
    const lines = run.io.stdout.text.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^KEY\s+SESSION ID\s+UPDATED\s+STATE\s+TITLE$/);
    assert.match(
      lines[1] ?? '',
      new RegExp(`^alpha\\s+${SESSION_ID}\\s+2023-11-14T22:13:20.000Z\\s+done\\s+title of alpha$`),
    );
    assert.match(lines[2] ?? '', /^bravo\s+.*\s+archived\s+title of bravo$/);

    const json = await palyra(t, ['sessions', 'list', '--json']);
    assert.deepEqual(json.client.calls[0], ['iterateSessions', { includeArchived: false, query: undefined }]);
    const parsed = JSON.parse(json.io.stdout.text) as SessionSummary[];
    assert.deepEqual(
      parsed.map((entry) => entry.sessionKey),
      ['alpha', 'bravo'],
    );
  });

  it('sessions cleanup takes a ULID as the id and anything else as the key', async (t) => {
    const byId = await palyra(t, ['sessions', 'cleanup', SESSION_ID]);
    assert.deepEqual(byId.client.calls[0], ['cleanupSession', { sessionId: SESSION_ID }]);
    const byKey = await palyra(t, ['sessions', 'cleanup', 'alpha']);
    assert.deepEqual(byKey.client.calls[0], ['cleanupSession', { sessionKey: 'alpha' }]);
    assert.equal(
      byKey.io.stdout.text,
      `archived session ${SESSION_ID} (key "alpha" is free again), 3 run(s)\n`,
    );
  });

  it('runs abort sends the reason and refuses a malformed run id before connecting', async (t) => {
    const run = await palyra(t, ['runs', 'abort', RUN_ID, '--reason', 'user gave up']);
    assert.deepEqual(run.client.calls[0], ['abortRun', RUN_ID, 'user gave up']);
    assert.equal(run.io.stdout.text, `cancel requested for run ${RUN_ID} (reason: user gave up)\n`);

    const bad = await palyra(t, ['runs', 'abort', 'run-1']);
    assert.equal(bad.code, 2);
    assert.equal(bad.io.stderr.text, 'error: run_id must be a canonical ULID (USAGE)\n');
    assert.equal(bad.created.length, 0);
  });

  it('runs events pages after --after-seq and prints lines or JSON lines', async (t) => {
    const run = await palyra(t, ['runs', 'events', RUN_ID, '--after-seq', '5']);
    assert.deepEqual(run.client.calls, [
      ['listRunEvents', RUN_ID, 5],
      ['listRunEvents', RUN_ID, 7],
    ]);
    assert.equal(
      run.io.stdout.text,
      [
        '   6  2023-11-14T22:13:20.000Z  status ACCEPTED accepted',
        '   7  2023-11-14T22:13:20.001Z  token "hi" (final)',
        '   8  2023-11-14T22:13:20.002Z  status DONE',
        '',
      ].join('\n'),
    );
    const json = await palyra(t, ['runs', 'events', RUN_ID, '--json']);
    const events = json.io.stdout.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as RunEvent);
    assert.deepEqual(
      events.map((event) => event.seq),
      [6, 7, 8],
    );
    const bad = await palyra(t, ['runs', 'events', RUN_ID, '--after-seq', '-1']);
    assert.equal(bad.code, 2);
    assert.match(
      bad.io.stderr.text,
      /--after-seq <n>' argument '-1' is invalid\. must be a non-negative integer \(USAGE\)/,
    );
  });

  it('journal verify exits 1 and names the first broken link', async (t) => {
    const ok = await palyra(t, ['journal', 'verify', SESSION_ID]);
    assert.equal(ok.code, 0);
    assert.equal(
      ok.io.stdout.text,
      `ok: session ${SESSION_ID} chain of 3 event(s) verifies, head ${'f'.repeat(64)}\n`,
    );

    const client = new RecordingClient();
    client.verification = {
      ok: false,
      length: 9,
      headHash: '',
      brokenAtChainSeq: 4,
      reason: 'prev_hash mismatch',
    };
    const broken = await palyra(t, ['journal', 'verify', SESSION_ID], { client });
    assert.equal(broken.code, 1);
    assert.equal(
      broken.io.stdout.text,
      `broken: session ${SESSION_ID} chain breaks at chain seq 4: prev_hash mismatch\n`,
    );
    const json = await palyra(t, ['journal', 'verify', SESSION_ID, '--json'], { client });
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.io.stdout.text), {
      sessionId: SESSION_ID,
      ok: false,
      length: 9,
      headHash: '',
      brokenAtChainSeq: 4,
      reason: 'prev_hash mismatch',
    });
  });

  it('migrate uses PALYRA_DATABASE_URL, and fails clearly without it', async (t) => {
    const url = 'postgres://owner:pw@db:5432/palyra';
    const run = await palyra(t, ['migrate'], { env: { PALYRA_DATABASE_URL: url } });
    assert.equal(run.code, 0);
    assert.deepEqual(run.client.calls, [['runMigrations', url]]);
    assert.equal(run.io.stdout.text, 'applied 2 migration(s): 0001_init, 0002_journal\n');
    const missing = await palyra(t, ['migrate']);
    assert.equal(missing.code, 1);
    assert.equal(
      missing.io.stderr.text,
      'error: PALYRA_DATABASE_URL is not set (or pass --database-url) (CONFIG_INVALID)\n',
    );
  });

  it('dev token mints a JWT that the gateway authenticator accepts', async (t) => {
    const secret = 'a-development-secret-of-32-bytes+';
    const run = await palyra(t, [
      'dev',
      'token',
      '--secret',
      secret,
      '--tenant',
      'acme',
      '--subject',
      'user:alice',
      '--issuer',
      'https://issuer.test/',
      '--audience',
      'palyra-gateway',
      '--roles',
      'admin,ops',
    ]);
    assert.equal(run.code, 0);
    const token = run.io.stdout.text.trim();
    const authenticator = createAuthenticator({
      jwt: { secret, issuer: 'https://issuer.test/', audience: 'palyra-gateway' },
    });
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-palyra-device-id': DEVICE_ID,
    };
    const caller = await authenticator.authenticate(createHeaderLookup((name) => headers[name]));
    assert.equal(caller.tenantId, 'acme');
    assert.equal(caller.principal, 'user:alice');
    assert.deepEqual(caller.roles, ['admin', 'ops']);
    assert.equal(caller.credential, 'jwt');
  });

  it('dev token takes the secret, issuer and audience from the gateway variables', async (t) => {
    const secret = 'another-development-secret-32-bytes';
    const run = await palyra(t, ['dev', 'token', '--subject', 'user:bob'], {
      env: { PALYRA_JWT_SECRET: secret, PALYRA_JWT_ISSUER: 'iss', PALYRA_JWT_AUDIENCE: 'aud-1,aud-2' },
    });
    const authenticator = createAuthenticator({ jwt: { secret, issuer: 'iss', audience: 'aud-1' } });
    const headers: Record<string, string> = {
      authorization: `Bearer ${run.io.stdout.text.trim()}`,
      'x-palyra-device-id': DEVICE_ID,
    };
    const caller = await authenticator.authenticate(createHeaderLookup((name) => headers[name]));
    assert.equal(caller.tenantId, 'default');
    const short = await palyra(t, ['dev', 'token', '--subject', 'user:bob', '--secret', 'short']);
    assert.equal(short.code, 1);
    assert.equal(short.io.stderr.text, 'error: secret must be at least 32 bytes (INVALID_ARGUMENT)\n');
  });

  it('config set stores values (the token from stdin) and config show never prints the token', async (t) => {
    const home = tempDir(t);
    const setUrl = await palyra(t, ['config', 'set', 'url', 'gateway.internal:7443'], { home });
    assert.equal(setUrl.code, 0);
    const setToken = await palyra(t, ['config', 'set', 'token', '-'], {
      home,
      stdin: 'stored-secret-token\n',
    });
    assert.equal(setToken.code, 0);
    const path = join(home, '.config', 'palyra', 'cli.json');
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    assert.equal(stored.url, 'gateway.internal:7443');
    assert.equal(stored.token, 'stored-secret-token');

    const show = await palyra(t, ['config', 'show'], { home, env: { PALYRA_TOKEN: '' } });
    assert.doesNotMatch(show.io.stdout.text, /stored-secret-token/);
    assert.match(show.io.stdout.text, /^token\s+<set>\s+\[file\]$/m);
    assert.match(show.io.stdout.text, /^url\s+gateway\.internal:7443\s+\[file\]$/m);
    const json = await palyra(t, ['config', 'show', '--json'], { home });
    assert.doesNotMatch(json.io.stdout.text, /env-token|stored-secret-token/);

    const bad = await palyra(t, ['config', 'set', 'device-id', 'laptop'], { home });
    assert.equal(bad.code, 2);
    assert.equal(bad.io.stderr.text, 'error: device id must be a canonical ULID (USAGE)\n');
    const unknown = await palyra(t, ['config', 'set', 'colour', 'blue'], { home });
    assert.equal(unknown.code, 2);
    const unset = await palyra(t, ['config', 'unset', 'token'], { home });
    assert.equal(unset.code, 0);
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>).token, undefined);
  });

  it('prints a gateway error as one line with its code, with a stack only when PALYRA_DEBUG=1', async (t) => {
    const client = new RecordingClient();
    client.failWith = new PalyraClientError(14, 'connect ECONNREFUSED 127.0.0.1:7443');
    const run = await palyra(t, ['health'], { client });
    assert.equal(run.code, 1);
    assert.equal(run.io.stderr.text, 'error: connect ECONNREFUSED 127.0.0.1:7443 (UNAVAILABLE)\n');
    const debug = await palyra(t, ['health'], { client, env: { PALYRA_DEBUG: '1' } });
    assert.match(
      debug.io.stderr.text,
      /^error: connect ECONNREFUSED 127\.0\.0\.1:7443 \(UNAVAILABLE\)\nPalyraClientError/,
    );
  });

  it('refuses calls that need a token when none is configured', async (t) => {
    const run = await palyra(t, ['sessions', 'list'], { env: { PALYRA_TOKEN: '' } });
    assert.equal(run.code, 1);
    assert.match(
      run.io.stderr.text,
      /^error: no token: pass --token, set PALYRA_TOKEN .* \(UNAUTHENTICATED\)\n$/,
    );
    assert.equal(run.created.length, 0);
  });

  it('answers --help on stdout with exit 0 and an unknown command with a usage error', async (t) => {
    const help = await palyra(t, ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.io.stdout.text, /^Usage: palyra \[options\] \[command\]/);
    const chatHelp = await palyra(t, ['chat', '--help']);
    assert.match(chatHelp.io.stdout.text, /--session-key <key>[\s\S]*--new-session[\s\S]*--approve-all/);
    const unknown = await palyra(t, ['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.io.stderr.text, /^error: unknown command 'frobnicate' \(USAGE\)/);
    const missing = await palyra(t, ['sessions', 'cleanup']);
    assert.equal(missing.code, 2);
    assert.match(missing.io.stderr.text, /^error: missing required argument 'id\|key' \(USAGE\)/);
  });
});
