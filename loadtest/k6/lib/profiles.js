// Workload shapes. Arrival-rate executors only: runs start at a fixed rate whatever the latency,
// so a slow system shows up as latency and dropped iterations instead of quietly lowering the load
// (closed-loop VUs would). PALYRA_RATE and PALYRA_DURATION override each profile's defaults.
import { config } from './config.js';

/** @typedef {import('k6/options').Scenario} Scenario */

export const PROFILES = /** @type {const} */ (['smoke', 'load', 'stress', 'soak']);

/**
 * The scenario of a profile for the exported function `exec`.
 * @param {string} profile
 * @param {string} exec
 * @returns {Scenario}
 */
export function scenarioFor(profile, exec) {
  const rate = config.rate;
  switch (profile) {
    case 'smoke':
      // Is it wired up at all: one run a second for 30 s.
      return {
        executor: 'constant-arrival-rate',
        exec,
        rate: rate || 1,
        timeUnit: '1s',
        duration: config.duration || '30s',
        preAllocatedVUs: 2,
        maxVUs: 10,
      };
    case 'load': {
      // The expected busy hour: ramp up, hold, ramp down.
      const target = rate || 50;
      return {
        executor: 'ramping-arrival-rate',
        exec,
        startRate: 1,
        timeUnit: '1s',
        preAllocatedVUs: Math.max(10, target),
        maxVUs: Math.max(50, target * 10),
        stages: [
          { duration: '1m', target },
          { duration: config.duration || '5m', target },
          { duration: '30s', target: 0 },
        ],
      };
    }
    case 'stress': {
      // Steps past the expected load until the thresholds break: where is the knee?
      const base = rate || 50;
      return {
        executor: 'ramping-arrival-rate',
        exec,
        startRate: base,
        timeUnit: '1s',
        preAllocatedVUs: base * 2,
        maxVUs: base * 40,
        stages: [
          { duration: '2m', target: base },
          { duration: '2m', target: base * 2 },
          { duration: '2m', target: base * 4 },
          { duration: '2m', target: base * 8 },
          { duration: '1m', target: 0 },
        ],
      };
    }
    case 'soak':
      // Steady moderate load for long: leaks, slow growth of the journal, connection churn.
      return {
        executor: 'constant-arrival-rate',
        exec,
        rate: rate || 20,
        timeUnit: '1s',
        duration: config.duration || '1h',
        preAllocatedVUs: Math.max(10, (rate || 20) * 2),
        maxVUs: Math.max(50, (rate || 20) * 10),
      };
    default:
      throw new Error(`PALYRA_PROFILE must be one of ${PROFILES.join(', ')}, got ${profile}`);
  }
}
