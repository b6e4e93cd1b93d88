// Checks proto/palyra/v1/*.proto against every fact of the Palyra v1 protocol sheet, as captured in
// fixtures/palyra-v1-facts.json (derived from the sheet by scripts/derive-facts.mjs). Each test
// collects every mismatch before failing, so one run lists all of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROTO_FILES, PROTO_ROOT } from '@palyra/proto';
import protobuf from 'protobufjs';

interface FieldFact {
  number: number;
  name: string;
  type: string;
  label: 'singular' | 'repeated' | 'optional';
  oneof?: string;
}

interface MessageFact {
  name: string;
  fields: FieldFact[];
  reserved: [number, number][];
}

interface EnumFact {
  name: string;
  values: { name: string; number: number }[];
}

interface MethodFact {
  name: string;
  requestType: string;
  requestStream: boolean;
  responseType: string;
  responseStream: boolean;
}

interface ProtocolFacts {
  files: { path: string; package: string; imports: string[] }[];
  messages: MessageFact[];
  enums: EnumFact[];
  services: { name: string; methods: MethodFact[] }[];
}

// Our own fields in messages of the protocol start here, above every range it reserves.
const FIRST_ADDITION_NUMBER = 100;

const facts = JSON.parse(
  readFileSync(new URL('./fixtures/palyra-v1-facts.json', import.meta.url), 'utf8'),
) as ProtocolFacts;

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => join(PROTO_ROOT, target);
root.loadSync([...PROTO_FILES], { keepCase: true });
root.resolveAll();

// protobufjs names are absolute (".palyra.common.v1.X"); the fixture's are not.
const qualified = (fullName: string): string => fullName.replace(/^\./, '');

function labelOf(field: protobuf.Field): FieldFact['label'] {
  if (field.repeated) return 'repeated';
  return field.options?.proto3_optional === true ? 'optional' : 'singular';
}

function oneofOf(field: protobuf.Field): string | undefined {
  // proto3 `optional` is a synthetic one-member oneof; it is reported as the label instead.
  return field.partOf && field.options?.proto3_optional !== true ? field.partOf.name : undefined;
}

function typeOf(field: protobuf.Field): string {
  return field.resolvedType ? qualified(field.resolvedType.fullName) : field.type;
}

// protobufjs stores `reserved a to b` as the inclusive pair [a, b] (and `reserved a` as [a, a]),
// but its own isReservedId treats the end as exclusive, so it would miss the last number.
function isReserved(type: protobuf.Type, id: number): boolean {
  return (type.reserved ?? []).some(
    (range) =>
      typeof range !== 'string' && range[0] !== undefined && range[0] <= id && id <= (range[1] ?? range[0]),
  );
}

function assertNoProblems(problems: string[]): void {
  assert.deepEqual(
    problems,
    [],
    `${problems.length} mismatch(es) with the protocol:\n${problems.join('\n')}`,
  );
}

test('the fixture holds the whole sheet', () => {
  assert.equal(facts.files.length, 4);
  assert.ok(facts.messages.length >= 100, `only ${facts.messages.length} messages in the fixture`);
  assert.ok(facts.enums.length > 0 && facts.services.length > 0);
});

test('each file declares the protocol package and imports', () => {
  const problems: string[] = [];
  for (const file of facts.files) {
    if (!(PROTO_FILES as readonly string[]).includes(file.path)) {
      problems.push(`${file.path}: not in PROTO_FILES`);
      continue;
    }
    const source = readFileSync(join(PROTO_ROOT, file.path), 'utf8');
    if (!/^syntax = "proto3";$/m.test(source)) problems.push(`${file.path}: not proto3`);
    const parsed = protobuf.parse(source, { keepCase: true });
    if (parsed.package !== file.package) {
      problems.push(`${file.path}: package ${parsed.package}, want ${file.package}`);
    }
    const imports = [...(parsed.imports ?? [])].sort();
    if (JSON.stringify(imports) !== JSON.stringify([...file.imports].sort())) {
      problems.push(`${file.path}: imports ${imports.join(', ')}, want ${file.imports.join(', ')}`);
    }
  }
  assertNoProblems(problems);
});

