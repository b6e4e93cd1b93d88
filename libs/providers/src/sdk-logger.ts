import type { Logger } from '@palyra/core';

type SdkLogFunction = (message: string, ...rest: unknown[]) => void;

/** The logger shape both SDKs accept (`ClientOptions.logger`). */
export interface SdkLogger {
  readonly error: SdkLogFunction;
  readonly warn: SdkLogFunction;
  readonly info: SdkLogFunction;
  readonly debug: SdkLogFunction;
}

const MAX_SDK_MESSAGE_CHARS = 200;

/**
 * Routes SDK log lines into ours under a constant message. Only the SDK's own message string is
 * kept: the extra arguments can carry raw stream chunks (prompt or answer text) and headers.
 */
export function sdkLogger(logger: Logger, sdk: string): SdkLogger {
  const fields = (message: string) => ({ sdk, sdkMessage: String(message).slice(0, MAX_SDK_MESSAGE_CHARS) });
  return {
    error: (message) => logger.warn(fields(message), 'model provider sdk reported an error'),
    warn: (message) => logger.warn(fields(message), 'model provider sdk warning'),
    info: (message) => logger.debug(fields(message), 'model provider sdk info'),
    debug: (message) => logger.debug(fields(message), 'model provider sdk debug'),
  };
}
