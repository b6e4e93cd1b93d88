import type { BenchContext } from '../context.js';
import type { SectionResult } from '../report.js';
import { measureGrpcIdle } from './grpc-idle.js';
import { measureGrpcStreams } from './grpc-streams.js';
import { measureJetStream } from './jetstream.js';
import { measureNatsCore } from './nats-core.js';
import { measurePostgres } from './postgres.js';

export interface Block {
  readonly id: string;
  readonly title: string;
  run(context: BenchContext): Promise<SectionResult>;
}

/** The building blocks, in the order they run. */
export const BLOCKS: readonly Block[] = [
  { id: 'nats-core', title: 'NATS core publish/subscribe', run: measureNatsCore },
  { id: 'jetstream', title: 'JetStream work queue', run: measureJetStream },
  { id: 'postgres', title: 'Postgres batched inserts and JournalStore.append', run: measurePostgres },
  { id: 'grpc-streams', title: 'Bare grpc-js RunStream', run: (context) => measureGrpcStreams(context) },
  { id: 'grpc-idle', title: 'Idle bare grpc-js RunStreams', run: measureGrpcIdle },
];

export const BLOCK_IDS: readonly string[] = BLOCKS.map((block) => block.id);
