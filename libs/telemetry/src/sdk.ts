import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import type { StartTelemetryOptions, TelemetrySettings } from './lifecycle.js';

// Probes and scrapes hit every replica every few seconds; spans for them are noise.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function defaultInstrumentations(settings: TelemetrySettings): NodeSDKConfiguration['instrumentations'] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?', 1)[0] ?? ''),
    }),
    new GrpcInstrumentation(),
    // Without a parent, pg spans are pool keep-alives and migrations checks, not request work.
    new PgInstrumentation({ requireParentSpan: true }),
    // Trace ids on log lines always; log records to OTLP only when OTEL_LOGS_EXPORTER asks.
    new PinoInstrumentation({ disableLogSending: !settings.exportLogs }),
  ];
}

export interface RunningSdk {
  shutdown(): Promise<void>;
}

/** Builds and starts the NodeSDK. Loaded lazily by `startTelemetry`. */
export function startNodeSdk(settings: TelemetrySettings, options: StartTelemetryOptions): RunningSdk {
  const configuration: Partial<NodeSDKConfiguration> = {
    serviceName: settings.serviceName,
    instrumentations: options.instrumentations ?? defaultInstrumentations(settings),
  };
  if (!settings.propagatorsFromEnv) {
    configuration.textMapPropagator = new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    });
  }
  // An explicit empty list stops the SDK from falling back to its own default (OTLP).
  if (options.spanProcessors !== undefined) configuration.spanProcessors = options.spanProcessors;
  else if (!settings.exportTraces) configuration.spanProcessors = [];
  if (!settings.exportMetrics) configuration.metricReaders = [];
  if (!settings.exportLogs) configuration.logRecordProcessors = [];
  const sdk = new NodeSDK(configuration);
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
