import { createPalyraClient } from '@palyra/client';
import {
  createRawRunClient,
  firstMessage,
  type IdleStream,
  openIdleStream,
  type RunIdentity,
  type RunTiming,
  runToDone,
  waitForReady,
} from './run-stream-driver.js';

export const E2E_CLIENTS = ['sdk', 'raw'] as const;
export type E2eClientKind = (typeof E2E_CLIENTS)[number];

/** How the end-to-end section drives runs; `sdk` is @palyra/client, `raw` our proto directly. */
export interface RunDriver {
  readonly kind: E2eClientKind;
  ready(): Promise<void>;
  /** One run: input, half-close, read until DONE. */
  run(sessionKey: string, text: string): Promise<RunTiming>;
  /** A run that sent its first message without input and holds the stream; resolves on ACCEPTED. */
  openIdle(sessionKey: string): Promise<IdleStream>;
  close(): void;
}

export function createRunDriver(kind: E2eClientKind, identity: RunIdentity): RunDriver {
  return kind === 'raw' ? rawDriver(identity) : sdkDriver(identity);
}

function rawDriver(identity: RunIdentity): RunDriver {
  const client = createRawRunClient(identity);
  return {
    kind: 'raw',
    ready: () => waitForReady(client),
    run: (sessionKey, text) => runToDone(client, firstMessage({ sessionKey, text })),
    openIdle: (sessionKey) => openIdleStream(client, sessionKey),
    close: () => client.close(),
  };
}

function sdkDriver(identity: RunIdentity): RunDriver {
  const client = createPalyraClient({
    url: `grpc://${identity.address}`,
    token: identity.token,
    principal: identity.principal,
    deviceId: identity.deviceId,
    // A benchmark must see failures, not hide them behind a resume.
    resume: false,
  });
  return {
    kind: 'sdk',
    async ready() {
      await client.health();
    },
    async run(sessionKey, text) {
      const start = performance.now();
      let firstEventMs: number | undefined;
      let firstTokenMs: number | undefined;
      let doneMs: number | undefined;
      let events = 0;
      let tokens = 0;
      const handle = client.openRun({
        sessionKey,
        text,
        bufferEvents: false,
        onEvent(event) {
          const at = performance.now() - start;
          events += 1;
          firstEventMs ??= at;
          if (event.type === 'token') {
            tokens += 1;
            firstTokenMs ??= at;
          } else if (event.type === 'status' && event.kind === 'DONE') {
            doneMs ??= at;
          }
        },
      });
      handle.halfClose();
      const outcome = await handle.done;
      if (outcome.status !== 'DONE' || doneMs === undefined || firstEventMs === undefined) {
        throw new Error(`run ended ${outcome.status}: ${outcome.message}`);
      }
      return {
        firstEventMs,
        firstTokenMs: firstTokenMs ?? Number.NaN,
        doneMs,
        endMs: performance.now() - start,
        events,
        tokens,
      };
    },
    openIdle(sessionKey) {
      return new Promise<IdleStream>((resolve, reject) => {
        let opened = false;
        const handle = client.openRun({
          sessionKey,
          bufferEvents: false,
          onEvent() {
            if (opened) return;
            opened = true;
            resolve({ cancel: () => handle.detach() });
          },
        });
        handle.done.then(
          () => {
            if (!opened) reject(new Error('idle run ended before its first event'));
          },
          (error: unknown) => {
            if (!opened) reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
    },
    close: () => client.close(),
  };
}
