import { bool, type ConfigOf, type EnvField, optional, text } from '@palyra/config';
import { gatewayConfigSpec, gatewayServerConfigSpec } from '@palyra/gateway';
import { orchestratorRunSpec } from '@palyra/orchestrator';

/** The same variable with another default (checked by the variable's own parser, as builders do). */
function withDefault<T>(field: EnvField<T>, value: T, description?: string): EnvField<T> {
  if (!field.schema.safeParse(field.format(value)).success) {
    throw new TypeError(`default of ${field.name} is not accepted by its own parser`);
  }
  return {
    ...field,
    optional: false,
    hasDefault: true,
    defaultValue: value,
    description: description ?? field.description,
  };
}

/** The same variable, described for palyrad. */
function describedHere<T>(field: EnvField<T>, description: string): EnvField<T> {
  return { ...field, description };
}

/** The same variable, optional here (the standalone services require it). */
function optionalHere<T>(field: EnvField<T>, description: string): EnvField<T | undefined> {
  return describedHere(optional(field), description);
}

const { grpc, http, auth, ...gatewayRest } = gatewayServerConfigSpec;

/**
 * palyrad's variables: the gateway's transports and auth plus the orchestrator's run settings,
 * reused from their specs (one definition per variable). What differs is the embedded default:
 * no database or NATS URL means PGlite under the state root and the in-process bus, listeners
 * bind to 127.0.0.1, and an unset admin token is generated once and kept under the state root.
 */
export const palyradConfigSpec = {
  stateRoot: text('PALYRA_STATE_ROOT', {
    description:
      'Directory of the embedded state: the PGlite database (`pglite/`) and the generated admin token (`admin-token`); relative paths start at the directory `npm start` was run in',
    default: './.palyra',
  }),
  grpc: {
    ...grpc,
    bindAddr: withDefault(grpc.bindAddr, '127.0.0.1'),
  },
  http: {
    ...http,
    bindAddr: withDefault(http.bindAddr, '127.0.0.1'),
  },
  ...gatewayRest,
  auth: {
    ...auth,
    adminToken: describedHere(
      auth.adminToken,
      'Operator admin token (>= 16 characters); unset: generated on first start and kept in `<state root>/admin-token` (mode 0600)',
    ),
  },
  ...orchestratorRunSpec,
  database: {
    url: optionalHere(
      gatewayConfigSpec.database.url,
      'Postgres connection URL; unset: embedded PGlite under `<state root>/pglite`, migrated at start',
    ),
    poolSize: gatewayConfigSpec.database.poolSize,
    autoMigrate: bool('PALYRA_AUTO_MIGRATE', {
      description:
        'With PALYRA_DATABASE_URL: apply pending migrations at start instead of refusing to start (SCHEMA_BEHIND); the embedded PGlite database is always migrated',
      default: false,
    }),
  },
  nats: {
    url: optionalHere(
      gatewayConfigSpec.nats.url,
      'NATS server URL(s) with JetStream, comma-separated; unset: the in-process bus (one process only)',
    ),
    streamPrefix: gatewayConfigSpec.nats.streamPrefix,
  },
};

export type PalyradConfig = ConfigOf<typeof palyradConfigSpec>;
