import type { Readable } from 'node:stream';

/** Where a command writes. `isTTY` decides terminal niceties (line breaks between streams). */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** Ctrl-C routing: the innermost active operation handles it (a run cancels, a prompt exits). */
export class InterruptBus {
  readonly #listeners: (() => void)[] = [];

  /** Adds a handler on top; returns its removal. */
  subscribe(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.lastIndexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  /** Calls the newest handler; false when nobody handles Ctrl-C (the process should exit). */
  emit(): boolean {
    const listener = this.#listeners.at(-1);
    if (listener === undefined) return false;
    listener();
    return true;
  }
}

/** Everything a command touches outside itself, so commands run in tests without a process. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: Readable & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly interrupts: InterruptBus;
}

/** True when approvals can be asked: a person is at a terminal. */
export function isInteractive(io: CliIo): boolean {
  return io.stdin.isTTY === true;
}

/** An env value, with empty meaning unset. */
export function envValue(io: CliIo, name: string): string | undefined {
  const value = io.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
