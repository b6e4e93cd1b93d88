// Liveness and readiness probes of a gateway (or any Palyra process) under a steady request rate:
// they must stay fast while the service is busy, or an orchestrator would restart healthy pods.
//
//   k6 run -e PALYRA_HTTP_URL=http://127.0.0.1:7142 loadtest/k6/health.js
import { check } from 'k6';
import http from 'k6/http';
import { config } from './lib/config.js';
import { scenarioFor } from './lib/profiles.js';
import { writeSummary } from './lib/summary.js';
import { healthThresholds } from './lib/thresholds.js';

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: { health: scenarioFor(config.profile, 'probe') },
  thresholds: healthThresholds,
};

export function probe() {
  const live = http.get(`${config.httpUrl}/healthz`, { tags: { endpoint: 'healthz' } });
  check(live, { 'healthz is 200': (response) => response.status === 200 });
  const ready = http.get(`${config.httpUrl}/readyz`, { tags: { endpoint: 'readyz' } });
  check(ready, { 'readyz is 200': (response) => response.status === 200 });
}

/** @param {Record<string, any>} data */
export function handleSummary(data) {
  return writeSummary('health', data, ['http_req_duration', 'http_req_failed', 'iterations']);
}