test('every message has the protocol fields, the reserved ranges, and additions only from 100', () => {
  const problems: string[] = [];
  for (const message of facts.messages) {
    const type = root.lookup(message.name);
    if (!(type instanceof protobuf.Type)) {
      problems.push(`message ${message.name}: missing`);
      continue;
    }
    const expectedPackage = facts.files.find((file) => message.name.startsWith(`${file.package}.`));
    if (expectedPackage && !type.filename?.endsWith(expectedPackage.path)) {
      problems.push(`message ${message.name}: declared in ${type.filename}, want ${expectedPackage.path}`);
    }

    for (const fact of message.fields) {
      const where = `${message.name}.${fact.name} = ${fact.number}`;
      const field = type.fieldsById[fact.number];
      if (!field) {
        problems.push(`${where}: no field with that number`);
        continue;
      }
      if (field.name !== fact.name) problems.push(`${where}: named ${field.name}`);
      if (field.map) problems.push(`${where}: is a map`);
      if (typeOf(field) !== fact.type) problems.push(`${where}: type ${typeOf(field)}, want ${fact.type}`);
      if (labelOf(field) !== fact.label)
        problems.push(`${where}: label ${labelOf(field)}, want ${fact.label}`);
      if (oneofOf(field) !== fact.oneof) {
        problems.push(`${where}: oneof ${oneofOf(field) ?? '(none)'}, want ${fact.oneof ?? '(none)'}`);
      }
    }

    const known = new Set(message.fields.map((field) => field.number));
    for (const field of type.fieldsArray) {
      if (!known.has(field.id) && field.id < FIRST_ADDITION_NUMBER) {
        problems.push(`${message.name}.${field.name} = ${field.id}: our addition must use a number >= 100`);
      }
    }

    for (const [from, to] of message.reserved) {
      for (let id = from; id <= to; id += 1) {
        if (!isReserved(type, id)) problems.push(`${message.name}: ${id} is not reserved`);
        const user = type.fieldsById[id];
        if (user) problems.push(`${message.name}.${user.name}: uses reserved number ${id}`);
      }
    }
  }
  assertNoProblems(problems);
});

test('every enum has exactly the protocol values', () => {
  const problems: string[] = [];
  for (const fact of facts.enums) {
    const enumeration = root.lookup(fact.name);
    if (!(enumeration instanceof protobuf.Enum)) {
      problems.push(`enum ${fact.name}: missing`);
      continue;
    }
    const expected = new Map(fact.values.map((value) => [value.name, value.number]));
    for (const [name, number] of expected) {
      const ours = enumeration.values[name];
      if (ours === undefined) problems.push(`${fact.name}.${name}: missing`);
      else if (ours !== number) problems.push(`${fact.name}.${name}: = ${ours}, want ${number}`);
    }
    for (const name of Object.keys(enumeration.values)) {
      if (!expected.has(name)) problems.push(`${fact.name}.${name}: not in the protocol`);
    }
  }
  assertNoProblems(problems);
});

test('every service has the protocol RPCs with the same types and streaming (additions allowed)', () => {
  const problems: string[] = [];
  for (const fact of facts.services) {
    const service = root.lookup(fact.name);
    if (!(service instanceof protobuf.Service)) {
      problems.push(`service ${fact.name}: missing`);
      continue;
    }
    for (const method of fact.methods) {
      const where = `${fact.name}.${method.name}`;
      const ours = service.methods[method.name];
      if (!ours) {
        problems.push(`${where}: missing`);
        continue;
      }
      ours.resolve();
      const request = ours.resolvedRequestType
        ? qualified(ours.resolvedRequestType.fullName)
        : ours.requestType;
      const response = ours.resolvedResponseType
        ? qualified(ours.resolvedResponseType.fullName)
        : ours.responseType;
      if (request !== method.requestType)
        problems.push(`${where}: request ${request}, want ${method.requestType}`);
      if (response !== method.responseType) {
        problems.push(`${where}: response ${response}, want ${method.responseType}`);
      }
      if (Boolean(ours.requestStream) !== method.requestStream) {
        problems.push(
          `${where}: request streaming ${Boolean(ours.requestStream)}, want ${method.requestStream}`,
        );
      }
      if (Boolean(ours.responseStream) !== method.responseStream) {
        problems.push(
          `${where}: response streaming ${Boolean(ours.responseStream)}, want ${method.responseStream}`,
        );
      }
    }
  }
  assertNoProblems(problems);
});
