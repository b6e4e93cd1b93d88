export {
  createGateway,
  type Gateway,
  type GatewayDependencies,
  type GatewaySettings,
  type ListeningPorts,
  type VersionInfo,
} from './app.js';
export { type StatusSource, watchReconnects } from './bus-reconnects.js';
export {
  type GatewayConfig,
  type GatewayServerConfig,
  gatewayConfigSpec,
  gatewayServerConfigSpec,
  toAuthConfig,
} from './config.js';
export type { HttpRoutes } from './http/http-app.js';
