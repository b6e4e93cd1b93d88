// The tree is the architecture: these rules keep dependencies pointing one way.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';

const root = new URL('..', import.meta.url).pathname;

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function packagesIn(folder: string): { dir: string; manifest: Manifest }[] {
  return readdirSync(join(root, folder))
    .map((name) => join(root, folder, name))
    .filter((dir) => statSync(join(dir, 'package.json'), { throwIfNoEntry: false })?.isFile())
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest,
    }));
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const libs = packagesIn('libs');
const services = packagesIn('services');
const serviceNames = new Set(services.map((p) => p.manifest.name));

/**
 * Services meet only through proto/ and the NATS contracts, with one exception: palyrad runs the
 * gateway and the orchestrator in one process (the embedded default), so it composes them through
 * their public factories and config specs. Nothing depends on palyrad.
 */
const SERVICES_A_SERVICE_MAY_USE: Readonly<Record<string, readonly string[]>> = {
  '@palyra/palyrad': ['@palyra/gateway', '@palyra/orchestrator'],
};

test('libs never depend on services', () => {
  for (const { manifest } of libs) {
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    assert.deepEqual(
      deps.filter((dep) => serviceNames.has(dep)),
      [],
      `${manifest.name} depends on a service`,
    );
  }
});

test('libs source never imports a service package', () => {
  for (const { dir, manifest } of libs) {
    for (const file of sourceFiles(join(dir, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const service of serviceNames) {
        assert.ok(!text.includes(`'${service}`), `${manifest.name}: ${file} imports ${service}`);
      }
    }
  }
});

test('services depend on no other service, except palyrad on the ones it composes', () => {
  for (const { manifest } of services) {
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    assert.deepEqual(
      deps.filter((dep) => serviceNames.has(dep)).sort(),
      [...(SERVICES_A_SERVICE_MAY_USE[manifest.name] ?? [])].sort(),
      `${manifest.name}: service dependencies`,
    );
  }
});

test('service sources import only the services they may depend on', () => {
  for (const { dir, manifest } of services) {
    const allowed = new Set([manifest.name, ...(SERVICES_A_SERVICE_MAY_USE[manifest.name] ?? [])]);
    for (const file of sourceFiles(join(dir, 'src'))) {
      // Package names of `@palyra/x` and `@palyra/x/sub` specifiers (static and dynamic imports).
      const imported = [
        ...readFileSync(file, 'utf8').matchAll(/['"](@palyra\/[a-z0-9-]+)(?:\/[^'"]*)?['"]/g),
      ].map((match) => match[1] ?? '');
      for (const name of imported) {
        assert.ok(!serviceNames.has(name) || allowed.has(name), `${manifest.name}: ${file} imports ${name}`);
      }
    }
  }
});

test('core imports no I/O: only node:crypto and ulid', () => {
  const core = libs.find((p) => p.manifest.name === '@palyra/core');
  assert.ok(core, '@palyra/core exists');
  assert.deepEqual(Object.keys(core.manifest.dependencies ?? {}), ['ulid']);
  for (const file of sourceFiles(join(core.dir, 'src'))) {
    const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const specifier of imports) {
      assert.ok(
        specifier?.startsWith('./') || specifier === 'node:crypto' || specifier === 'ulid',
        `${file} imports ${specifier}`,
      );
    }
  }
});
