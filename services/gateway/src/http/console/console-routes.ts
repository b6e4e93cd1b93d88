import type { HttpRoutes } from '../http-context.js';
import { agentRoutes } from './agent-routes.js';
import { approvalRoutes } from './approval-routes.js';
import type { ConsoleContext } from './console-context.js';
import { eventStreamRoutes } from './event-stream-routes.js';
import { journalRoutes } from './journal-routes.js';
import { messageRoutes } from './message-routes.js';
import { runRoutes } from './run-routes.js';
import { sessionRoutes } from './session-routes.js';

/**
 * `/console/v1`: what a web console does over HTTP with tenant credentials (the same operations,
 * rules and error codes as the gRPC API). Every route declares `config.auth: 'tenant'`; ids of
 * another tenant or of another principal read as unknown (404).
 */
export function consoleRoutes(context: ConsoleContext): HttpRoutes {
  const areas = [
    sessionRoutes(context),
    runRoutes(context),
    messageRoutes(context),
    eventStreamRoutes(context),
    journalRoutes(context),
    agentRoutes(context),
    approvalRoutes(context),
  ];
  return (app) => {
    for (const register of areas) register(app);
  };
}
