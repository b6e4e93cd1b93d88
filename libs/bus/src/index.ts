export { type Logger, silentLogger } from '@palyra/core';
export { MAX_DELIVERIES_REASON } from './codec.js';
export {
  createInProcessBroker,
  createInProcessBus,
  type InProcessBroker,
  type InProcessBusOptions,
  type InProcessConnectOptions,
} from './in-process-bus.js';
export { connectNatsBus, NATS_BUS_DEFAULTS, type NatsBus, type NatsBusOptions } from './nats-bus.js';
export type {
  Bus,
  ConsumeOptions,
  ConsumerHandle,
  Control,
  ControlMessage,
  DeadLetter,
  EnqueueResult,
  RunDelivery,
  RunEvents,
  RunJob,
  RunQueue,
  Subscription,
} from './ports.js';
export { createSubjects, requireSubjectToken, requireTenantToken, type Subjects } from './subjects.js';
export {
  type ConsumerSpec,
  createTopology,
  deadLetterConsumer,
  ensureConsumer,
  ensureStream,
  ensureTopology,
  RUNS_CONSUMER,
  type StreamSpec,
  TOPOLOGY_DEFAULTS,
  type Topology,
  type TopologyOptions,
} from './topology.js';
