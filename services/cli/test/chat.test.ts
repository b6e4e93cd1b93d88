// `palyra chat` end to end through the real SDK against a scripted grpc-js gateway.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '@palyra/cli';
import { newId } from '@palyra/core';
import type { RunStreamRequest__Output } from '@palyra/proto';
import {
  acceptedMessage,
  approvalEchoEvent,
  approvalRequestEvent,
  deferred,
  type FakeGateway,
  type FakeGatewayOptions,
  PALYRA_APPROVAL_OPTIONS,
  type RunStreamScript,
  type ScriptedRunStream,
  startFakeGateway,
  statusEvent,
  tokenEvent,
} from '../../../libs/client/test/fake-gateway.js';
import { createTestDeps, createTestIo, type TestIo, tempDir } from './support.js';

const DEVICE_ID = newId();
const SESSION_ID = newId();

async function withGateway(
  t: { after(fn: () => Promise<void> | void): void },
  script: RunStreamScript,
  gatewayHandlers: FakeGatewayOptions['gateway'] = {},
): Promise<FakeGateway> {
  const gateway = await startFakeGateway({ runStream: script, gateway: gatewayHandlers });
  t.after(() => gateway.close());
  return gateway;
}

function chatIo(gateway: FakeGateway, options: { stdinTTY?: boolean } = {}): TestIo {
  return createTestIo({
    env: { PALYRA_GRPC_URL: gateway.url, PALYRA_TOKEN: 'chat-token', PALYRA_DEVICE_ID: DEVICE_ID },
    stdinTTY: options.stdinTTY,
  });
}

function runIdOf(message: RunStreamRequest__Output | undefined): string {
  assert.ok(message?.run_id);
  return message.run_id.ulid;
}

/**
 * ACCEPTED, IN_PROGRESS, the answer in chunks; DONE once the CLI closes its input. Like our
 * server, the last chunk says the run awaits input; `originalServer` leaves that flag out.
 */
function answer(chunks: string[], sessionId = SESSION_ID, originalServer = false): RunStreamScript {
  return async (stream: ScriptedRunStream) => {
    const runId = runIdOf(await stream.next());
    stream.send(
      statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(sessionId)),
      statusEvent(runId, 2, 'IN_PROGRESS'),
    );
    chunks.forEach((chunk, index) => {
      const last = index === chunks.length - 1;
      stream.send(tokenEvent(runId, 3 + index, chunk, last, last && !originalServer));
    });
    await stream.untilHalfClosed();
    stream.send(statusEvent(runId, 3 + chunks.length, 'DONE'));
    stream.end();
  };
}

/** A fallback settle time no test may wait for: the awaiting-input flag must end the input. */
const NO_WAIT = ['--answer-settle-ms', '60000'];

