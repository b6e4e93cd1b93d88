import { createInterface, type Interface } from 'node:readline';
import type { CliIo } from './io.js';

/** Line input for the prompt loop and approval questions. */
export interface Prompter {
  /**
   * Shows `prompt` on stderr and resolves with the next line, or undefined at end of input
   * (Ctrl-D, closed stdin) or after close(). With `fresh`, lines typed before the question are
   * discarded, so type-ahead never answers an approval.
   */
  question(prompt: string, options?: { readonly fresh?: boolean }): Promise<string | undefined>;
  /** What is typed at the prompt but not yet entered (empty off a terminal). */
  currentLine(): string;
  /** Drops the typed text and shows the prompt again. */
  clearLine(): void;
  /** Resolves a pending question with undefined (as if input ended), leaving the prompter open. */
  cancelQuestion(): void;
  close(): void;
}

/**
 * readline over the CLI's stdin, echoing to stderr. On a terminal readline owns Ctrl-C (raw
 * mode), so its SIGINT is forwarded to the interrupt bus like the process signal.
 */
export function createPrompter(io: CliIo): Prompter {
  const terminal = io.stdin.isTTY === true && io.stderr.isTTY === true;
  const rl: Interface = createInterface({
    input: io.stdin,
    output: io.stderr as NodeJS.WritableStream,
    terminal,
  });
  const lines: string[] = [];
  let waiter: ((line: string | undefined) => void) | undefined;
  let closed = false;
  let prompt = '';

  rl.on('line', (line) => {
    const resolve = waiter;
    if (resolve === undefined) {
      lines.push(line);
      return;
    }
    waiter = undefined;
    resolve(line);
  });
  rl.on('close', () => {
    closed = true;
    const resolve = waiter;
    waiter = undefined;
    resolve?.(undefined);
  });
  rl.on('SIGINT', () => {
    if (!io.interrupts.emit()) rl.close();
  });

  return {
    question(text, options = {}) {
      if (options.fresh === true) lines.length = 0;
      const queued = lines.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      if (closed) return Promise.resolve(undefined);
      prompt = text;
      // Off a terminal (piped input) prompts would only be noise on stderr.
      if (terminal) {
        rl.setPrompt(text);
        rl.prompt();
      }
      return new Promise((resolve) => {
        waiter = resolve;
      });
    },
    currentLine: () => (terminal ? rl.line : ''),
    clearLine() {
      if (!terminal) return;
      rl.write(null, { ctrl: true, name: 'u' });
      io.stderr.write('\n');
      rl.setPrompt(prompt);
      rl.prompt();
    },
    cancelQuestion() {
      const resolve = waiter;
      waiter = undefined;
      resolve?.(undefined);
    },
    close() {
      if (!closed) rl.close();
    },
  };
}
