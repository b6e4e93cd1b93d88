import type { HttpRoutes } from '../http-context.js';
import { adminApiKeyRoutes } from './admin-api-key-routes.js';
import type { AdminContext } from './admin-context.js';
import { adminJournalRoutes } from './admin-journal-routes.js';
import { adminRunRoutes } from './admin-run-routes.js';
import { adminStatusRoutes } from './admin-status-routes.js';
import { adminTenantRoutes } from './admin-tenant-routes.js';

/**
 * `/admin/v1`: the operator's surface, above every tenant. Every route needs the operator admin
 * token (401 without a credential, 403 with any other), and is rate limited per client address
 * only (the operator has no tenant).
 */
export function adminRoutes(context: AdminContext): HttpRoutes {
  const areas = [
    adminStatusRoutes(context),
    adminTenantRoutes(context),
    adminApiKeyRoutes(context),
    adminJournalRoutes(context),
    adminRunRoutes(context),
  ];
  return (app) => {
    for (const register of areas) register(app);
  };
}
