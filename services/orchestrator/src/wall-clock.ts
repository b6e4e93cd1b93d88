/**
 * A run's wall clock limit: one timer that fires `onExpired` at `deadlineMs` (epoch ms). The
 * deadline is measured from the run's durable `started_at`, so a redelivered run does not get a
 * fresh allowance.
 */
export interface WallClock {
  readonly deadlineMs: number;
  readonly expired: boolean;
  /** Milliseconds left (0 once expired). */
  remainingMs(): number;
  stop(): void;
}

export function startWallClock(
  deadlineMs: number,
  onExpired: () => void,
  now: () => number = Date.now,
): WallClock {
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const remaining = deadlineMs - now();
    if (remaining <= 0) {
      expired = true;
      onExpired();
      return;
    }
    // setTimeout takes at most 2^31-1 ms; a longer limit re-arms when that elapses.
    timer = setTimeout(arm, Math.min(remaining, 2 ** 31 - 1));
    timer.unref();
  };
  if (deadlineMs - now() <= 0) expired = true;
  else arm();
  return {
    deadlineMs,
    get expired() {
      return expired;
    },
    remainingMs: () => (expired ? 0 : Math.max(0, deadlineMs - now())),
    stop: () => clearTimeout(timer),
  };
}
