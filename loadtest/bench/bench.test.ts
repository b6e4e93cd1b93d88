import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BLOCK_IDS } from './blocks/index.js';
import type { BenchReport, SectionResult, SkippedSection } from './report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function runBench(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--conditions=@palyra/source', MAIN, ...args],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 170_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function isMeasured(section: SectionResult | SkippedSection | undefined): section is SectionResult {
  return section !== undefined && !('skipped' in section);
}

// Figures are not compared with anything: this machine is shared and noisy. The test proves the
// harness runs every building block against the real NATS, Postgres and grpc-js and reports them.
test('bench --quick --only blocks measures every building block and writes them as JSON', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'palyra-bench-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'bench.json');

  const { code, stdout, stderr } = await runBench(['--quick', '--only', 'blocks', '--out', out]);

  assert.equal(code, 0, `bench exited with ${code}\n${stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
  assert.equal(report.mode, 'quick');
  assert.equal(report.only, 'blocks');
  assert.equal(report.e2e, undefined);
  assert.deepEqual(Object.keys(report.blocks).sort(), [...BLOCK_IDS].sort());
  for (const id of BLOCK_IDS) {
    const section = report.blocks[id];
    assert.ok(isMeasured(section), `${id} was not measured: ${JSON.stringify(section)}`);
    const figures = Object.entries(section.figures);
    assert.ok(figures.length >= 3, `${id} reports only ${figures.length} figures`);
    for (const [key, item] of figures) {
      assert.ok(Number.isFinite(item.value) && item.value > 0, `${id}.${key} = ${item.value} ${item.unit}`);
    }
    assert.match(stdout, new RegExp(`^${id} `, 'm'), `the table has no row for ${id}`);
  }
  for (const key of ['streamsPerSecAt16', 'streamsPerSecAt64', 'streamsPerSecAt256', 'firstEventP50']) {
    const streams = report.blocks['grpc-streams'];
    assert.ok(isMeasured(streams) && streams.figures[key] !== undefined, `grpc-streams lacks ${key}`);
  }
});

test('bench rejects an unknown --only value with a usage message', async () => {
  const { code, stderr } = await runBench(['--only', 'everything']);

  assert.equal(code, 2);
  assert.match(stderr, /--only must be one of all, blocks, e2e/);
  assert.match(stderr, /usage: npm run bench/);
});
