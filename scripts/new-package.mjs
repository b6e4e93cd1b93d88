// One-off scaffolding helper kept for adding packages with the same shape.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, description, refsArg = ''] = process.argv.slice(2);
if (!dir || !description) {
  console.error('usage: node scripts/new-package.mjs <libs/x|services/x> "<description>" [ref,ref]');
  process.exit(2);
}
const name = `@palyra/${dir.split('/')[1]}`;
const refs = refsArg ? refsArg.split(',') : [];
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name,
  version: '0.1.0',
  private: true,
  description,
  type: 'module',
  exports: {
    '.': { '@palyra/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
  },
  dependencies: Object.fromEntries(refs.map((r) => [`@palyra/${r.split('/')[1]}`, '*'])),
};
if (!existsSync(join(dir, 'package.json')))
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
const tsconfig = {
  extends: '../../tsconfig.base.json',
  compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
  include: ['src'],
  exclude: ['src/**/*.test.ts'],
  references: refs.map((r) => ({ path: `../../${r}` })),
};
writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
