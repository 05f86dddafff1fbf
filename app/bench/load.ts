import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  /**
   * CPU time per request of each process named in `cpu` (µs), over the measured seconds: what
   * a request costs whatever else shares the machine, unlike req/s.
   */
  cpuMicrosPerRequest: Record<string, number>;
}

/** Cumulative CPU seconds of a process or a group of them (see cpuSecondsOf). */
export type CpuClock = () => number;

const clockTicksPerSecond = 100;

/** User plus system CPU seconds of one process so far, from /proc (Linux); 0 once it has gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return 0;
  }
}

/** The CPU seconds of every PostgreSQL server process on the machine (the bench's own cluster). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith('postgres')) total += cpuSecondsOf(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

function run(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1 }, (error, result) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(result);
    });
  });
}

/** Warm-up (JIT, caches, pool) first and thrown away, then the measured run. */
export async function measure(url: string, options: LoadOptions, cpu: Record<string, CpuClock> = {}): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(url, options.connections, options.warmupSeconds);
  const before = Object.fromEntries(Object.entries(cpu).map(([name, clock]) => [name, clock()]));
  const result = await run(url, options.connections, options.durationSeconds);
  const cpuMicrosPerRequest = Object.fromEntries(
    Object.entries(cpu).map(([name, clock]) => [name, result.requests.total > 0 ? ((clock() - (before[name] ?? 0)) * 1e6) / result.requests.total : Number.NaN]),
  );
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    cpuMicrosPerRequest,
  };
}
