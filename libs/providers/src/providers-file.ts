import { z } from 'zod';
import { MAX_TOKENS_FIELDS } from './openai-request.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

const name = z
  .string()
  .regex(NAME, 'must be 1-63 letters, digits, _, . or -, starting with a letter or digit');
const envName = z.string().regex(ENV_NAME, 'must be an environment variable name (A-Z, 0-9, _)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http or https URL' });
const modelName = z.string().min(1, 'must not be empty');

const upstreamFields = {
  baseUrl: httpUrl.optional(),
  /** The variable holding the API key; keys are never written in the file. */
  apiKeyEnv: envName.optional(),
  model: modelName.optional(),
  requestTimeoutMs: z.int().min(1).optional(),
  maxRetries: z.int().min(0).max(10).optional(),
  allowPrivateBaseUrl: z.boolean().optional(),
};

const providerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('deterministic'), tokenDelayMs: z.int().min(0).max(60_000).optional() }),
  z.strictObject({
    kind: z.literal('openai_compatible'),
    ...upstreamFields,
    embeddingsModel: modelName.optional(),
    maxTokensField: z.enum(MAX_TOKENS_FIELDS).optional(),
  }),
  z.strictObject({
    kind: z.literal('anthropic'),
    ...upstreamFields,
    defaultMaxTokens: z.int().min(1).optional(),
  }),
]);

const targetSchema = z.strictObject({ provider: name, model: modelName.optional() });

/**
 * The providers file (`PALYRA_MODEL_PROVIDERS_FILE`): named providers, named profiles (ordered
 * targets: the first is asked first, the rest are fallbacks), the default profile, the embeddings
 * target and the circuit breaker. Unknown keys are errors, so a typo is not silently ignored.
 */
export const providersFileSchema = z.strictObject({
  providers: z.record(name, providerSchema).refine((value) => Object.keys(value).length > 0, {
    message: 'must name at least one provider',
  }),
  profiles: z
    .record(name, z.array(targetSchema).min(1, 'must list at least one target'))
    .refine((value) => Object.keys(value).length > 0, { message: 'must name at least one profile' }),
  defaultProfile: name.optional(),
  embeddings: targetSchema.optional(),
  circuitBreaker: z
    .strictObject({ failureThreshold: z.int().min(1).max(100).optional(), openMs: z.int().min(1).optional() })
    .optional(),
});

export type ProvidersFile = z.infer<typeof providersFileSchema>;
export type ProvidersFileProvider = z.infer<typeof providerSchema>;
