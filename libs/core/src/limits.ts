/** Protocol and storage limits shared by every edge. */
export const LIMITS = {
  protocolVersion: 1,
  grpcMessageBytes: 4 * 1024 * 1024,
  httpBodyBytes: 64 * 1024,
  journalPayloadBytes: 256 * 1024,
  modelTokenChunkWords: 16,
  pageSizeDefault: 100,
  pageSizeMax: 500,
  modelTurnsPerRun: 8,
  toolCallsPerRunDefault: 4,
  runWallClockMsDefault: 120_000,
  approvalTimeoutMs: 60_000,
} as const;
