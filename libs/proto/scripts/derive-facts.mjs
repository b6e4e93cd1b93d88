// Turns the Palyra v1 protocol sheet (markdown) into the JSON fixture that
// test/protocol-facts.test.ts checks our .proto files against, so the fixture is reproducible:
//
//   node libs/proto/scripts/derive-facts.mjs <path/to/palyra-v1.md> [out.json]
//
// Without out.json the JSON goes to stdout. Only this script reads the sheet; the test reads the
// committed fixture (libs/proto/test/fixtures/palyra-v1-facts.json).
//
// Type names in the sheet are written as in a .proto file (relative to the enclosing message,
// then its package); they are resolved here to fully-qualified names with proto's scoping rule.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const SCALARS = new Set([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
]);

function fail(lineNumber, message) {
  throw new Error(`line ${lineNumber}: ${message}`);
}

export function deriveFacts(markdown, sourceName) {
  const files = [];
  const messages = [];
  const enums = [];
  const services = [];

  // "`palyra/v1/gateway.proto` (package `palyra.gateway.v1`, imports common)"
  const fileNames = new Map();
  for (const match of markdown.matchAll(
    /`(palyra\/v1\/(\w+)\.proto)`\s*\(package\s+`([\w.]+)`(?:,\s*imports\s+(\w+))?\)/g,
  )) {
    const [, path, short, pkg, imported] = match;
    fileNames.set(short, path);
    files.push({ path, package: pkg, imports: imported ? [imported] : [] });
  }
  for (const file of files) {
    file.imports = file.imports.map((short) => {
      const path = fileNames.get(short);
      if (!path) throw new Error(`${file.path} imports unknown file "${short}"`);
      return path;
    });
  }
  if (files.length === 0) throw new Error('no "Files and imports" paragraph found');

  let current;
  const lines = markdown.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const lineNumber = index + 1;
    let match = /^#{2,4}\s+message\s+([\w.]+)$/.exec(line);
    if (match) {
      current = { kind: 'message', lineNumber, value: { name: match[1], fields: [], reserved: [] } };
      messages.push(current.value);
      return;
    }
    match = /^#{2,4}\s+enum\s+([\w.]+)$/.exec(line);
    if (match) {
      current = { kind: 'enum', lineNumber, value: { name: match[1], values: [] } };
      enums.push(current.value);
      return;
    }
    match = /^#{2,4}\s+service\s+([\w.]+)$/.exec(line);
    if (match) {
      current = { kind: 'service', lineNumber, value: { name: match[1], methods: [] } };
      services.push(current.value);
      return;
    }
    if (/^#{1,6}\s/.test(line)) {
      current = undefined;
      return;
    }
    if (!current || line === '') return;

    if (current.kind === 'message') {
      match = /^-\s+reserved\s+(.+)$/.exec(line);
      if (match) {
        for (const part of match[1].split(',')) {
          const range = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part.trim());
          if (!range) fail(lineNumber, `bad reserved range "${part}"`);
          const from = Number(range[1]);
          current.value.reserved.push([from, range[2] === undefined ? from : Number(range[2])]);
        }
        return;
      }
      match = /^-\s+(\d+):\s+(\w+)\s+(?:(repeated|optional)\s+)?([\w.]+)(?:\s+\(oneof\s+(\w+)\))?$/.exec(
        line,
      );
      if (!match) fail(lineNumber, `unrecognised field line "${line}"`);
      const [, number, name, label, type, oneof] = match;
      // label: singular | repeated | optional (proto3 explicit presence); oneof only when a member.
      current.value.fields.push({
        number: Number(number),
        name,
        type,
        label: label ?? 'singular',
        ...(oneof ? { oneof } : {}),
      });
      return;
    }
    if (current.kind === 'enum') {
      if (!line.startsWith('- ')) fail(lineNumber, `unrecognised enum line "${line}"`);
      for (const part of line.slice(2).split(',')) {
        const value = /^(\w+)\s*=\s*(-?\d+)$/.exec(part.trim());
        if (!value) fail(lineNumber, `bad enum value "${part}"`);
        current.value.values.push({ name: value[1], number: Number(value[2]) });
      }
      return;
    }
    // service: markdown table rows "| Rpc | [stream ]Request | [stream ]Response |"
    if (!line.startsWith('|')) fail(lineNumber, `unrecognised service line "${line}"`);
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (cells[0] === 'rpc' || /^-+$/.test(cells[0] ?? '')) return;
    if (cells.length !== 3) fail(lineNumber, `service row needs 3 cells: "${line}"`);
    const [rpc, request, response] = cells;
    const side = (cell) => {
      const streamed = /^stream\s+([\w.]+)$/.exec(cell);
      return streamed ? { type: streamed[1], stream: true } : { type: cell, stream: false };
    };
    const req = side(request);
    const res = side(response);
    current.value.methods.push({
      name: rpc,
      requestType: req.type,
      requestStream: req.stream,
      responseType: res.type,
      responseStream: res.stream,
    });
  });

  // Resolve field types with proto scoping: innermost enclosing scope first, then outwards.
  const declared = new Set([...messages.map((m) => m.name), ...enums.map((e) => e.name)]);
  const resolve = (reference, scope) => {
    if (SCALARS.has(reference)) return reference;
    const parts = scope.split('.');
    for (let i = parts.length; i >= 0; i -= 1) {
      const candidate = [...parts.slice(0, i), reference].join('.');
      if (declared.has(candidate)) return candidate;
    }
    throw new Error(`cannot resolve type "${reference}" from ${scope}`);
  };
  for (const message of messages) {
    for (const field of message.fields) field.type = resolve(field.type, message.name);
  }
  for (const service of services) {
    for (const method of service.methods) {
      for (const key of ['requestType', 'responseType']) {
        if (!declared.has(method[key]))
          throw new Error(`${service.name}.${method.name}: unknown ${method[key]}`);
      }
    }
  }

  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    source: sourceName,
    files,
    messages: messages.sort(byName),
    enums: enums.sort(byName),
    services: services.sort(byName),
  };
}

