import { createDeterministicProvider, type ModelProvider } from '@palyra/providers';
import type { OrchestratorRunConfig } from './config.js';

/** The configured provider adapter (shared with palyrad). */
export function createModelProvider(config: OrchestratorRunConfig['model']): ModelProvider {
  switch (config.providerKind) {
    case 'deterministic':
      return createDeterministicProvider({ tokenDelayMs: config.tokenDelayMs });
  }
}
