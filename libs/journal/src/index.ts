export type { Logger } from '@palyra/core';
export { createAgentRepository } from './agent-repository.js';
export { type ApiKeyRepositoryOptions, createApiKeyRepository } from './api-key-repository.js';
export { createApprovalRepository } from './approval-repository.js';
export { APP_ROLE, type Database, type DatabaseDialect } from './database.js';
export { canonicalEventEnvelope, type EnvelopeFields } from './event-envelope.js';
export { createJournalStore, type JournalStoreOptions, MAX_APPEND_BATCH } from './journal-store.js';
export { assertSchemaCurrent, type MigrationOutcome, migrate, pendingMigrations } from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export { openPglite, type PgliteOptions } from './pglite-database.js';
export type {
  AgentBindingKey,
  AgentBindingRecord,
  AgentPatch,
  AgentRecord,
  AgentRepository,
  AgentResolutionSource,
  ApiKeyRecord,
  ApiKeyRepository,
  AppendOptions,
  ApprovalDecisionInput,
  ApprovalDecisionValue,
  ApprovalFilter,
  ApprovalGrantRecord,
  ApprovalRecord,
  ApprovalRepository,
  ApprovalScopeValue,
  ChainVerification,
  JournalStore,
  ModelCallUsage,
  NewAgent,
  NewApproval,
  NewJournalEvent,
  NewRun,
  NewSession,
  Page,
  RateLimitHit,
  RateLimitStore,
  ReadPage,
  Repositories,
  RunRecord,
  RunRepository,
  RunTransition,
  SessionIdentity,
  SessionListOptions,
  SessionRecord,
  SessionRepository,
  StoredJournalEvent,
  TenantRecord,
  TenantRepository,
  TenantStatus,
  TransitionOptions,
} from './ports.js';
export { APPROVAL_DECISIONS, APPROVAL_SCOPES, TENANT_STATUSES } from './ports.js';
export { connectPostgres, type PostgresOptions } from './postgres-database.js';
export { createRateLimitStore } from './rate-limit-store.js';
export { createRepositories } from './repositories.js';
export { toRunEventRecord } from './run-event-record.js';
export { createRunRepository, type RunRepositoryOptions } from './run-repository.js';
export type { JournalSchema } from './schema.js';
export { createSessionRepository } from './session-repository.js';
export { createTenantRepository } from './tenant-repository.js';
export {
  readInTenant,
  type TenantReader,
  type TenantTransaction,
  withOperator,
  withTenant,
} from './tenant-scope.js';
