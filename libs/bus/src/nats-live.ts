import type { MsgHdrs, NatsConnection, Subscription as NatsSubscription } from '@nats-io/transport-node';
import type { Logger, RunEventRecord } from '@palyra/core';
import type { TraceCarrier } from '@palyra/telemetry';
import { decodeJson, encodeJson } from './codec.js';
import { readTrace, traceHeaders } from './nats-trace-headers.js';
import type { Control, ControlMessage, RunEvents, Subscription } from './ports.js';
import type { Subjects } from './subjects.js';

// Headers and protocol framing share the server's max_payload with the body.
const PAYLOAD_HEADROOM_BYTES = 8 * 1024;
const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

function subscribe<T>(
  connection: NatsConnection,
  subject: string,
  logger: Logger,
  deliver: (value: T, trace: Readonly<TraceCarrier>) => void,
): Subscription {
  const subscription: NatsSubscription = connection.subscribe(subject, {
    callback: (error, message) => {
      if (error) {
        logger.error({ err: error, subject }, 'subscription failed');
        return;
      }
      let value: T;
      try {
        value = decodeJson(message.data) as T;
      } catch (decodeError) {
        logger.warn({ err: decodeError, subject }, 'undecodable message dropped');
        return;
      }
      try {
        deliver(value, readTrace(message.headers));
      } catch (listenerError) {
        logger.error({ err: listenerError, subject }, 'subscriber threw');
      }
    },
  });
  // The server has registered the interest once it answers a PING sent after the SUB.
  const ready = connection.flush();
  ready.catch(() => {});
  return {
    ready,
    unsubscribe: () => {
      if (!connection.isClosed()) subscription.unsubscribe();
    },
  };
}

function publish(
  connection: NatsConnection,
  subject: string,
  data: Uint8Array,
  headers: MsgHdrs | undefined,
  logger: Logger,
): void {
  try {
    connection.publish(subject, data, headers === undefined ? undefined : { headers });
  } catch (error) {
    // At-most-once by design: subscribers recover anything lost from the journal.
    logger.warn({ err: error, subject }, 'live publish failed');
  }
}

export function createNatsRunEvents(
  connection: NatsConnection,
  subjects: Subjects,
  logger: Logger,
): RunEvents {
  const maxBytes = (): number =>
    (connection.info?.max_payload ?? DEFAULT_MAX_PAYLOAD_BYTES) - PAYLOAD_HEADROOM_BYTES;

  const publishBatch = (
    subject: string,
    events: readonly RunEventRecord[],
    headers: MsgHdrs | undefined,
  ): void => {
    const data = encodeJson(events);
    if (data.byteLength <= maxBytes()) {
      publish(connection, subject, data, headers, logger);
    } else if (events.length > 1) {
      // Halves keep order; subscribers see two batches instead of one.
      const middle = Math.ceil(events.length / 2);
      publishBatch(subject, events.slice(0, middle), headers);
      publishBatch(subject, events.slice(middle), headers);
    } else {
      logger.warn({ subject, seq: events[0]?.seq, bytes: data.byteLength }, 'oversize live event skipped');
    }
  };

  return {
    publish(tenantId, runId, events) {
      if (events.length === 0) return;
      publishBatch(subjects.runEvents(tenantId, runId), events, traceHeaders());
    },
    subscribe(tenantId, runId, onEvents) {
      return subscribe(connection, subjects.runEvents(tenantId, runId), logger, onEvents);
    },
  };
}

export function createNatsControl(connection: NatsConnection, subjects: Subjects, logger: Logger): Control {
  return {
    notify(tenantId, runId, message) {
      const subject = subjects.runControl(tenantId, runId);
      publish(connection, subject, encodeJson(message), traceHeaders(), logger);
    },
    listen(tenantId, runId, onMessage) {
      return subscribe<ControlMessage>(connection, subjects.runControl(tenantId, runId), logger, onMessage);
    },
  };
}
