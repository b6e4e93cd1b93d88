// The pass/fail contract: k6 exits non-zero when one of these is crossed. Figures are for the
// deterministic provider (no model latency) against one gateway and one orchestrator on a
// dedicated host; loosen them per environment with PALYRA_DONE_P95_MS / PALYRA_TTFT_P95_MS.

/**
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
function limit(name, fallback) {
  const raw = __ENV[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

/** @type {Record<string, (string | import('k6/options').ObjectThreshold)[]>} */
export const runStreamThresholds = {
  // Almost every run must reach DONE; a burst of failures aborts the test early.
  palyra_run_failed: [{ threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '30s' }],
  // Time from opening the stream to the DONE status.
  palyra_run_done_ms: [
    `p(95)<${limit('PALYRA_DONE_P95_MS', 250)}`,
    `p(99)<${limit('PALYRA_DONE_P95_MS', 250) * 4}`,
  ],
  // Time from opening the stream to the first model token.
  palyra_run_first_token_ms: [`p(95)<${limit('PALYRA_TTFT_P95_MS', 100)}`],
  // Every run streams 23 events (ACCEPTED, IN_PROGRESS, 20 chunks, DONE) with gap-free seqs.
  checks: ['rate>0.99'],
  // The arrival rate must be met: dropped iterations mean the generator or the server fell behind.
  dropped_iterations: ['count<1'],
};

/** @type {Record<string, (string | import('k6/options').ObjectThreshold)[]>} */
export const healthThresholds = {
  http_req_failed: ['rate<0.001'],
  'http_req_duration{endpoint:healthz}': ['p(95)<50'],
  'http_req_duration{endpoint:readyz}': ['p(95)<100'],
  checks: ['rate>0.999'],
};
