import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent, RunOutcome } from '@palyra/client';
import { InterruptBus } from './io.js';
import { RunRenderer } from './render.js';

function capture(tty = false) {
  const out = { text: '', isTTY: tty, write: (chunk: string) => (out.text += chunk) };
  const err = { text: '', isTTY: tty, write: (chunk: string) => (err.text += chunk) };
  return {
    io: { stdout: out, stderr: err, stdin: process.stdin, env: {}, interrupts: new InterruptBus() },
    out,
    err,
  };
}

const at = { timestampUnixMs: 0 };
const token = (seq: number, text: string, isFinal = false): RunEvent => ({
  type: 'token',
  text,
  isFinal,
  awaitingInput: isFinal,
  seq,
  ...at,
});
const status = (
  seq: number,
  kind: 'ACCEPTED' | 'IN_PROGRESS' | 'DONE' | 'FAILED',
  message = '',
): RunEvent => ({
  type: 'status',
  kind,
  message,
  seq,
  ...at,
});
const outcome = (status: 'DONE' | 'FAILED', message = ''): RunOutcome => ({
  status,
  message,
  text: '',
  runId: '',
  sessionId: undefined,
  lastSeq: 0,
});

describe('RunRenderer', () => {
  it('prints token chunks to stdout exactly as received and status lines to stderr', () => {
    const { io, out, err } = capture();
    const renderer = new RunRenderer(io);
    const chunks = ['Hello', ', wor', 'ld.', ' Two\nlines', ''];
    renderer.render(status(1, 'ACCEPTED', 'accepted session=01J0000000000000000000000A principal=user:a'));
    renderer.render(status(2, 'IN_PROGRESS'));
    for (const [index, chunk] of chunks.entries()) {
      renderer.render(token(3 + index, chunk, index === chunks.length - 1));
    }
    renderer.render(status(8, 'DONE'));
    renderer.finish(outcome('DONE'), false);
    assert.equal(out.text, 'Hello, world. Two\nlines\n', 'no spaces added; one newline at the end');
    assert.equal(
      err.text,
      '[ACCEPTED] accepted session=01J0000000000000000000000A principal=user:a\n[IN_PROGRESS]\n[DONE]\n',
    );
  });

  it('does not add a newline to an answer that already ends with one', () => {
    const { io, out } = capture();
    const renderer = new RunRenderer(io);
    renderer.render(token(1, 'done\n', true));
    renderer.finish(outcome('DONE'), false);
    assert.equal(out.text, 'done\n');
  });

  it('on a terminal ends the partial answer line before a notice, and never when piped', () => {
    for (const tty of [true, false]) {
      const { io, out } = capture(tty);
      const renderer = new RunRenderer(io);
      renderer.render(token(1, 'partial'));
      renderer.render({
        type: 'tool_proposal',
        proposalId: 'p',
        toolName: 'fs.read',
        inputJson: '{"path":"a"}',
        approvalRequired: false,
        seq: 2,
        ...at,
      });
      assert.equal(out.text, tty ? 'partial\n' : 'partial');
    }
  });

  it('hides progress lines when quiet but still reports failures', () => {
    const { io, err } = capture();
    const renderer = new RunRenderer(io, { quiet: true });
    renderer.render(status(1, 'ACCEPTED', 'accepted'));
    renderer.render(status(2, 'FAILED', 'wall clock limit reached'));
    assert.equal(err.text, '[FAILED] wall clock limit reached\n');
  });

  it('reports a cancelled run as "cancelled"', () => {
    const { io, err } = capture();
    const renderer = new RunRenderer(io);
    renderer.render(status(3, 'FAILED', 'cancelled by request'));
    renderer.finish(outcome('FAILED', 'cancelled by request'), true);
    assert.equal(err.text, 'cancelled\n');
  });

  it("shows tool name, risk, the prompt's title and summary, input, policy and timeout of an approval request", () => {
    const { io, err } = capture();
    new RunRenderer(io).render({
      type: 'tool_approval_request',
      proposalId: 'p1',
      approvalId: 'a1',
      toolName: 'shell.exec',
      inputJson: '{"command":"rm -rf build"}',
      approvalRequired: true,
      requestSummary: 'delete the build folder',
      prompt: {
        title: 'Run a shell command',
        riskLevel: 'HIGH',
        subjectId: '',
        summary: '',
        options: [],
        timeoutSeconds: 60,
        policyExplanation: 'shell.exec requires approval',
        detailsJson: '',
      },
      seq: 4,
      ...at,
    });
    assert.equal(
      err.text,
      '[approval] shell.exec needs approval (risk HIGH)\n  Run a shell command\n  delete the build folder\n' +
        '  input: {"command":"rm -rf build"}\n  policy: shell.exec requires approval\n' +
        '  no answer within 60 s denies it\n',
    );
  });

  it('names the scope of an approved answer', () => {
    const { io, err } = capture();
    const renderer = new RunRenderer(io);
    const echo = {
      type: 'tool_approval_response',
      proposalId: 'p1',
      approvalId: 'a1',
      seq: 5,
      ...at,
    } as const;
    renderer.render({ ...echo, approved: true, reason: 'ok', scope: 'SESSION', scopeTtlMs: 0 });
    renderer.render({ ...echo, approved: true, reason: '', scope: 'TIMEBOXED', scopeTtlMs: 600_000 });
    renderer.render({ ...echo, approved: true, reason: '', scope: 'ONCE', scopeTtlMs: 0 });
    renderer.render({
      ...echo,
      approved: false,
      reason: 'approval timed out after 60 s',
      scope: 'ONCE',
      scopeTtlMs: 0,
    });
    assert.equal(
      err.text,
      '[approval] approved for this session: ok\n[approval] approved for 600 s\n[approval] approved\n' +
        '[approval] denied: approval timed out after 60 s\n',
    );
  });
});
