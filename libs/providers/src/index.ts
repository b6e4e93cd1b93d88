export { abortableDelay, isAbortError, ModelAbortError, throwIfAborted } from './abort.js';
export { createDeterministicProvider, type DeterministicProviderOptions } from './deterministic-provider.js';
export {
  FINISH_REASONS,
  type FinishReason,
  MODEL_MESSAGE_ROLES,
  type ModelMessage,
  type ModelMessageRole,
  type ModelProvider,
  type ModelRequest,
  type ModelStreamEvent,
  type ModelTool,
  type ModelUsage,
} from './model-provider.js';
