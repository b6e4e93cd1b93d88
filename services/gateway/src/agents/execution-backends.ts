import { invalidArgument, PalyraError } from '@palyra/core';

/**
 * Where an agent's tools run. Palyra v1 knows several backends (desktop nodes, containers,
 * networked workers, SSH tunnels); this deployment has one: built-in tools run inside the
 * orchestrator worker that holds the run. It is reported under Palyra's `local_sandbox` id so
 * existing clients understand it. A preference for a backend Palyra knows but this deployment
 * lacks is refused up front (FAILED_PRECONDITION) rather than silently rerouted at run time.
 */

/** Palyra v1's preference values; `automatic` is the default. */
export const EXECUTION_BACKEND_PREFERENCES = [
  'automatic',
  'local_sandbox',
  'desktop_node',
  'docker',
  'networked_worker',
  'ssh_tunnel',
] as const;
export type ExecutionBackendPreference = (typeof EXECUTION_BACKEND_PREFERENCES)[number];

export const DEFAULT_EXECUTION_BACKEND: ExecutionBackendPreference = 'automatic';
export const ORCHESTRATOR_BACKEND_ID = 'local_sandbox';

export interface ExecutionBackendInventoryEntry {
  readonly backendId: string;
  readonly label: string;
  readonly state: 'available' | 'degraded' | 'disabled';
  readonly selectable: boolean;
  readonly selectedByDefault: boolean;
  readonly description: string;
  readonly operatorSummary: string;
  readonly executorLabel: string;
  readonly rolloutFlag: string;
  readonly rolloutEnabled: boolean;
  readonly capabilities: readonly string[];
  readonly tradeoffs: readonly string[];
  readonly activeNodeCount: number;
  readonly totalNodeCount: number;
}

export interface ExecutionBackendResolution {
  readonly resolved: string;
  readonly fallbackUsed: boolean;
  readonly reason: string;
}

const INVENTORY: readonly ExecutionBackendInventoryEntry[] = Object.freeze([
  Object.freeze({
    backendId: ORCHESTRATOR_BACKEND_ID,
    label: 'Orchestrator worker',
    state: 'available' as const,
    selectable: true,
    selectedByDefault: true,
    description:
      'Built-in tools run inside the orchestrator worker that holds the run, under the tool policy ' +
      '(allowlists, approvals, per-call timeouts, fetch target limits).',
    operatorSummary: 'Every orchestrator replica can execute tools; no extra infrastructure is needed.',
    executorLabel: 'orchestrator',
    rolloutFlag: '',
    rolloutEnabled: true,
    capabilities: Object.freeze(['builtin_tools', 'cancellation', 'attestation']),
    tradeoffs: Object.freeze(['no process execution or workspace writes: only the built-in tools exist']),
    activeNodeCount: 0,
    totalNodeCount: 0,
  }),
]);

export function executionBackendInventory(): readonly ExecutionBackendInventoryEntry[] {
  return INVENTORY;
}

function isPreference(value: string): value is ExecutionBackendPreference {
  return (EXECUTION_BACKEND_PREFERENCES as readonly string[]).includes(value);
}

/**
 * '' -> `automatic`. Unknown values -> INVALID_ARGUMENT; Palyra backends this deployment lacks ->
 * FAILED_PRECONDITION naming the one that exists.
 */
export function normalizeExecutionBackendPreference(
  raw: string,
  field = 'execution_backend_preference',
): ExecutionBackendPreference {
  const value = raw.trim().toLowerCase();
  if (value === '') return DEFAULT_EXECUTION_BACKEND;
  if (!isPreference(value)) {
    throw invalidArgument(field, `${field} must be one of ${EXECUTION_BACKEND_PREFERENCES.join(', ')}`);
  }
  if (value !== 'automatic' && value !== ORCHESTRATOR_BACKEND_ID) {
    throw new PalyraError(
      'FAILED_PRECONDITION',
      `execution backend ${value} is not available in this deployment; use automatic or ${ORCHESTRATOR_BACKEND_ID}`,
      { details: { field, preference: value } },
    );
  }
  return value;
}

/** Which backend an agent's tools run on, for GetAgent/CreateAgent/ResolveAgentForContext. */
export function resolveExecutionBackend(preference: string): ExecutionBackendResolution {
  if (preference === ORCHESTRATOR_BACKEND_ID) {
    return {
      resolved: ORCHESTRATOR_BACKEND_ID,
      fallbackUsed: false,
      reason: 'requested backend is available',
    };
  }
  if (preference === '' || preference === DEFAULT_EXECUTION_BACKEND) {
    return {
      resolved: ORCHESTRATOR_BACKEND_ID,
      fallbackUsed: false,
      reason: 'automatic selects the orchestrator worker, the only backend of this deployment',
    };
  }
  // Only records written before this rule (or by hand) can carry another preference.
  return {
    resolved: ORCHESTRATOR_BACKEND_ID,
    fallbackUsed: true,
    reason: `execution backend ${preference} is not available in this deployment; tools run in the orchestrator worker`,
  };
}
