// Checks of the k6 scripts that can run without k6. This file sits beside loadtest/k6/, not in it:
// scripts/run-tests.mjs skips folders named k6, and tsconfig.tests.json and eslint exclude them
// (they are k6 JavaScript, type-checked by their own tsconfig below).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isCanonicalUlid, ulidTimestampMs } from '@palyra/core';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

test('the k6 scripts type-check against @types/k6', async () => {
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [TSC, '-p', 'loadtest/k6/tsconfig.json', '--pretty', 'false'],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });

  assert.equal(result.code, 0, result.output);
});

test('the k6 ULID generator makes canonical ULIDs carrying the given time', async () => {
  const moduleUrl = pathToFileURL(fileURLToPath(new URL('./k6/lib/ulid.js', import.meta.url))).href;
  const { ulid, isUlid } = (await import(moduleUrl)) as {
    ulid: (now?: number) => string;
    isUlid: (value: string) => boolean;
  };
  const now = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
  const ids = new Set<string>();
  for (let index = 0; index < 1_000; index += 1) {
    const id = ulid(now);
    assert.ok(isCanonicalUlid(id), `${id} is not a canonical ULID`);
    assert.ok(isUlid(id));
    assert.equal(ulidTimestampMs(id), now);
    ids.add(id);
  }
  assert.equal(ids.size, 1_000);
  assert.ok(isCanonicalUlid(ulid()));
});
