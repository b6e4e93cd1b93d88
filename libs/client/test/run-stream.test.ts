import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPalyraClient, type PalyraClient, type RunEvent, type RunHandle } from '@palyra/client';
import { newId } from '@palyra/core';
import {
  acceptedMessage,
  approvalEchoEvent,
  approvalRequestEvent,
  deferred,
  type FakeGateway,
  PALYRA_APPROVAL_OPTIONS,
  type RunStreamScript,
  startFakeGateway,
  statusEvent,
  tokenEvent,
} from './fake-gateway.js';

const TOKEN = 'test-token-0123456789';
const DEVICE_ID = newId();
const SESSION_ID = newId();

async function withGateways(
  scripts: RunStreamScript[],
  body: (client: PalyraClient, gateways: FakeGateway[]) => Promise<void>,
  resume: { maxAttempts?: number } = {},
): Promise<void> {
  const gateways = await Promise.all(scripts.map((runStream) => startFakeGateway({ runStream })));
  const client = createPalyraClient({
    url: gateways.map((gateway) => gateway.url),
    token: TOKEN,
    principal: 'user:test',
    deviceId: DEVICE_ID,
    channel: 'cli',
    resume: { initialDelayMs: 5, maxDelayMs: 20, ...resume },
  });
  try {
    await body(client, gateways);
  } finally {
    client.close();
    await Promise.all(gateways.map((gateway) => gateway.close()));
  }
}

async function collect(handle: RunHandle): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of handle) events.push(event);
  return events;
}

function runIdOf(message: { run_id: { ulid: string } | null } | undefined): string {
  assert.ok(message?.run_id, 'client message carries run_id');
  return message.run_id.ulid;
}

