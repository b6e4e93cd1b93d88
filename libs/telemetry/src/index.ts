export {
  type EnvSource,
  isTelemetryStarted,
  resolveTelemetrySettings,
  type ShutdownTelemetryOptions,
  type StartTelemetryOptions,
  shutdownTelemetry,
  startTelemetry,
  type TelemetrySettings,
} from './lifecycle.js';
export {
  type CommonLogFields,
  createLogger,
  LOG_LEVELS,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogMethod,
  silentLogger,
  traceFields,
} from './logger.js';
export {
  type CounterOptions,
  createMetrics,
  type GaugeOptions,
  type HistogramOptions,
  type Metrics,
  type MetricsOptions,
  metricsContentType,
} from './metrics.js';
export { getTracer, type WithSpanOptions, withSpan } from './spans.js';
export { extractTraceContext, injectTraceContext, type TraceCarrier } from './trace-context.js';
