export type { Logger } from '@palyra/core';
export { APP_ROLE, type Database, type DatabaseDialect } from './database.js';
export { canonicalEventEnvelope, type EnvelopeFields } from './event-envelope.js';
export { createJournalStore, type JournalStoreOptions, MAX_APPEND_BATCH } from './journal-store.js';
export { assertSchemaCurrent, type MigrationOutcome, migrate, pendingMigrations } from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export { openPglite, type PgliteOptions } from './pglite-database.js';
export type {
  AppendOptions,
  ChainVerification,
  JournalStore,
  NewJournalEvent,
  NewRun,
  NewSession,
  Page,
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
export { TENANT_STATUSES } from './ports.js';
export { connectPostgres, type PostgresOptions } from './postgres-database.js';
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
