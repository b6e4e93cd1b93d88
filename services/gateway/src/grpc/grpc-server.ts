import { type ChannelOptions, Server, ServerCredentials } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type { ApprovalsServiceHandlers, GatewayServiceHandlers, JournalServiceHandlers } from '@palyra/proto';
import { loadPalyraGrpcObject, loadPalyraPackageDefinition } from '@palyra/proto';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';

/** The Palyra services this server implements. */
export const SERVED_SERVICES = [
  'palyra.gateway.v1.GatewayService',
  'palyra.gateway.v1.ApprovalsService',
  'palyra.journal.v1.JournalService',
] as const;

/** Services reported by grpc.health.v1 ('' is the whole server). */
export const HEALTH_SERVICES = ['', ...SERVED_SERVICES] as const;

export interface GrpcServerOptions {
  readonly maxMessageBytes: number;
}

export interface GatewayGrpcServer {
  readonly server: Server;
  /** SERVING until drain, then NOT_SERVING (Watch streams are told too). */
  setServing(serving: boolean): void;
  bind(address: string): Promise<number>;
}

/**
 * Server options, chosen for running behind load balancers:
 * - 4 MiB messages each way (larger -> RESOURCE_EXHAUSTED from the transport).
 * - Keepalive pings every 30 s (10 s to answer), so connections a middlebox dropped silently
 *   are found and their streams cleaned up; clients ping every 30 s too (libs/client).
 * - Connections are recycled after 30 min (GOAWAY, then 5 min for open calls), so new replicas
 *   behind an L4 balancer get their share of long-lived HTTP/2 connections. A RunStream cut by
 *   the grace period is resumed by the client from its last seq.
 * - channelz off: its per-call bookkeeping costs CPU we do not use.
 */
export function serverOptions(options: GrpcServerOptions): ChannelOptions {
  return {
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.max_send_message_length': options.maxMessageBytes,
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.max_connection_age_ms': 30 * 60_000,
    'grpc.max_connection_age_grace_ms': 5 * 60_000,
    'grpc.enable_channelz': 0,
  };
}

/** The gRPC server with GatewayService, ApprovalsService, JournalService, grpc.health.v1 and reflection. */
export function createGrpcServer(
  options: GrpcServerOptions,
  handlers: {
    readonly gateway: GatewayServiceHandlers;
    readonly approvals: ApprovalsServiceHandlers;
    readonly journal: JournalServiceHandlers;
  },
): GatewayGrpcServer {
  const server = new Server(serverOptions(options));
  const palyra = loadPalyraGrpcObject().palyra;
  server.addService(palyra.gateway.v1.GatewayService.service, handlers.gateway);
  server.addService(palyra.gateway.v1.ApprovalsService.service, handlers.approvals);
  server.addService(palyra.journal.v1.JournalService.service, handlers.journal);

  const health = new HealthImplementation(
    Object.fromEntries(HEALTH_SERVICES.map((service) => [service, 'SERVING' as const])),
  );
  health.addToServer(server);
  // Reflection describes exactly the definitions the server speaks, so grpcurl needs no .proto
  // files; services the gateway does not serve (yet) are left out.
  new ReflectionService(
    { ...loadPalyraPackageDefinition(), ...loadSync(healthProtoPath) },
    { services: [...SERVED_SERVICES, 'grpc.health.v1.Health'] },
  ).addToServer(server);

  return {
    server,
    setServing(serving) {
      for (const service of HEALTH_SERVICES) health.setStatus(service, serving ? 'SERVING' : 'NOT_SERVING');
    },
    bind(address) {
      return new Promise<number>((resolve, reject) => {
        server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
          if (error) reject(error);
          else resolve(port);
        });
      });
    },
  };
}
