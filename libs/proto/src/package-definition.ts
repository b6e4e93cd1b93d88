import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';
import type { ProtoGrpcType as CommonProtoGrpcType } from './generated/common.js';
import type { ProtoGrpcType as CronProtoGrpcType } from './generated/cron.js';
import type { ProtoGrpcType as GatewayProtoGrpcType } from './generated/gateway.js';
import type { ProtoGrpcType as JournalProtoGrpcType } from './generated/journal.js';
import type { ProtoGrpcType as MemoryProtoGrpcType } from './generated/memory.js';

/**
 * Absolute path of the repository's `proto/` folder. This file sits one level below the package
 * root both as `src/*.ts` and as `dist/*.js`, so the same relative walk works from either; a
 * deployed image must keep `proto/` beside `libs/`.
 */
export const PROTO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'proto');

/** The .proto files, relative to PROTO_ROOT (the import paths the files use for each other). */
export const PROTO_FILES = [
  'palyra/v1/common.proto',
  'palyra/v1/gateway.proto',
  'palyra/v1/cron.proto',
  'palyra/v1/memory.proto',
  'palyra/v1/journal.proto',
] as const;

/**
 * The one set of proto-loader options. scripts/generate.mjs passes the same choices as flags to
 * proto-loader-gen-types, so the generated types describe exactly what the runtime decodes:
 * - keepCase: field names as on the wire (`run_id`, `timestamp_unix_ms`), as in the protocol sheet.
 * - longs: Number: 64-bit ints decode to JS numbers; seq, unix ms and byte counts stay below 2^53.
 * - enums: String: enum fields decode to their value names (`STATUS_KIND_DONE`).
 * - defaults: absent scalar fields decode to their proto3 default (0, '', false, []).
 * - oneofs: decoded messages name the set member of a oneof (`body: 'status'`).
 */
export const PROTO_LOADER_OPTIONS: Readonly<Options> = Object.freeze({
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
});

/** The grpc object of all files: `palyra.{common,gateway,cron,memory,journal}.v1`. */
export type PalyraGrpcObject = CommonProtoGrpcType &
  GatewayProtoGrpcType &
  CronProtoGrpcType &
  MemoryProtoGrpcType &
  JournalProtoGrpcType;

let packageDefinition: PackageDefinition | undefined;
let grpcObject: PalyraGrpcObject | undefined;

/**
 * Parses PROTO_FILES once per process. The result feeds grpc-js (`loadPalyraGrpcObject`) and
 * `@grpc/reflection` alike, so reflection describes exactly what the server speaks.
 */
export function loadPalyraPackageDefinition(): PackageDefinition {
  if (packageDefinition === undefined) {
    if (!existsSync(PROTO_ROOT)) {
      throw new Error(`Palyra .proto files not found at ${PROTO_ROOT}; proto/ must ship beside libs/`);
    }
    // A copy, so nothing downstream can touch the frozen options.
    packageDefinition = loadSync([...PROTO_FILES], { ...PROTO_LOADER_OPTIONS });
  }
  return packageDefinition;
}

/** Service constructors and message definitions, typed by the generated ProtoGrpcTypes. */
export function loadPalyraGrpcObject(): PalyraGrpcObject {
  // grpc-js returns an untyped GrpcObject; the generated types describe this very definition.
  grpcObject ??= loadPackageDefinition(loadPalyraPackageDefinition()) as unknown as PalyraGrpcObject;
  return grpcObject;
}
