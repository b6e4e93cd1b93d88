import type { Bus } from '@palyra/bus';
import type { Repositories } from '@palyra/journal';
import type { AdminStatusSource } from './admin-status-routes.js';

export const ADMIN_PREFIX = '/admin/v1';

export const ADMIN_TAGS = {
  status: 'admin: status',
  tenants: 'admin: tenants',
  apiKeys: 'admin: api keys',
  journal: 'admin: journal',
  runs: 'admin: runs',
} as const;

/** Every admin route is the operator's: the admin token, nothing else. */
export const OPERATOR_ONLY = { auth: 'operator' } as const;

/** What `/admin/v1` needs from the gateway. */
export interface AdminContext {
  readonly repositories: Pick<Repositories, 'tenants' | 'apiKeys' | 'journal' | 'runs'>;
  readonly control: Bus['control'];
  readonly status: AdminStatusSource;
  /**
   * Called after a tenant is suspended or resumed: this replica forgets its cached tenant state at
   * once (other replicas within their cache TTL, 30 s by default).
   */
  onTenantStatusChanged(tenantId: string): void;
}

/** The admin path of a route, e.g. `adminPath('/tenants')`. */
export function adminPath(path: string): string {
  return `${ADMIN_PREFIX}${path}`;
}
