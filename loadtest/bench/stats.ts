import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Latency figures in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Nearest-rank percentile of an ascending array (p in 0..100). With a few thousand samples per
 * figure, sorting them is cheaper than any histogram and exact; no dependency needed.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  let sum = 0;
  for (const value of values) sum += value;
  return {
    count: values.length,
    min: values[0] ?? Number.NaN,
    mean: values.length === 0 ? Number.NaN : sum / values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values[values.length - 1] ?? Number.NaN,
  };
}

/** Milliseconds of CPU (user + system) this process has used, from process.cpuUsage (microsecond resolution). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU milliseconds used by `fn`'s duration in this process (everything the process did meanwhile). */
export function cpuMsOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

let clockTicks: number | undefined;

/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream Linux). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number.parseInt(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(), 10);
    } catch {
      clockTicks = 100;
    }
    if (!Number.isFinite(clockTicks) || clockTicks <= 0) clockTicks = 100;
  }
  return clockTicks;
}

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime in clock ticks. */
  readonly cpuTicks: number;
}

/** Parses /proc/<pid>/stat; undefined when the process is gone or unreadable. */
function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); ppid is field 4, utime 14, stime 15.
  const ppid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return { pid, ppid, cpuTicks: utime + stime };
}

/**
 * CPU milliseconds of a process read from /proc/<pid>/stat (utime + stime). Resolution is one clock
 * tick (10 ms), so only deltas over many operations are meaningful. Used for processes we did not
 * write (the services, Postgres backends), where process.cpuUsage over IPC is not available.
 */
export function procCpuMs(pid: number): number | undefined {
  const stat = readProcStat(pid);
  return stat === undefined ? undefined : (stat.cpuTicks * 1000) / ticksPerSecond();
}

/** The pid and every live descendant (an `npm run` wrapper, its shell and node all count). */
export function procTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcStat(Number(name));
    if (stat === undefined) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Sum of procCpuMs over a set of pids (missing processes count 0). */
export function procCpuMsOf(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) total += procCpuMs(pid) ?? 0;
  return total;
}

/** Resident set size in bytes from /proc/<pid>/status (VmRSS). */
export function procRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** Sum of RSS over a set of pids. */
export function procRssBytesOf(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) total += procRssBytes(pid) ?? 0;
  return total;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Result of a closed-loop load: each worker starts its next operation when the previous one ends. */
export interface LoopResult {
  readonly ops: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly elapsedMs: number;
  readonly opsPerSec: number;
  /** Per-operation latencies (ms) returned by `op`, when it returns one. */
  readonly samples: number[];
  /** CPU of this process during the loop. */
  readonly cpuMs: number;
}

export interface LoopOptions {
  readonly concurrency: number;
  /** Stop starting operations after this long... */
  readonly durationMs?: number;
  /** ...or after this many operations in total (whichever is given). */
  readonly totalOps?: number;
  /** One operation; returns its latency in ms (or nothing). */
  readonly op: (worker: number, index: number) => Promise<number | undefined>;
}

/**
 * Runs `concurrency` workers in a closed loop. Elapsed time runs until the last in-flight
 * operation finishes, so throughput includes the tail. A failed operation is counted and the
 * worker goes on; the caller decides whether errors invalidate the figure.
 */
export async function closedLoop(options: LoopOptions): Promise<LoopResult> {
  const { concurrency, durationMs, totalOps, op } = options;
  if (durationMs === undefined && totalOps === undefined)
    throw new Error('durationMs or totalOps is required');
  const samples: number[] = [];
  let started = 0;
  let ops = 0;
  let errors = 0;
  let firstError: string | undefined;
  const startCpu = process.cpuUsage();
  const start = performance.now();
  const deadline = durationMs === undefined ? Number.POSITIVE_INFINITY : start + durationMs;
  const more = (): boolean => performance.now() < deadline && (totalOps === undefined || started < totalOps);

  async function worker(id: number): Promise<void> {
    while (more()) {
      const index = started++;
      try {
        const latency = await op(id, index);
        if (latency !== undefined) samples.push(latency);
        ops += 1;
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
  const elapsedMs = performance.now() - start;
  return {
    ops,
    errors,
    firstError,
    elapsedMs,
    opsPerSec: (ops * 1000) / elapsedMs,
    samples,
    cpuMs: cpuMsOf(process.cpuUsage(startCpu)),
  };
}
