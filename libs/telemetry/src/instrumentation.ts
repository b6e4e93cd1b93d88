/**
 * Process entry for OpenTelemetry: `node --import @palyra/telemetry/instrumentation dist/main.js`.
 * It must run before the application imports http, grpc-js, pg or pino, so those get patched:
 * CommonJS `require`s through require-in-the-middle, ESM `import`s through the
 * import-in-the-middle loader registered here (limited to modules an instrumentation hooks).
 */
import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { startTelemetry } from './lifecycle.js';

const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

await startTelemetry({ shutdownOnSignals: true });
// The loader runs on its own thread; wait until it knows every hooked module before the app loads.
await waitForAllMessagesAcknowledged();

export { shutdownTelemetry } from './lifecycle.js';
