import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '@palyra/core';
import { watchReconnects } from './bus-reconnects.js';

describe('watchReconnects', () => {
  it('calls listeners on every reconnect status until they unsubscribe', async () => {
    let push: ((status: { type: string }) => void) | undefined;
    let finish: (() => void) | undefined;
    const statuses: { type: string }[] = [];
    const source = {
      async *status() {
        for (;;) {
          const next = statuses.shift();
          if (next !== undefined) {
            yield next;
            continue;
          }
          const ended = await new Promise<boolean>((resolve) => {
            push = (status) => {
              statuses.push(status);
              resolve(false);
            };
            finish = () => resolve(true);
          });
          if (ended) return;
        }
      },
    };
    const onReconnect = watchReconnects(source, silentLogger);
    let calls = 0;
    const stop = onReconnect(() => {
      calls += 1;
    });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    push?.({ type: 'disconnect' });
    await settle();
    push?.({ type: 'reconnect' });
    await settle();
    assert.equal(calls, 1);
    stop();
    push?.({ type: 'reconnect' });
    await settle();
    assert.equal(calls, 1);
    finish?.();
  });
});
