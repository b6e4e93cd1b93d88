export { extractTraceContext, injectTraceContext, type TraceCarrier } from './trace-context.js';