describe('RunHandle', () => {
  it('reads the session id from ACCEPTED, tracks seq and resolves done with the concatenated text', async () => {
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            statusEvent(runId, 2, 'IN_PROGRESS'),
            tokenEvent(runId, 3, 'Hello, '),
            tokenEvent(runId, 4, 'world', true, true),
          );
          await stream.untilHalfClosed();
          stream.send(statusEvent(runId, 5, 'DONE'));
          stream.end();
        },
      ],
      async (client) => {
        const handle = client.openRun({ text: 'hi', sessionKey: 'notes' });
        const seen: RunEvent[] = [];
        for await (const event of handle) {
          seen.push(event);
          if (event.type === 'token' && event.awaitingInput) handle.halfClose();
        }
        assert.deepEqual(
          seen.flatMap((event) => (event.type === 'token' ? [[event.isFinal, event.awaitingInput]] : [])),
          [
            [false, false],
            [true, true],
          ],
        );
        assert.deepEqual(
          seen.map((event) => [event.seq, event.type]),
          [
            [1, 'status'],
            [2, 'status'],
            [3, 'token'],
            [4, 'token'],
            [5, 'status'],
          ],
        );
        assert.equal(handle.sessionId, SESSION_ID);
        assert.equal(handle.lastSeq, 5);
        const outcome = await handle.done;
        assert.equal(outcome.status, 'DONE');
        assert.equal(outcome.text, 'Hello, world');
        assert.equal(outcome.sessionId, SESSION_ID);
        assert.equal(outcome.runId, handle.runId);
        const first = seen[0];
        assert.ok(first?.type === 'status');
        assert.equal(first.kind, 'ACCEPTED');
        assert.equal(first.timestampUnixMs, 1_700_000_000_001);
      },
    );
  });

  it('puts v=1, the run id and, once known, the session id on every client message', async () => {
    const proposalId = newId();
    const approvalId = newId();
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)));
          await stream.untilHalfClosed();
          stream.send(statusEvent(runId, 2, 'DONE'));
          stream.end();
        },
      ],
      async (client, [gateway]) => {
        const handle = client.openRun({ text: 'first', sessionKey: 'notes', allowSensitiveTools: true });
        for await (const event of handle) {
          if (event.type === 'status' && event.kind === 'ACCEPTED') {
            handle.send('second');
            handle.approve(proposalId, approvalId, true, 'SESSION', 'looks fine');
            handle.halfClose();
          }
        }
        await handle.done;
        const messages = gateway?.streams[0]?.messages ?? [];
        assert.equal(messages.length, 3);
        for (const message of messages) {
          assert.equal(message.v, 1);
          assert.equal(message.run_id?.ulid, handle.runId);
        }
        const [opening, input, approval] = messages;
        assert.equal(opening?.session_id, null, 'the session id is unknown before ACCEPTED');
        assert.equal(opening?.session_key, 'notes');
        assert.equal(opening?.allow_sensitive_tools, true);
        assert.equal(opening?.input?.v, 1);
        assert.equal(opening?.input?.content?.text, 'first');
        assert.equal(input?.session_id?.ulid, SESSION_ID);
        assert.equal(input?.input?.content?.text, 'second');
        assert.equal(approval?.session_id?.ulid, SESSION_ID);
        assert.equal(approval?.tool_approval_response?.proposal_id?.ulid, proposalId);
        assert.equal(approval?.tool_approval_response?.approval_id?.ulid, approvalId);
        assert.equal(approval?.tool_approval_response?.approved, true);
        assert.equal(approval?.tool_approval_response?.decision_scope, 'APPROVAL_DECISION_SCOPE_SESSION');
        assert.equal(approval?.tool_approval_response?.reason, 'looks fine');
      },
    );
  });

  it("exposes the approval prompt's options and sends the chosen scope with its ttl", async () => {
    const proposalId = newId();
    const approvalId = newId();
    const timeboxed = {
      option_id: 'allow_timeboxed',
      label: 'Allow for 10 minutes',
      description: '',
      default_selected: false,
      decision_scope: 'APPROVAL_DECISION_SCOPE_TIMEBOXED' as const,
      timebox_ttl_ms: 600_000,
    };
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            approvalRequestEvent(runId, 2, proposalId, approvalId, 'palyra.http.fetch', {
              title: 'Fetch a URL',
              risk_level: 'APPROVAL_RISK_LEVEL_HIGH',
              summary: 'GET https://example.com/',
              options: [...PALYRA_APPROVAL_OPTIONS, timeboxed],
              timeout_seconds: 60,
            }),
          );
          const answer = (await stream.next())?.tool_approval_response;
          stream.send(
            approvalEchoEvent(runId, 3, proposalId, approvalId, answer?.approved ?? false),
            statusEvent(runId, 4, 'DONE'),
          );
          stream.end();
        },
      ],
      async (client, [gateway]) => {
        const handle = client.openRun({ text: 'fetch it' });
        for await (const event of handle) {
          if (event.type !== 'tool_approval_request') continue;
          assert.equal(event.prompt?.title, 'Fetch a URL');
          assert.equal(event.prompt?.timeoutSeconds, 60);
          assert.deepEqual(
            event.prompt?.options.map((option) => [option.optionId, option.scope, option.timeboxTtlMs]),
            [
              ['allow_once', 'ONCE', 0],
              ['allow_session', 'SESSION', 0],
              ['deny', 'ONCE', 0],
              ['allow_timeboxed', 'TIMEBOXED', 600_000],
            ],
          );
          assert.equal(event.prompt?.options[2]?.defaultSelected, true);
          const chosen = event.prompt?.options[3];
          assert.ok(chosen !== undefined);
          handle.approve(event.proposalId, event.approvalId, true, chosen.scope, 'ok', chosen.timeboxTtlMs);
        }
        assert.equal((await handle.done).status, 'DONE');
        const response = gateway?.streams[0]?.messages[1]?.tool_approval_response;
        assert.equal(response?.decision_scope, 'APPROVAL_DECISION_SCOPE_TIMEBOXED');
        assert.equal(response?.decision_scope_ttl_ms, 600_000);
        assert.throws(() => handle.approve(proposalId, approvalId, true, 'TIMEBOXED', '', -1), {
          code: 'INVALID_ARGUMENT',
        });
      },
    );
  });

  it('resumes on the next gateway from the last seq and yields replayed events once', async () => {
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            statusEvent(runId, 2, 'IN_PROGRESS'),
            tokenEvent(runId, 3, 'one '),
            // A draining gateway's notice carries the last seq, then the call ends UNAVAILABLE.
            statusEvent(runId, 3, 'IN_PROGRESS', 'gateway draining: reconnect'),
          );
          stream.fail(14, 'gateway draining');
        },
        async (stream) => {
          const resume = await stream.next();
          const runId = runIdOf(resume);
          await stream.untilHalfClosed();
          stream.send(
            tokenEvent(runId, 3, 'one '),
            tokenEvent(runId, 4, 'two '),
            tokenEvent(runId, 5, 'three', true),
            statusEvent(runId, 6, 'DONE'),
          );
          stream.end();
        },
      ],
      async (client, [first, second]) => {
        const handle = client.openRun({ text: 'count', sessionKey: 'numbers' });
        handle.halfClose();
        const events = await collect(handle);
        assert.deepEqual(
          events.map((event) => event.seq),
          [1, 2, 3, 4, 5, 6],
        );
        const outcome = await handle.done;
        assert.equal(outcome.text, 'one two three');
        assert.equal(outcome.status, 'DONE');

        assert.equal(first?.streams.length, 1);
        assert.equal(second?.streams.length, 1);
        const resumed = second?.streams[0];
        assert.deepEqual(
          resumed?.messages.map((message) => ({
            v: message.v,
            runId: message.run_id?.ulid,
            sessionId: message.session_id?.ulid,
            resumeFromSeq: message.resume_from_seq,
            input: message.input,
          })),
          [{ v: 1, runId: handle.runId, sessionId: SESSION_ID, resumeFromSeq: 3, input: null }],
          'the resume re-attaches without replaying the input',
        );
        assert.equal(resumed?.halfClosed, true, 'the half-close is re-applied on the new stream');
        assert.equal(resumed?.metadata.authorization, `Bearer ${TOKEN}`);
      },
    );
  });

  it('re-sends an approval response whose echo never arrived when it resumes', async () => {
    const proposalId = newId();
    const approvalId = newId();
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            approvalRequestEvent(runId, 2, proposalId, approvalId),
          );
          await stream.next(); // the approval response: lost with this gateway
          stream.fail(14, 'connection lost');
        },
        async (stream) => {
          const runId = runIdOf(await stream.next());
          const approval = await stream.next();
          assert.equal(approval?.tool_approval_response?.proposal_id?.ulid, proposalId);
          stream.send(
            approvalEchoEvent(runId, 3, proposalId, approvalId, true),
            tokenEvent(runId, 4, 'done', true),
            statusEvent(runId, 5, 'DONE'),
          );
          stream.end();
        },
      ],
      async (client, [, second]) => {
        const handle = client.openRun({ text: 'list files' });
        for await (const event of handle) {
          if (event.type === 'tool_approval_request') {
            assert.equal(event.toolName, 'shell.exec');
            assert.equal(event.inputJson, '{"command":"ls"}');
            assert.equal(event.prompt?.riskLevel, 'HIGH');
            handle.approve(event.proposalId, event.approvalId, true);
          }
        }
        assert.equal((await handle.done).status, 'DONE');
        const messages = second?.streams[0]?.messages ?? [];
        assert.equal(messages.length, 2);
        assert.equal(messages[0]?.resume_from_seq, 2);
        assert.equal(messages[0]?.input, null);
        assert.equal(messages[1]?.tool_approval_response?.approved, true);
      },
    );
  });

  it('gives up after the configured number of reconnects when no gateway answers', async () => {
    await withGateways(
      [(stream) => stream.fail(14, 'no capacity')],
      async (client, [gateway]) => {
        const handle = client.openRun({ text: 'hi' });
        await assert.rejects(handle.done, { name: 'PalyraClientError', code: 'UNAVAILABLE', grpcCode: 14 });
        assert.equal(gateway?.streams.length, 3, 'one call and two reconnects');
      },
      { maxAttempts: 2 },
    );
  });

  it('fails without reconnecting on a status that is a verdict, and the iterator throws it', async () => {
    await withGateways(
      [
        async (stream) => {
          await stream.next();
          stream.fail(7, 'invalid admin token or JWT');
        },
      ],
      async (client, [gateway]) => {
        const handle = client.openRun({ text: 'hi' });
        await assert.rejects(collect(handle), {
          code: 'PERMISSION_DENIED',
          message: 'invalid admin token or JWT',
        });
        await assert.rejects(handle.done, { code: 'PERMISSION_DENIED' });
        assert.equal(gateway?.streams.length, 1);
      },
    );
  });

  it('reports FAILED as an outcome, not an error', async () => {
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)));
          const next = await stream.next();
          assert.equal(next?.input?.content?.text, '/cancel');
          stream.send(statusEvent(runId, 2, 'FAILED', 'cancelled by request'));
          stream.fail(1, 'cancelled by request');
        },
      ],
      async (client) => {
        const { promise: accepted, resolve } = deferred();
        const handle = client.openRun({
          text: 'long task',
          bufferEvents: false,
          onEvent: (event) => {
            if (event.type === 'status' && event.kind === 'ACCEPTED') resolve();
          },
        });
        await accepted;
        await handle.cancel();
        const outcome = await handle.done;
        assert.equal(outcome.status, 'FAILED');
        assert.equal(outcome.message, 'cancelled by request');
      },
    );
  });

  it('cancels through AbortRun once the input is closed', async () => {
    const aborted: string[] = [];
    const abortReceived = deferred();
    const gateway = await startFakeGateway({
      runStream: async (stream) => {
        const runId = runIdOf(await stream.next());
        stream.send(statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)));
        await stream.untilHalfClosed();
        await abortReceived.promise;
        stream.send(statusEvent(runId, 2, 'FAILED', 'cancelled by request'));
        stream.end();
      },
      gateway: {
        AbortRun: (call, callback) => {
          const runId = call.request.run_id?.ulid ?? '';
          aborted.push(runId);
          abortReceived.resolve();
          callback(null, {
            v: 1,
            run_id: { ulid: runId },
            cancel_requested: true,
            reason: call.request.reason,
          });
        },
      },
    });
    const client = createPalyraClient({
      url: gateway.url,
      token: TOKEN,
      principal: 'user:test',
      deviceId: DEVICE_ID,
    });
    try {
      const handle = client.openRun({ text: 'hi' });
      handle.halfClose();
      for await (const event of handle) {
        if (event.type === 'status' && event.kind === 'ACCEPTED') await handle.cancel();
      }
      assert.deepEqual(aborted, [handle.runId]);
      assert.equal((await handle.done).message, 'cancelled by request');
      assert.throws(() => handle.send('more'), { code: 'FAILED_PRECONDITION' });
    } finally {
      client.close();
      await gateway.close();
    }
  });

  it('halfCloseWhenAwaitingInput half-closes as soon as a token awaits input, without a settle wait', async () => {
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            tokenEvent(runId, 2, 'Hello, '),
            tokenEvent(runId, 3, 'world', true, true),
          );
          await stream.untilHalfClosed();
          stream.send(statusEvent(runId, 4, 'DONE'));
          stream.end();
        },
      ],
      async (client) => {
        const handle = client.openRun({ text: 'hi' });
        // A fallback far beyond the test timeout: only the flag can close the input in time.
        handle.halfCloseWhenAwaitingInput({ fallbackSettleMs: 60_000 });
        const started = Date.now();
        const outcome = await handle.done;
        assert.equal(outcome.status, 'DONE');
        assert.equal(outcome.text, 'Hello, world');
        assert.ok(handle.inputClosed);
        assert.ok(Date.now() - started < 5_000);
      },
    );
  });

  it('halfCloseWhenAwaitingInput called after the flag arrived half-closes at once', async () => {
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            tokenEvent(runId, 2, 'done', true, true),
          );
          await stream.untilHalfClosed();
          stream.send(statusEvent(runId, 3, 'DONE'));
          stream.end();
        },
      ],
      async (client) => {
        let sawAnswer!: () => void;
        const answered = new Promise<void>((resolve) => {
          sawAnswer = resolve;
        });
        const handle = client.openRun({
          text: 'hi',
          bufferEvents: false,
          onEvent: (event) => {
            if (event.type === 'token' && event.awaitingInput) sawAnswer();
          },
        });
        await answered;
        assert.equal(handle.inputClosed, false);
        handle.halfCloseWhenAwaitingInput({ fallbackSettleMs: false });
        assert.equal(handle.inputClosed, true);
        assert.equal((await handle.done).status, 'DONE');
      },
    );
  });

  it('with a server that sets the flag, a final chunk without it does not start the fallback timer', async () => {
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            tokenEvent(runId, 2, 'first answer', true, true),
          );
          const second = await stream.next();
          assert.equal(second?.input?.content?.text, 'again');
          // A turn closed without the flag (e.g. abandoned and answered anew): more follows.
          stream.send(tokenEvent(runId, 3, '', true));
          await new Promise((resolve) => setTimeout(resolve, 80));
          assert.equal(stream.halfClosed, false, 'no fallback half-close after the flag was seen');
          stream.send(tokenEvent(runId, 4, 'second answer', true, true));
          await stream.untilHalfClosed();
          stream.send(statusEvent(runId, 5, 'DONE'));
          stream.end();
        },
      ],
      async (client) => {
        const handle = client.openRun({ text: 'hi' });
        let sentAgain = false;
        for await (const event of handle) {
          if (event.type === 'token' && event.awaitingInput && !sentAgain) {
            sentAgain = true;
            handle.send('again');
            handle.halfCloseWhenAwaitingInput({ fallbackSettleMs: 10 });
          }
        }
        const outcome = await handle.done;
        assert.equal(outcome.status, 'DONE');
        assert.equal(outcome.text, 'first answersecond answer');
      },
    );
  });

  it('falls back to a settle time for servers without the flag, but not while a tool asks for approval', async () => {
    const proposalId = newId();
    const approvalId = newId();
    await withGateways(
      [
        async (stream) => {
          const runId = runIdOf(await stream.next());
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            tokenEvent(runId, 2, 'Let me check.', true),
            approvalRequestEvent(runId, 3, proposalId, approvalId),
          );
          const answer = await stream.next();
          assert.equal(answer?.tool_approval_response?.approved, false, 'an approval, not a half-close');
          stream.send(
            approvalEchoEvent(runId, 4, proposalId, approvalId, false),
            tokenEvent(runId, 5, 'Denied, so no files.', true),
          );
          await stream.untilHalfClosed();
          stream.send(statusEvent(runId, 6, 'DONE'));
          stream.end();
        },
      ],
      async (client) => {
        const handle = client.openRun({ text: 'list files' });
        handle.halfCloseWhenAwaitingInput({ fallbackSettleMs: 30 });
        for await (const event of handle) {
          if (event.type === 'tool_approval_request') {
            // Answer later than the settle time: the approval request must have stopped the timer.
            await new Promise((resolve) => setTimeout(resolve, 60));
            assert.equal(handle.inputClosed, false);
            handle.approve(event.proposalId, event.approvalId, false, 'ONCE', 'no');
          }
        }
        const outcome = await handle.done;
        assert.equal(outcome.status, 'DONE');
        assert.equal(outcome.text, 'Let me check.Denied, so no files.');
      },
    );
  });

  it('chat sends the text, half-closes and resolves with the outcome', async () => {
    await withGateways(
      [
        async (stream) => {
          const opening = await stream.next();
          const runId = runIdOf(opening);
          assert.equal(opening?.input?.content?.text, 'ping');
          await stream.untilHalfClosed();
          stream.send(
            statusEvent(runId, 1, 'ACCEPTED', acceptedMessage(SESSION_ID)),
            statusEvent(runId, 2, 'IN_PROGRESS'),
            tokenEvent(runId, 3, 'pong', true),
            statusEvent(runId, 4, 'DONE'),
          );
          stream.end();
        },
      ],
      async (client) => {
        const tokens: string[] = [];
        const outcome = await client.chat('ping', {
          onEvent: (event) => {
            if (event.type === 'token') tokens.push(event.text);
          },
        });
        assert.deepEqual(tokens, ['pong']);
        assert.equal(outcome.text, 'pong');
        assert.equal(outcome.lastSeq, 4);
        assert.equal(outcome.sessionId, SESSION_ID);
      },
    );
  });

  it('rejects a malformed run id before opening a stream', async () => {
    await withGateways([() => undefined], async (client, [gateway]) => {
      assert.throws(() => client.openRun({ runId: 'not-a-ulid' }), {
        code: 'INVALID_ARGUMENT',
        message: 'runId must be a canonical ULID',
      });
      assert.equal(gateway?.streams.length, 0);
    });
  });
});
