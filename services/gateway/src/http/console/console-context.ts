import type { Bus } from '@palyra/bus';
import type { Repositories } from '@palyra/journal';
import type { Logger } from '@palyra/telemetry';
import type { ApprovalOperations } from '../../approvals/approval-operations.js';
import type { GatewayMetrics } from '../../gateway-metrics.js';
import type { FollowSettings } from '../../run-stream/run-follower.js';

export const CONSOLE_PREFIX = '/console/v1';

/** SSE comment lines keep idle connections open through proxies and balancers. */
export const DEFAULT_SSE_HEARTBEAT_MS = 15_000;

/**
 * What the console routes need from the gateway. The gateway's own context (app.ts) has every
 * field but the optional `sseHeartbeatMs`, so wiring is `consoleRoutes({ ...context, logger })`.
 */
export interface ConsoleContext {
  readonly repositories: Repositories;
  readonly bus: Bus;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /**
   * The gateway's approval operations (the instance ApprovalsService and RunStream use); absent,
   * the console makes its own over `repositories` and `bus` (they hold no state).
   */
  readonly approvalOperations?: ApprovalOperations;
  /** How SSE streams follow runs (the same settings as RunStream). */
  readonly follow: FollowSettings;
  /** While draining, new event streams are refused (503) so clients reconnect elsewhere. */
  isDraining(): boolean;
  /** Default DEFAULT_SSE_HEARTBEAT_MS. */
  readonly sseHeartbeatMs?: number;
}

/** The console path of a route, e.g. `consolePath('/sessions')`. */
export function consolePath(path: string): string {
  return `${CONSOLE_PREFIX}${path}`;
}
