/**
 * What `executeTool` rejects with when the caller's signal aborts (cancel, run deadline); `cause`
 * is the signal's reason. Named `AbortError` like every other abort in Node, so one check
 * (`error.name === 'AbortError'`) covers the providers' aborts and ours.
 */
export class ToolAbortError extends Error {
  override readonly name = 'AbortError';

  constructor(signal: AbortSignal) {
    super('tool call aborted', { cause: signal.reason });
  }
}

/** Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The abandoned promise may still reject later; it must not become an unhandled rejection.
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
