/** IPC between the bench and its bare server child. */
export type ChildRequest =
  | { readonly type: 'sample'; readonly id: number; readonly gc: boolean }
  | { readonly type: 'stop' };

export interface ServerSample {
  /** process.cpuUsage() user + system, microsecond resolution. */
  readonly cpuMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  readonly activeStreams: number;
}

export type ChildReply =
  | { readonly type: 'ready'; readonly port: number }
  | ({ readonly type: 'sample'; readonly id: number } & ServerSample);
