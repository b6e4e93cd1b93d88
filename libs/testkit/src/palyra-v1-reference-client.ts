import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import protobuf from 'protobufjs';

/**
 * A gRPC client whose schema comes from the protocol facts of the public Palyra v1 protos (the
 * committed fixture derived from the protocol sheet), not from our .proto files. Tests use it to
 * show that a client built only from the public protocol talks to our gateway.
 */
interface FactField {
  readonly number: number;
  readonly name: string;
  readonly type: string;
  readonly label: 'singular' | 'repeated' | 'optional';
  readonly oneof?: string;
}
interface Facts {
  readonly messages: readonly { name: string; fields: readonly FactField[] }[];
  readonly enums: readonly { name: string; values: readonly { name: string; number: number }[] }[];
  readonly services: readonly {
    name: string;
    methods: readonly {
      name: string;
      requestType: string;
      requestStream: boolean;
      responseType: string;
      responseStream: boolean;
    }[];
  }[];
}

const FACTS_PATH = new URL('../../proto/test/fixtures/palyra-v1-facts.json', import.meta.url);

function splitName(fullName: string): { parent: string; name: string } {
  const index = fullName.lastIndexOf('.');
  return { parent: fullName.slice(0, index), name: fullName.slice(index + 1) };
}

/** Builds a protobufjs root from the facts: messages first, then enums (possibly nested), then services. */
export function buildPalyraV1ReferenceRoot(
  facts: Facts = JSON.parse(readFileSync(FACTS_PATH, 'utf8')),
): protobuf.Root {
  const root = new protobuf.Root();
  for (const message of facts.messages) {
    const { parent, name } = splitName(message.name);
    const type = new protobuf.Type(name);
    const oneofs = new Map<string, string[]>();
    for (const field of message.fields) {
      const rule = field.label === 'repeated' ? 'repeated' : undefined;
      const options = field.label === 'optional' ? { proto3_optional: true } : undefined;
      // Scalars are bare words; message and enum types are fully qualified (absolute with a dot).
      const typeName = field.type.includes('.') ? `.${field.type}` : field.type;
      type.add(new protobuf.Field(field.name, field.number, typeName, rule, undefined, options));
      if (field.oneof !== undefined)
        oneofs.set(field.oneof, [...(oneofs.get(field.oneof) ?? []), field.name]);
    }
    for (const [oneof, fields] of oneofs) type.add(new protobuf.OneOf(oneof, fields));
    root.define(parent).add(type);
  }
  for (const enumeration of facts.enums) {
    const { parent, name } = splitName(enumeration.name);
    const values = Object.fromEntries(enumeration.values.map((value) => [value.name, value.number]));
    const container = root.lookup(parent) ?? root.define(parent);
    (container as protobuf.Namespace).add(new protobuf.Enum(name, values));
  }
  for (const service of facts.services) {
    const { parent, name } = splitName(service.name);
    const definition = new protobuf.Service(name);
    for (const method of service.methods) {
      definition.add(
        new protobuf.Method(
          method.name,
          'rpc',
          `.${method.requestType}`,
          `.${method.responseType}`,
          method.requestStream,
          method.responseStream,
        ),
      );
    }
    root.define(parent).add(definition);
  }
  root.resolveAll();
  return root;
}

/** The grpc object (`.palyra.gateway.v1.GatewayService` etc.) of the reference schema. */
export function loadPalyraV1ReferenceGrpcObject(): grpc.GrpcObject {
  const definition = fromJSON(buildPalyraV1ReferenceRoot().toJSON(), {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition);
}
