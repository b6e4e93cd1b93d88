import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { README_PATH, readmeWithTable } from './config-docs.js';

test('the README configuration table lists every variable of every service, as generated', () => {
  const readme = readFileSync(README_PATH, 'utf8');
  assert.equal(
    readme,
    readmeWithTable(readme),
    'README.md is stale: run node --import tsx --conditions=@palyra/source scripts/config-docs.ts --write',
  );
});
