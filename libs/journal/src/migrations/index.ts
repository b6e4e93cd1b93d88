import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as runInput from './0002-run-input.js';
import * as agentsApprovalsKeys from './0003-agents-approvals-keys.js';

/**
 * Every migration in order, as an in-code record (not a folder scan) so it works from `dist/` and in
 * bundles. Names sort in application order; append new entries, never edit or reorder old ones.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-run-input': runInput,
  '0003-agents-approvals-keys': agentsApprovalsKeys,
};
