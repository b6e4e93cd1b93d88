import { createAgentRepository } from './agent-repository.js';
import { type ApiKeyRepositoryOptions, createApiKeyRepository } from './api-key-repository.js';
import { createApprovalRepository } from './approval-repository.js';
import type { Database } from './database.js';
import { createJournalStore, type JournalStoreOptions } from './journal-store.js';
import type { Repositories } from './ports.js';
import { createRateLimitStore } from './rate-limit-store.js';
import { createRunRepository } from './run-repository.js';
import { createSessionRepository } from './session-repository.js';
import { createTenantRepository } from './tenant-repository.js';

/** Every repository over one database handle: what a service's composition root wires in. */
export function createRepositories(
  database: Database,
  options: { journal?: JournalStoreOptions; apiKeys?: ApiKeyRepositoryOptions } = {},
): Repositories {
  return {
    tenants: createTenantRepository(database),
    sessions: createSessionRepository(database),
    runs: createRunRepository(database, options.journal),
    journal: createJournalStore(database, options.journal),
    agents: createAgentRepository(database),
    approvals: createApprovalRepository(database),
    apiKeys: createApiKeyRepository(database, options.apiKeys),
    rateLimits: createRateLimitStore(database),
  };
}
