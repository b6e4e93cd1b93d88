import { inspect } from 'node:util';
import { REDACTED } from '@palyra/core';

/**
 * A configuration value that must never be printed. Every way of turning it into text (String,
 * template literals, JSON.stringify, util.inspect, pino) yields `<redacted>`; the value is only
 * reachable through `reveal()`, so a grep for `reveal(` lists every place a secret is used.
 */
export class Secret<T = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export function isSecret(value: unknown): value is Secret<unknown> {
  return value instanceof Secret;
}
