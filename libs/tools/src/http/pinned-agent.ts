import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { PinnedTarget } from './target-guard.js';

export interface PinnedAgent {
  readonly agent: Agent;
  /** Makes connections to `target.hostname` go to the checked address, and nowhere else. */
  pin(target: PinnedTarget): void;
}

/**
 * An undici agent whose DNS step is replaced by the guard's answer. The guard resolves and checks
 * a host, then the socket connects to that very address: a resolver that answers differently the
 * second time (DNS rebinding) never gets asked. IP literals skip lookup in Node and are checked
 * as written. One agent per call, so no pooled socket outlives the call's checks; no proxy
 * settings are read (a proxy would connect somewhere we did not check).
 */
export function createPinnedAgent(timeoutMs: number): PinnedAgent {
  const pins = new Map<string, PinnedTarget>();
  const lookup: LookupFunction = (hostname, options, callback) => {
    const pin = pins.get(hostname);
    if (pin === undefined) {
      const error: NodeJS.ErrnoException = new Error(`${hostname} was not checked before connecting`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all === true) callback(null, [{ address: pin.address, family: pin.family }]);
    else callback(null, pin.address, pin.family);
  };
  const agent = new Agent({
    connect: { lookup, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return {
    agent,
    pin: (target) => {
      pins.set(target.hostname, target);
    },
  };
}
