/**
 * Wakes a waiting run loop. A notification that arrives while nobody waits is kept, so the next
 * `wait` returns at once: a control message between two reads of durable state is never lost.
 */
export class WakeSignal {
  #pending = false;
  #wake: (() => void) | undefined;

  notify(): void {
    this.#pending = true;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Resolves `true` when notified (now or earlier), `false` after `timeoutMs`. Consumes the notification. */
  wait(timeoutMs: number): Promise<boolean> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(
        () => {
          this.#wake = undefined;
          resolve(false);
        },
        Math.max(0, timeoutMs),
      );
      this.#wake = () => {
        clearTimeout(timer);
        this.#pending = false;
        resolve(true);
      };
    });
  }
}
