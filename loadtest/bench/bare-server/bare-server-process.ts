import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest, ServerSample } from './protocol.js';

const SERVER_FILE = fileURLToPath(new URL('./bare-run-stream-server.ts', import.meta.url));

/**
 * The bare RunStream server in a child process. Its CPU and memory come back over IPC from
 * process.cpuUsage()/memoryUsage() inside the child: microsecond CPU resolution (vs 10 ms ticks in
 * /proc/<pid>/stat), and a forced GC (--expose-gc) before memory samples, so a heap figure is the
 * live heap rather than whatever garbage the collector has not reached yet.
 */
export interface BareServerProcess {
  readonly pid: number;
  readonly address: string;
  sample(options?: { readonly gc?: boolean }): Promise<ServerSample>;
  stop(): Promise<void>;
}

export async function startBareServer(): Promise<BareServerProcess> {
  const child: ChildProcess = fork(SERVER_FILE, [], {
    execArgv: ['--import', 'tsx', '--conditions=@palyra/source', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('bare server did not start');
  let nextId = 0;
  const pending = new Map<number, (sample: ServerSample) => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare server not ready within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code} before it was ready`)));
    child.on('message', (message: ChildReply) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === 'sample') {
        const { type: _type, id, ...sample } = message;
        pending.get(id)?.(sample);
        pending.delete(id);
      }
    });
  });

  const send = (request: ChildRequest): void => {
    child.send(request);
  };
  return {
    pid,
    address: `127.0.0.1:${port}`,
    sample(options = {}) {
      const id = nextId++;
      return new Promise<ServerSample>((resolve) => {
        pending.set(id, resolve);
        send({ type: 'sample', id, gc: options.gc ?? false });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