describe('palyra chat', () => {
  it('streams the answer to stdout, statuses to stderr, and exits 0 on DONE', async (t) => {
    const gateway = await withGateway(t, answer(['The answer', ' is', ' 42.']));
    const io = chatIo(gateway);
    const { deps } = createTestDeps(io, tempDir(t));
    const code = await runCli(['chat', 'what', 'is', 'it?', ...NO_WAIT], deps);
    assert.equal(code, 0);
    assert.equal(io.stdout.text, 'The answer is 42.\n');
    assert.equal(io.stderr.text, `[ACCEPTED] ${acceptedMessage(SESSION_ID)}\n[IN_PROGRESS]\n[DONE]\n`);
    const stream = gateway.streams[0];
    const opening = stream?.messages[0];
    assert.equal(opening?.input?.content?.text, 'what is it?');
    assert.equal(opening?.input?.origin?.type, 'ORIGIN_TYPE_CLI');
    assert.equal(opening?.session_key, `cli:user:tester@${DEVICE_ID}`, 'one default conversation per device');
    assert.equal(stream?.metadata.authorization, 'Bearer chat-token');
    assert.equal(stream?.metadata['x-palyra-device-id'], DEVICE_ID);
    assert.equal(stream?.metadata['x-palyra-principal'], 'user:tester');
  });

  it('closes its input as soon as the answer awaits input, without a settle wait', async (t) => {
    const gateway = await withGateway(t, answer(['quick']));
    const io = chatIo(gateway);
    const { deps } = createTestDeps(io, tempDir(t));
    const started = performance.now();
    assert.equal(await runCli(['chat', 'hi', '-q', ...NO_WAIT], deps), 0);
    assert.ok(performance.now() - started < 5_000, 'did not wait for the 60 s fallback');
    assert.equal(io.stdout.text, 'quick\n');
    assert.equal(gateway.streams[0]?.halfClosed, true);
  });

  it('falls back to the settle time against a server without the awaiting-input flag', async (t) => {
    const gateway = await withGateway(t, answer(['old', ' server'], SESSION_ID, true));
    const io = chatIo(gateway);
    const { deps } = createTestDeps(io, tempDir(t));
    assert.equal(await runCli(['chat', 'hi', '-q', '--answer-settle-ms', '5'], deps), 0);
    assert.equal(io.stdout.text, 'old server\n');
    assert.equal(gateway.streams[0]?.halfClosed, true);
  });

  it('exits 1 when the run fails', async (t) => {
    const gateway = await withGateway(t, async (stream) => {
      const runId = runIdOf(await stream.next());
      stream.send(
        statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
        statusEvent(runId, 2, 'FAILED', 'model turn limit (8) reached'),
      );
      stream.fail(9, 'model turn limit (8) reached');
    });
    const io = chatIo(gateway);
    const { deps } = createTestDeps(io, tempDir(t));
    const code = await runCli(['chat', 'loop forever', '-q', ...NO_WAIT], deps);
    assert.equal(code, 1);
    assert.equal(io.stderr.text, '[FAILED] model turn limit (8) reached\n');
  });

  it('selects the session from --session-id, --session-key or --new-session, one at a time', async (t) => {
    const gateway = await withGateway(t, answer(['ok']));
    const home = tempDir(t);
    const chosen = newId();
    for (const flags of [['--session-id', chosen], ['--session-key', 'ops'], ['--new-session']]) {
      const { deps } = createTestDeps(chatIo(gateway), home);
      assert.equal(await runCli(['chat', 'hi', ...flags, ...NO_WAIT], deps), 0);
    }
    const [byId, byKey, fresh] = gateway.streams.map((stream) => stream.messages[0]);
    assert.equal(byId?.session_id?.ulid, chosen);
    assert.equal(byKey?.session_key, 'ops');
    assert.equal(byKey?.session_id, null);
    assert.ok(fresh?.session_id?.ulid && fresh.session_id.ulid !== chosen, 'a new session id');
    assert.equal(fresh?.session_key, '');

    const io = chatIo(gateway);
    const { deps } = createTestDeps(io, home);
    assert.equal(await runCli(['chat', 'hi', '--new-session', '--session-key', 'ops'], deps), 2);
    assert.equal(
      io.stderr.text,
      'error: use only one of --session-id, --session-key and --new-session (USAGE)\n',
    );
  });

  it('cancels the run on Ctrl-C during the answer and prints "cancelled"', async (t) => {
    const gateway = await withGateway(t, async (stream) => {
      const runId = runIdOf(await stream.next());
      stream.send(
        statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
        tokenEvent(runId, 2, 'Once upon'),
      );
      const cancel = await stream.next();
      assert.equal(cancel?.input?.content?.text, '/cancel');
      assert.equal(cancel?.session_id?.ulid, SESSION_ID);
      stream.send(statusEvent(runId, 3, 'FAILED', 'cancelled by request'));
      stream.fail(1, 'cancelled by request');
    });
    const io = chatIo(gateway);
    const { deps } = createTestDeps(io, tempDir(t));
    const exit = runCli(['chat', 'tell a long story', ...NO_WAIT], deps);
    await io.stdout.waitFor('Once upon');
    assert.equal(io.interrupts.emit(), true, 'the running chat handles Ctrl-C');
    assert.equal(await exit, 1);
    assert.equal(io.stdout.text, 'Once upon\n');
    assert.match(io.stderr.text, /cancelling…\ncancelled\n$/);
  });

  it('denies approval requests with a notice when not interactive, and approves them with --approve-all', async (t) => {
    const proposalId = newId();
    const approvalId = newId();
    const decisions: [boolean, string][] = [];
    const gateway = await withGateway(t, async (stream) => {
      const runId = runIdOf(await stream.next());
      stream.send(
        statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
        tokenEvent(runId, 2, 'Checking.', true),
        approvalRequestEvent(runId, 3, proposalId, approvalId),
      );
      const response = (await stream.next())?.tool_approval_response;
      assert.equal(response?.proposal_id?.ulid, proposalId);
      assert.equal(response?.approval_id?.ulid, approvalId);
      decisions.push([response?.approved ?? false, response?.decision_scope ?? '']);
      stream.send(
        approvalEchoEvent(runId, 4, proposalId, approvalId, response?.approved ?? false),
        tokenEvent(runId, 5, ' Done.', true, true),
      );
      await stream.untilHalfClosed();
      stream.send(statusEvent(runId, 6, 'DONE'));
      stream.end();
    });
    const denied = chatIo(gateway);
    assert.equal(
      await runCli(['chat', 'list files', ...NO_WAIT], createTestDeps(denied, tempDir(t)).deps),
      0,
    );
    assert.match(
      denied.stderr.text,
      /\[approval\] shell\.exec needs approval \(risk HIGH\)\n {2}Run shell command\n {2}ls\n {2}input: \{"command":"ls"\}\n/,
    );
    assert.match(
      denied.stderr.text,
      /\[approval\] denied shell\.exec: not an interactive terminal \(use --approve-all\)\n/,
    );

    const approved = chatIo(gateway);
    const args = ['chat', 'list files', '--approve-all', ...NO_WAIT];
    assert.equal(await runCli(args, createTestDeps(approved, tempDir(t)).deps), 0);
    assert.match(approved.stderr.text, /\[approval\] approving shell\.exec once \(--approve-all\)\n/);
    assert.deepEqual(decisions, [
      [false, 'APPROVAL_DECISION_SCOPE_ONCE'],
      [true, 'APPROVAL_DECISION_SCOPE_ONCE'],
    ]);
    assert.equal(approved.stdout.text, 'Checking. Done.\n');
  });

  /**
   * A run that asks for one approval (with `prompt`, or the fake's prompt without options), reports
   * the client's answer and finishes once the input is closed.
   */
  function askOnce(prompt?: Parameters<typeof approvalRequestEvent>[5]) {
    const proposalId = newId();
    const approvalId = newId();
    const answers: NonNullable<RunStreamRequest__Output['tool_approval_response']>[] = [];
    const script: RunStreamScript = async (stream) => {
      const runId = runIdOf(await stream.next());
      stream.send(
        statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
        approvalRequestEvent(runId, 2, proposalId, approvalId, 'palyra.http.fetch', prompt),
      );
      const response = (await stream.next(30_000))?.tool_approval_response;
      assert.ok(response, 'the client answers the approval');
      answers.push(response);
      stream.send(
        approvalEchoEvent(runId, 3, proposalId, approvalId, response.approved),
        tokenEvent(runId, 4, 'Fetched.', true, true),
      );
      await stream.untilHalfClosed();
      stream.send(statusEvent(runId, 5, 'DONE'));
      stream.end();
    };
    return { proposalId, approvalId, answers, script };
  }

  const FETCH_PROMPT = {
    title: 'Allow palyra.http.fetch?',
    risk_level: 'APPROVAL_RISK_LEVEL_HIGH',
    summary: 'palyra.http.fetch: GET https://example.com/',
    options: PALYRA_APPROVAL_OPTIONS,
    timeout_seconds: 60,
    policy_explanation: 'palyra.http.fetch requires approval',
  } as const;

  it("shows the prompt's title, summary, risk and three choices at a terminal, and sends the scope chosen", async (t) => {
    const run = askOnce(FETCH_PROMPT);
    const gateway = await withGateway(t, run.script);
    const io = chatIo(gateway, { stdinTTY: true });
    const exit = runCli(['chat', 'fetch it', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
    await io.stderr.waitFor('[n] Deny');
    io.stdin.write('s\n');
    assert.equal(await exit, 0);
    assert.equal(run.answers[0]?.approved, true);
    assert.equal(run.answers[0]?.decision_scope, 'APPROVAL_DECISION_SCOPE_SESSION');
    assert.equal(run.answers[0]?.approval_id?.ulid, run.approvalId);
    assert.match(run.answers[0]?.reason ?? '', /Allow for this session/);
    assert.ok(
      io.stderr.text.includes(
        [
          '[approval] palyra.http.fetch needs approval (risk HIGH)',
          '  Allow palyra.http.fetch?',
          '  palyra.http.fetch: GET https://example.com/',
          '  input: {"command":"ls"}',
          '  policy: palyra.http.fetch requires approval',
          '  no answer within 60 s denies it',
          '  [o] Allow once: Run this call only',
          '  [s] Allow for this session: Run this tool without asking again in this session',
          '  [n] Deny: Do not run it; the model is told why',
          '',
        ].join('\n'),
      ),
      io.stderr.text,
    );
    assert.equal(io.stdout.text, 'Fetched.\n');
  });

  for (const [answer, approved, scope] of [
    ['o', true, 'APPROVAL_DECISION_SCOPE_ONCE'],
    ['Once', true, 'APPROVAL_DECISION_SCOPE_ONCE'],
    ['y', true, 'APPROVAL_DECISION_SCOPE_ONCE'],
    ['session', true, 'APPROVAL_DECISION_SCOPE_SESSION'],
    ['n', false, 'APPROVAL_DECISION_SCOPE_ONCE'],
    ['', false, 'APPROVAL_DECISION_SCOPE_ONCE'],
  ] as const) {
    it(`answers ${JSON.stringify(answer)} as ${approved ? 'allow' : 'deny'} with ${scope}`, async (t) => {
      const run = askOnce(FETCH_PROMPT);
      const gateway = await withGateway(t, run.script);
      const io = chatIo(gateway, { stdinTTY: true });
      const exit = runCli(['chat', 'fetch it', '-q', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
      await io.stderr.waitFor('[n] Deny');
      io.stdin.write(`${answer}\n`);
      assert.equal(await exit, 0);
      assert.equal(run.answers[0]?.approved, approved);
      assert.equal(run.answers[0]?.decision_scope, scope);
    });
  }

  it('asks again after an answer that is none of the choices', async (t) => {
    const run = askOnce(FETCH_PROMPT);
    const gateway = await withGateway(t, run.script);
    const io = chatIo(gateway, { stdinTTY: true });
    const exit = runCli(['chat', 'fetch it', '-q', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
    await io.stderr.waitFor('[n] Deny');
    io.stdin.write('maybe\n');
    await io.stderr.waitFor('answer o, s, n (empty = no)');
    assert.equal(run.answers.length, 0, 'nothing is sent for an answer that is not a choice');
    io.stdin.write('o\n');
    assert.equal(await exit, 0);
    assert.equal(run.answers[0]?.approved, true);
    assert.equal(run.answers[0]?.decision_scope, 'APPROVAL_DECISION_SCOPE_ONCE');
  });

  it('offers the standard three choices when the prompt carries none', async (t) => {
    const run = askOnce();
    const gateway = await withGateway(t, run.script);
    const io = chatIo(gateway, { stdinTTY: true });
    const exit = runCli(['chat', 'fetch it', '-q', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
    await io.stderr.waitFor('[n] Deny');
    assert.match(io.stderr.text, / {2}\[o\] Allow once: .+\n {2}\[s\] Allow for this session: .+\n/);
    io.stdin.write('s\n');
    assert.equal(await exit, 0);
    assert.equal(run.answers[0]?.decision_scope, 'APPROVAL_DECISION_SCOPE_SESSION');
  });

  it("sends a timeboxed option's ttl with the answer", async (t) => {
    const run = askOnce({
      ...FETCH_PROMPT,
      options: [
        ...PALYRA_APPROVAL_OPTIONS,
        {
          option_id: 'allow_timeboxed',
          label: 'Allow for 10 minutes',
          decision_scope: 'APPROVAL_DECISION_SCOPE_TIMEBOXED',
          timebox_ttl_ms: 600_000,
        },
      ],
    });
    const gateway = await withGateway(t, run.script);
    const io = chatIo(gateway, { stdinTTY: true });
    const exit = runCli(['chat', 'fetch it', '-q', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
    await io.stderr.waitFor('[t] Allow for 10 minutes');
    io.stdin.write('t\n');
    assert.equal(await exit, 0);
    assert.equal(run.answers[0]?.decision_scope, 'APPROVAL_DECISION_SCOPE_TIMEBOXED');
    assert.equal(run.answers[0]?.decision_scope_ttl_ms, 600_000);
  });

  it('withdraws the question and sends nothing when the approval is decided elsewhere', async (t) => {
    const proposalId = newId();
    const approvalId = newId();
    const asked = deferred();
    const gateway = await withGateway(t, async (stream) => {
      const runId = runIdOf(await stream.next());
      stream.send(
        statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
        approvalRequestEvent(runId, 2, proposalId, approvalId, 'palyra.http.fetch', FETCH_PROMPT),
      );
      await asked.promise;
      // Decided on another device (or timed out on the server): the echo arrives unprompted.
      stream.send(
        approvalEchoEvent(runId, 3, proposalId, approvalId, false),
        tokenEvent(runId, 4, 'Not fetched.', true, true),
      );
      await stream.untilHalfClosed();
      stream.send(statusEvent(runId, 5, 'DONE'));
      stream.end();
    });
    const io = chatIo(gateway, { stdinTTY: true });
    const exit = runCli(['chat', 'fetch it', '-q', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
    await io.stderr.waitFor('[n] Deny');
    asked.resolve();
    assert.equal(await exit, 0);
    const messages = gateway.streams[0]?.messages ?? [];
    assert.deepEqual(
      messages.filter((message) => message.tool_approval_response !== null),
      [],
      'no answer is sent for an approval decided elsewhere',
    );
    assert.match(io.stderr.text, /\[approval\] denied\n/);
    assert.equal(io.stdout.text, 'Not fetched.\n');
  });

  it('on Ctrl-C during an approval question denies the tool and aborts the run', async (t) => {
    const proposalId = newId();
    const approvalId = newId();
    const aborted = deferred<string>();
    let approved: boolean | undefined;
    const gateway = await withGateway(
      t,
      async (stream) => {
        const runId = runIdOf(await stream.next());
        stream.send(
          statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
          approvalRequestEvent(runId, 2, proposalId, approvalId),
        );
        approved = (await stream.next())?.tool_approval_response?.approved;
        assert.equal(await aborted.promise, runId);
        stream.send(
          approvalEchoEvent(runId, 3, proposalId, approvalId, false),
          statusEvent(runId, 4, 'FAILED', 'cancelled by request'),
        );
        stream.fail(1, 'cancelled by request');
      },
      {
        AbortRun: (call, callback) => {
          aborted.resolve(call.request.run_id?.ulid ?? '');
          callback(null, {
            v: 1,
            run_id: call.request.run_id,
            cancel_requested: true,
            reason: call.request.reason,
          });
        },
      },
    );
    const io = chatIo(gateway, { stdinTTY: true });
    const exit = runCli(['chat', 'delete everything', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
    await io.stderr.waitFor('needs approval');
    assert.equal(io.interrupts.emit(), true);
    assert.equal(await exit, 1);
    assert.equal(approved, false);
    assert.match(io.stderr.text, /cancelled\n$/);
  });

  it('keeps one session across the messages of the prompt loop, one run per message', async (t) => {
    const gateway = await withGateway(t, answer(['pong']));
    const io = chatIo(gateway);
    const exit = runCli(['chat', '--session-key', 'loop', ...NO_WAIT], createTestDeps(io, tempDir(t)).deps);
    io.stdin.write('first\n');
    await io.stdout.waitFor('pong\n');
    io.stdin.write('second\n');
    await io.stdout.waitFor('pong\npong\n');
    io.stdin.end();
    assert.equal(await exit, 0);
    const [first, second] = gateway.streams.map((stream) => stream.messages[0]);
    assert.equal(first?.session_key, 'loop');
    assert.equal(first?.input?.content?.text, 'first');
    assert.equal(second?.session_id?.ulid, SESSION_ID, 'the session of the first run');
    assert.equal(second?.require_existing, true);
    assert.equal(second?.input?.content?.text, 'second');
    assert.notEqual(runIdOf(first), runIdOf(second));
  });

  it('leaves the prompt loop on Ctrl-C at an empty prompt', async (t) => {
    const gateway = await withGateway(t, answer(['unused']));
    const io = chatIo(gateway);
    const exit = runCli(['chat'], createTestDeps(io, tempDir(t)).deps);
    // The loop subscribes before it waits for a line; let it get there.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(io.interrupts.emit(), true);
    assert.equal(await exit, 0);
    assert.equal(gateway.streams.length, 0);
  });
});
