import assert from 'node:assert/strict';
import test from 'node:test';
import { APPROVAL_DECISIONS, APPROVAL_SCOPES } from '../ports.js';
import { APPROVAL_DECISIONS_0003, APPROVAL_SCOPES_0003 } from './0003-agents-approvals-keys.js';

// A failure here means the ports changed a closed set the schema constrains: add a migration.
test('the check constraints of 0003 match the approval decisions and scopes of the ports', () => {
  assert.deepEqual([...APPROVAL_DECISIONS_0003], [...APPROVAL_DECISIONS]);
  assert.deepEqual([...APPROVAL_SCOPES_0003], [...APPROVAL_SCOPES]);
});
