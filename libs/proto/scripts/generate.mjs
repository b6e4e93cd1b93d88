// Regenerates the TypeScript types for proto/palyra/v1/*.proto with proto-loader-gen-types.
//
//   node libs/proto/scripts/generate.mjs [outDir]
//
// outDir defaults to libs/proto/src/generated (a relative outDir is taken from the current
// directory). The output is committed; test/regenerate.test.ts fails when it is stale.
//
// The flags must describe the same options as PROTO_LOADER_OPTIONS in src/index.ts, or the types
// would lie about what the runtime decodes; test/package-definition.test.ts checks a decoded
// message against them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(packageRoot, '..', '..');

// Same list, same order as PROTO_FILES in src/index.ts.
const protoFiles = [
  'palyra/v1/common.proto',
  'palyra/v1/gateway.proto',
  'palyra/v1/cron.proto',
  'palyra/v1/memory.proto',
  'palyra/v1/journal.proto',
];

const flags = [
  '--grpcLib=@grpc/grpc-js',
  '--keepCase',
  '--longs=Number',
  '--enums=String',
  '--defaults',
  '--oneofs',
  // NodeNext resolution needs explicit extensions on relative imports.
  '--importFileExtension=.js',
  // Relative to repoRoot (the cwd below), so the "Original file" headers carry no machine path.
  '--includeDirs=proto',
];

const generatorBin = createRequire(import.meta.url).resolve(
  '@grpc/proto-loader/build/bin/proto-loader-gen-types.js',
);

function listFiles(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

// The generator's output is stable but carries trailing spaces; normalising whitespace keeps
// diffs clean without touching any token.
function normalise(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  return `${lines
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd()}\n`;
}

export function generate(outDir) {
  const staging = mkdtempSync(join(tmpdir(), 'palyra-proto-gen-'));
  try {
    const result = spawnSync(
      process.execPath,
      [generatorBin, ...flags, `--outDir=${staging}`, '--', ...protoFiles],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(`proto-loader-gen-types failed (${result.status}):\n${result.stderr}${result.stdout}`);
    }
    for (const file of listFiles(staging)) {
      const path = join(staging, file);
      writeFileSync(path, normalise(readFileSync(path, 'utf8')));
    }
    // Replace the whole directory so types of deleted messages do not linger.
    rmSync(outDir, { recursive: true, force: true });
    cpSync(staging, outDir, { recursive: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : join(packageRoot, 'src', 'generated');
  generate(outDir);
  console.log(`generated ${listFiles(outDir).length} files into ${outDir}`);
}
