import type { Logger } from '@palyra/telemetry';

/** The part of a NATS connection (`NatsBus.connection`) that reports transport status changes. */
export interface StatusSource {
  status(): AsyncIterable<{ readonly type: string }>;
}

/**
 * Adapts a connection's status stream to `GatewayDependencies.onBusReconnect`. Core NATS drops
 * whatever was published while the connection was down; the gateway answers a reconnect with an
 * immediate journal read on every open stream. The loop ends when the connection closes.
 */
export function watchReconnects(source: StatusSource, logger: Logger): (listener: () => void) => () => void {
  const listeners = new Set<() => void>();
  void (async () => {
    try {
      for await (const status of source.status()) {
        if (status.type === 'disconnect') logger.warn('bus disconnected');
        if (status.type !== 'reconnect') continue;
        for (const listener of listeners) listener();
      }
    } catch (error) {
      logger.warn({ err: error }, 'bus status stream failed');
    }
  })();
  return (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
}
