import assert from 'node:assert/strict';
import test from 'node:test';
import { EVENT_ACTORS, RUN_STATES } from '@palyra/core';
import { EVENT_ACTORS_0001, RUN_STATES_0001 } from './0001-initial.js';

// A failure here means core changed a closed set the schema constrains: add a migration.
test('the check constraints of 0001 match core’s run states and event actors', () => {
  assert.deepEqual([...RUN_STATES_0001], [...RUN_STATES]);
  assert.deepEqual([...EVENT_ACTORS_0001], [...EVENT_ACTORS]);
});
