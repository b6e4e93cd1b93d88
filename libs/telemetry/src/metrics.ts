import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Content-Type of `registry.metrics()` output, for the `/metrics` response. */
export const metricsContentType: string = Registry.PROMETHEUS_CONTENT_TYPE;

const METRIC_NAME = /^palyra_[a-z][a-z0-9_]*[a-z0-9]$/;

interface MetricOptions<L extends string> {
  readonly help: string;
  /** Keep label sets bounded: tenant only where configuration bounds the number of tenants. */
  readonly labelNames?: readonly L[];
}

export interface CounterOptions<L extends string> extends MetricOptions<L> {
  /** `palyra_<thing>_total`. */
  readonly name: `palyra_${string}_total`;
}

export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  /** `palyra_<thing>_<unit>`, with base units: `_seconds`, `_bytes`. */
  readonly name: `palyra_${string}`;
  readonly buckets?: readonly number[];
}

export interface GaugeOptions<L extends string> extends MetricOptions<L> {
  readonly name: `palyra_${string}`;
  /** Called on every scrape to set the current value (e.g. consumer pending counts). */
  readonly collect?: (gauge: Gauge<L>) => void | Promise<void>;
}

/** One registry per process and typed declarations on it. Never prom-client's global registry. */
export interface Metrics {
  readonly registry: Registry;
  readonly contentType: string;
  counter<const L extends string = never>(options: CounterOptions<L>): Counter<L>;
  histogram<const L extends string = never>(options: HistogramOptions<L>): Histogram<L>;
  gauge<const L extends string = never>(options: GaugeOptions<L>): Gauge<L>;
}

export interface MetricsOptions {
  /** Node process metrics (event loop lag, heap, GC, CPU). Default true. */
  readonly defaultMetrics?: boolean;
  /** Labels added to every series, e.g. `{ service: 'gateway' }` when palyrad shares one process. */
  readonly defaultLabels?: Readonly<Record<string, string>>;
}

function checkName(name: string): void {
  if (!METRIC_NAME.test(name)) {
    throw new TypeError(`metric name ${name} must be palyra_<thing>_<unit> in lower snake case`);
  }
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  function counter<L extends string>(counterOptions: CounterOptions<L>): Counter<L> {
    checkName(counterOptions.name);
    if (!counterOptions.name.endsWith('_total')) {
      throw new TypeError(`counter name ${counterOptions.name} must end with _total`);
    }
    return new Counter<L>({
      name: counterOptions.name,
      help: counterOptions.help,
      labelNames: counterOptions.labelNames ?? [],
      registers: [registry],
    });
  }
  function histogram<L extends string>(histogramOptions: HistogramOptions<L>): Histogram<L> {
    checkName(histogramOptions.name);
    return new Histogram<L>({
      name: histogramOptions.name,
      help: histogramOptions.help,
      labelNames: histogramOptions.labelNames ?? [],
      ...(histogramOptions.buckets ? { buckets: [...histogramOptions.buckets] } : {}),
      registers: [registry],
    });
  }
  function gauge<L extends string>(gaugeOptions: GaugeOptions<L>): Gauge<L> {
    checkName(gaugeOptions.name);
    const { collect } = gaugeOptions;
    return new Gauge<L>({
      name: gaugeOptions.name,
      help: gaugeOptions.help,
      labelNames: gaugeOptions.labelNames ?? [],
      registers: [registry],
      ...(collect
        ? {
            collect(this: Gauge<L>) {
              return collect(this);
            },
          }
        : {}),
    });
  }
  return { registry, contentType: metricsContentType, counter, histogram, gauge };
}
