import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** What the bootstrap decided from the environment. */
export interface TelemetrySettings {
  /** `OTEL_SERVICE_NAME`, else `service.name` in `OTEL_RESOURCE_ATTRIBUTES`, else `PALYRA_SERVICE_NAME`, else `palyra`. */
  readonly serviceName: string;
  /**
   * Spans are exported as the OTEL_* variables say only when an exporter or OTLP endpoint is
   * configured; otherwise no tracer provider is installed, so a dev run does not retry a missing
   * collector. Context still propagates either way.
   */
  readonly exportTraces: boolean;
  /** prom-client serves metrics; OTel metrics are exported only if OTEL_METRICS_EXPORTER asks. */
  readonly exportMetrics: boolean;
  /** pino writes logs to stdout; OTel log export only if OTEL_LOGS_EXPORTER asks. */
  readonly exportLogs: boolean;
  /** OTEL_PROPAGATORS set: the SDK builds propagators from it; else W3C trace context + baggage. */
  readonly propagatorsFromEnv: boolean;
}

function isSet(env: EnvSource, name: string): boolean {
  return (env[name]?.trim() ?? '') !== '';
}

function serviceNameFromResourceAttributes(env: EnvSource): string | undefined {
  for (const pair of (env.OTEL_RESOURCE_ATTRIBUTES ?? '').split(',')) {
    const [key, value] = pair.split('=', 2).map((part) => part.trim());
    if (key === 'service.name' && value) {
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

export function resolveTelemetrySettings(env: EnvSource = process.env): TelemetrySettings {
  const serviceName =
    (isSet(env, 'OTEL_SERVICE_NAME') ? env.OTEL_SERVICE_NAME?.trim() : undefined) ??
    serviceNameFromResourceAttributes(env) ??
    (isSet(env, 'PALYRA_SERVICE_NAME') ? env.PALYRA_SERVICE_NAME?.trim() : undefined) ??
    'palyra';
  return {
    serviceName,
    exportTraces:
      isSet(env, 'OTEL_TRACES_EXPORTER') ||
      isSet(env, 'OTEL_EXPORTER_OTLP_ENDPOINT') ||
      isSet(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
    exportMetrics: isSet(env, 'OTEL_METRICS_EXPORTER'),
    exportLogs: isSet(env, 'OTEL_LOGS_EXPORTER'),
    propagatorsFromEnv: isSet(env, 'OTEL_PROPAGATORS'),
  };
}

export interface StartTelemetryOptions {
  /** Replaces the env-configured exporters (tests pass an in-memory exporter). */
  readonly spanProcessors?: NodeSDKConfiguration['spanProcessors'];
  /** Replaces the default http, grpc, pg and pino instrumentations. */
  readonly instrumentations?: NodeSDKConfiguration['instrumentations'];
  /** Flush on SIGTERM/SIGINT when the application does not handle the signal itself. */
  readonly shutdownOnSignals?: boolean;
}

interface ActiveTelemetry {
  readonly settings: TelemetrySettings;
  readonly shutdown: () => Promise<void>;
}

let active: ActiveTelemetry | undefined;
let starting = false;
let shutdownPromise: Promise<void> | undefined;

/**
 * Starts the OpenTelemetry NodeSDK once per process. The `@palyra/telemetry/instrumentation`
 * entry calls this before the application is imported; the SDK is loaded lazily so that libs
 * importing the logger do not load it.
 */
export async function startTelemetry(options: StartTelemetryOptions = {}): Promise<TelemetrySettings> {
  if (active !== undefined || starting) throw new Error('telemetry is already started');
  starting = true;
  try {
    const settings = resolveTelemetrySettings(process.env);
    const { startNodeSdk } = await import('./sdk.js');
    const sdk = startNodeSdk(settings, options);
    active = { settings, shutdown: () => sdk.shutdown() };
    if (options.shutdownOnSignals) installSignalHandlers();
    return settings;
  } finally {
    starting = false;
  }
}

export function isTelemetryStarted(): boolean {
  return active !== undefined;
}

export interface ShutdownTelemetryOptions {
  /** Give up waiting for exporters after this long. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Flushes and stops the SDK. The composition root awaits this last in its shutdown sequence
 * (after draining, so the drain's spans are exported). Idempotent; a no-op if never started.
 */
export function shutdownTelemetry(options: ShutdownTelemetryOptions = {}): Promise<void> {
  if (active === undefined) return Promise.resolve();
  if (shutdownPromise === undefined) {
    const timeoutMs = options.timeoutMs ?? 5000;
    const { shutdown } = active;
    shutdownPromise = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`telemetry shutdown did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
      timer.unref();
      shutdown().then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
  return shutdownPromise;
}

/**
 * If nobody else listens for the signal, the process would have died on it: flush, then re-raise
 * the signal with our listener gone so the default action still happens. If the application
 * listens, it owns shutdown and awaits `shutdownTelemetry()` itself; flushing here would stop
 * tracing before its drain finished.
 */
function installSignalHandlers(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = (): void => {
      process.off(signal, onSignal);
      if (process.listenerCount(signal) > 0) return;
      void shutdownTelemetry()
        .catch((error: unknown) => {
          process.stderr.write(`telemetry shutdown failed: ${String(error)}\n`);
        })
        .finally(() => process.kill(process.pid, signal));
    };
    process.on(signal, onSignal);
  }
}
