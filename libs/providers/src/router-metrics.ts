import { Counter, Gauge, type Registry } from 'prom-client';

export const MODEL_REQUEST_OUTCOMES = ['success', 'error', 'circuit_open', 'aborted'] as const;
export type ModelRequestOutcome = (typeof MODEL_REQUEST_OUTCOMES)[number];

/** What the router reports; a no-op without a registry. */
export interface RouterMetrics {
  /** One per target tried for a call (a failover counts the failed target and the next one). */
  request(provider: string, model: string, outcome: ModelRequestOutcome): void;
  circuit(provider: string, open: boolean): void;
}

export const noRouterMetrics: RouterMetrics = { request: () => {}, circuit: () => {} };

const REQUESTS = 'palyra_model_requests_total';
const CIRCUIT_OPEN = 'palyra_model_circuit_open';

/**
 * Declares the metrics on `registry`, reusing them when already declared there (palyrad builds
 * one router per composed service on a shared registry). Labels are bounded by configuration:
 * provider and model names come from the providers config, never from requests.
 */
export function createRouterMetrics(registry: Registry): RouterMetrics {
  const requests =
    (registry.getSingleMetric(REQUESTS) as Counter<'provider' | 'model' | 'outcome'> | undefined) ??
    new Counter({
      name: REQUESTS,
      help: 'Model calls per provider target and outcome (success, error, circuit_open, aborted)',
      labelNames: ['provider', 'model', 'outcome'] as const,
      registers: [registry],
    });
  const circuitOpen =
    (registry.getSingleMetric(CIRCUIT_OPEN) as Gauge<'provider'> | undefined) ??
    new Gauge({
      name: CIRCUIT_OPEN,
      help: "1 while a model provider's circuit breaker is open or half-open (calls skip it), else 0",
      labelNames: ['provider'] as const,
      registers: [registry],
    });
  return {
    request: (provider, model, outcome) => requests.inc({ provider, model, outcome }),
    circuit: (provider, open) => circuitOpen.set({ provider }, open ? 1 : 0),
  };
}