// One field, enum value, method or file per line, so a protocol change shows up as a one-line
// diff; then the repository's Biome formatter has the last word, so `biome ci` accepts the file
// exactly as this script writes it.
function toJson(facts) {
  const line = (value) => JSON.stringify(value);
  const list = (items, indent, render) =>
    items.length === 0
      ? '[]'
      : `[\n${items.map((item) => `${indent}  ${render(item)}`).join(',\n')}\n${indent}]`;
  const message = (m) =>
    `{\n      "name": ${JSON.stringify(m.name)},\n      "fields": ${list(m.fields, '      ', line)},\n      "reserved": ${JSON.stringify(m.reserved)}\n    }`;
  const enumeration = (e) =>
    `{\n      "name": ${JSON.stringify(e.name)},\n      "values": ${list(e.values, '      ', line)}\n    }`;
  const service = (s) =>
    `{\n      "name": ${JSON.stringify(s.name)},\n      "methods": ${list(s.methods, '      ', line)}\n    }`;
  const raw = `{\n  "source": ${JSON.stringify(facts.source)},\n  "files": ${list(facts.files, '  ', line)},\n  "messages": ${list(facts.messages, '  ', message)},\n  "enums": ${list(facts.enums, '  ', enumeration)},\n  "services": ${list(facts.services, '  ', service)}\n}\n`;
  const biome = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'biome'),
    ['format', '--stdin-file-path=palyra-v1-facts.json'],
    { cwd: repoRoot, input: raw, encoding: 'utf8' },
  );
  if (biome.status !== 0) throw new Error(`biome format failed: ${biome.stderr}`);
  return biome.stdout;
}

const [sheetPath, outPath] = process.argv.slice(2);
if (!sheetPath) {
  console.error('usage: node derive-facts.mjs <palyra-v1.md> [out.json]');
  process.exit(2);
}
const facts = deriveFacts(readFileSync(sheetPath, 'utf8'), basename(sheetPath));
const json = toJson(facts);
if (outPath) writeFileSync(outPath, json);
else process.stdout.write(json);
