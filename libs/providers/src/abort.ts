/** What a provider throws when its stream is aborted; `cause` is the signal's reason. */
export class ModelAbortError extends Error {
  override readonly name = 'AbortError';

  constructor(signal: AbortSignal) {
    super('model stream aborted', { cause: signal.reason });
  }
}

/**
 * True for any abort: ours, `DOMException` AbortError from `fetch`, Node's `AbortError` from
 * timers and streams. Callers that own the signal should test `signal.aborted` first.
 */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ModelAbortError(signal);
}

/** Resolves after `ms`, or rejects with ModelAbortError as soon as `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new ModelAbortError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ModelAbortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
