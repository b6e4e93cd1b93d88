#!/usr/bin/env node
// `palyra` launcher: runs the compiled CLI when dist/ exists (images, after `npm run build`),
// otherwise the TypeScript sources through tsx with the workspace's source condition, so
// `npx palyra` works in a fresh checkout after `npm install`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/main.js', import.meta.url);

if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      '--conditions=@palyra/source',
      fileURLToPath(new URL('../src/main.ts', import.meta.url)),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches the child through the terminal's process group; the child decides what it
  // means (cancel a run, leave the prompt), so the launcher only waits for its exit.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 1 : 128);
  });
}
