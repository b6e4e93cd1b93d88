import { createEchoTool } from './builtin/echo.js';
import { createHttpFetchTool } from './builtin/http-fetch.js';
import { createSessionHistoryTool } from './builtin/session-history.js';
import { createSleepTool } from './builtin/sleep.js';
import type { ToolSettings } from './settings.js';
import type { ToolDefinition } from './tool-definition.js';

/** The built-in tools, in the order of BUILTIN_TOOL_NAMES. */
export function builtinTools(settings: Pick<ToolSettings, 'httpFetch'>): ToolDefinition[] {
  return [
    createEchoTool(),
    createSleepTool(),
    createHttpFetchTool(settings.httpFetch),
    createSessionHistoryTool(),
  ];
}
