export {
  ADMIN_TOKEN_FILE,
  type AdminToken,
  type AdminTokenSource,
  type ResolveAdminTokenOptions,
  resolveAdminToken,
} from './admin-token.js';
export { type PalyradConfig, palyradConfigSpec } from './config.js';
export {
  BUS_KINDS,
  type BusKind,
  DATABASE_KINDS,
  type DatabaseKind,
  type Palyrad,
  PGLITE_DIRECTORY,
  type StartPalyradOptions,
  startPalyrad,
} from './palyrad.js';
export {
  type BannerOptions,
  CLI_DEFAULT_GRPC_URL,
  dialableAddress,
  formatStartupBanner,
} from './startup-banner.js';
export { acquireStateLock, STATE_LOCK_FILE, type StateLock } from './state-lock.js';
