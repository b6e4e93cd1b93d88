export { ToolAbortError } from './abort.js';
export { APPROVAL_OPTION_IDS, type ApprovalPromptResult, approvalPrompt } from './approval-prompt.js';
export {
  ATTESTATION_VERSION,
  type AttestationFields,
  attestationSha256,
  attestedInputJson,
} from './attestation.js';
export {
  BUILTIN_TOOL_NAMES,
  type BuiltinToolName,
  isBuiltinToolName,
  SENSITIVE_BUILTIN_TOOL_NAMES,
} from './builtin-names.js';
export { builtinTools } from './builtin-tools.js';
export { type ExecuteToolOptions, executeTool, type ToolExecution } from './execution.js';
export { type HostLookup, type ResolvedAddress, systemLookup } from './http/target-guard.js';
export { TOOL_ERROR_MAX_CHARS, TOOL_OUTPUT_MAX_BYTES } from './output-limit.js';
export {
  createToolPolicy,
  type OfferedTool,
  type PolicyDecision,
  TOOL_ARGUMENTS_MAX_BYTES,
  TOOL_POLICY_ID,
  type ToolPolicy,
} from './policy.js';
export { createToolRegistry, type InputValidation, type ToolRegistry } from './registry.js';
export {
  type HttpFetchSettings,
  type ToolCallConfig,
  type ToolSettings,
  toolCallSpec,
  toolSettingsFrom,
} from './settings.js';
export {
  type SessionHistoryMessage,
  type ToolContext,
  type ToolDefinition,
  ToolError,
} from './tool-definition.js';
