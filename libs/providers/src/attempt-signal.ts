/**
 * The signal one upstream attempt runs under: aborted when the caller's signal aborts, or when
 * the upstream sent nothing for `idleTimeoutMs` (no response headers, or a stream that went
 * quiet). The idle clock runs only while we wait on the upstream: `pause()` stops it while an
 * event is with the caller (a slow consumer is not a slow upstream), `resume()` restarts it from
 * zero. A long answer that keeps streaming is never cut off; a hung connection is.
 */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the idle timer (not the caller) aborted the attempt. */
  readonly timedOut: boolean;
  pause(): void;
  resume(): void;
  /** Stops the timer and detaches from the caller's signal; call when the attempt ends. */
  dispose(): void;
}

export function createAttemptSignal(caller: AbortSignal, idleTimeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onCallerAbort = (): void => controller.abort(caller.reason);
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const start = (): void => {
    stop();
    if (controller.signal.aborted) return;
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no data from the upstream for ${idleTimeoutMs} ms`));
    }, idleTimeoutMs);
  };
  if (caller.aborted) controller.abort(caller.reason);
  else caller.addEventListener('abort', onCallerAbort, { once: true });
  start();
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut && !caller.aborted;
    },
    pause: stop,
    resume: start,
    dispose: () => {
      stop();
      caller.removeEventListener('abort', onCallerAbort);
    },
  };
}
