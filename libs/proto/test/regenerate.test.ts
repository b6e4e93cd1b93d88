import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const committedDir = join(packageRoot, 'src', 'generated');
const generateScript = join(packageRoot, 'scripts', 'generate.mjs');

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

test('committed src/generated is byte-identical to a fresh generation from proto/', (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'palyra-proto-regenerate-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const freshDir = join(scratch, 'generated');

  const result = spawnSync(process.execPath, [generateScript, freshDir], { encoding: 'utf8' });
  assert.equal(result.status, 0, `generate.mjs failed:\n${result.stderr}${result.stdout}`);

  const fresh = listFiles(freshDir);
  const committed = new Set(listFiles(committedDir));
  const differences: string[] = [];
  for (const file of fresh) {
    if (!committed.has(file)) differences.push(`missing: ${file}`);
    else if (readFileSync(join(freshDir, file), 'utf8') !== readFileSync(join(committedDir, file), 'utf8')) {
      differences.push(`differs: ${file}`);
    }
    committed.delete(file);
  }
  for (const file of committed) differences.push(`stale (no longer generated): ${file}`);

  assert.ok(fresh.length > 0, 'the generator produced no files');
  assert.deepEqual(
    differences,
    [],
    `src/generated is out of date; run \`npm run generate -w @palyra/proto\`:\n${differences.join('\n')}`,
  );
});

test('src/index.ts re-exports every generated message, enum and service type', () => {
  const index = readFileSync(join(packageRoot, 'src', 'index.ts'), 'utf8');
  const missing: string[] = [];
  for (const file of listFiles(join(committedDir, 'palyra'))) {
    const source = readFileSync(join(committedDir, 'palyra', file), 'utf8');
    const specifier = `'./generated/palyra/${file.replace(/\.ts$/, '.js')}'`;
    // One export statement per generated file: find it and check it names every export.
    const statement = new RegExp(
      `export (?:type )?\\{([^}]*)\\} from ${specifier.replace(/[.]/g, '\\.')};`,
    ).exec(index);
    for (const [, name] of source.matchAll(/^export (?:const|type|interface) (\w+)/gm)) {
      if (!statement?.[1]?.split(/[\s,]+/).includes(name ?? '')) missing.push(`${file}: ${name}`);
    }
  }
  assert.deepEqual(missing, [], `add these to src/index.ts:\n${missing.join('\n')}`);
});
