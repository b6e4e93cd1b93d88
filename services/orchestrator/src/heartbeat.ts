/** A delivery heartbeat: `beat()` every `intervalMs` until stopped. One timer per run. */
export interface Heartbeat {
  stop(): void;
}

/** A third of the ack wait: two beats may be lost before the queue redelivers the run. */
export function heartbeatIntervalMs(ackWaitMs: number): number {
  return Math.max(100, Math.floor(ackWaitMs / 3));
}

export function startHeartbeat(intervalMs: number, beat: () => void): Heartbeat {
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
