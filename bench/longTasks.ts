import { closeSync, openSync, readSync } from 'node:fs';

/** The main thread's CPU time in ns: Linux's per-thread schedstat, else the whole process's CPU (all threads). */
function threadCpuClock(): { read: () => number; source: string } {
  try {
    const fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
    const buffer = Buffer.alloc(128);
    const read = (): number => {
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      return Number(buffer.toString('latin1', 0, n).split(' ')[0]);
    };
    read();
    process.once('exit', () => closeSync(fd));
    return { read, source: 'main thread (schedstat)' };
  } catch {
    return {
      read: () => {
        const { user, system } = process.cpuUsage();
        return (user + system) * 1000;
      },
      source: 'process (cpuUsage, all threads)',
    };
  }
}

/** The longest stretches the event loop was held, by wall time and by the main thread's own CPU time. */
export interface LongTasks {
  /** What the CPU figures count. */
  cpuSource: string;
  /** Longest gap between two ticks of a 5 ms timer, beyond its 5 ms (wall time: includes preemption by other processes). */
  maxGapMs: number;
  /** CPU the main thread used in its busiest gap: the longest task(s) the loop ran between two timer turns, not inflated by other processes. */
  maxTurnCpuMs: number;
  /** Gaps in which the main thread used more than 50 ms of CPU. */
  turnsOver50MsCpu: number;
  /** When the last of those began (ms since start): early ones are the JIT warming up. */
  lastOver50MsAtMs: number | undefined;
  /** The 99th percentile of per-gap CPU, in ms. */
  p99TurnCpuMs: number;
  /** The busiest gaps: when (ms since start), wall and CPU. */
  top: { atMs: number; wallMs: number; cpuMs: number }[];
  /** `process.hrtime` (µs) at the start, to find the gaps in a V8 CPU profile (same clock on Linux). */
  startedAtUs: number;
}

const TICK_MS = 5;
const TOP = 8;

/**
 * Samples the event loop with a 5 ms timer: each tick notes the wall time since the last one and the
 * CPU the main thread spent in between. A gap's CPU is what our own code (and its GC) ran without
 * yielding to timers; the wall gap adds the time other processes held the core.
 */
export function watchLongTasks(): { stop: () => LongTasks } {
  const clock = threadCpuClock();
  const started = performance.now();
  const startedAtUs = Number(process.hrtime.bigint() / 1000n);
  const cpuGaps: number[] = [];
  let lastOver50MsAtMs: number | undefined;
  const top: LongTasks['top'] = [];
  let maxGapMs = 0;
  let lastWall = started;
  let lastCpu = clock.read();
  const tick = (): void => {
    const wall = performance.now();
    const cpu = clock.read();
    const cpuMs = (cpu - lastCpu) / 1e6;
    const wallMs = wall - lastWall;
    maxGapMs = Math.max(maxGapMs, wallMs - TICK_MS);
    cpuGaps.push(cpuMs);
    if (cpuMs > 50) {
      lastOver50MsAtMs = Math.round(lastWall - started);
    }
    if (top.length < TOP || cpuMs > (top[top.length - 1]?.cpuMs ?? 0)) {
      top.push({ atMs: Math.round(lastWall - started), wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs * 10) / 10 });
      top.sort((a, b) => b.cpuMs - a.cpuMs).splice(TOP);
    }
    lastWall = wall;
    lastCpu = cpu;
  };
  const timer = setInterval(tick, TICK_MS);
  return {
    stop: () => {
      clearInterval(timer);
      const sorted = Float64Array.from(cpuGaps).sort();
      return {
        cpuSource: clock.source,
        maxGapMs,
        maxTurnCpuMs: sorted[sorted.length - 1] ?? 0,
        turnsOver50MsCpu: cpuGaps.filter((ms) => ms > 50).length,
        lastOver50MsAtMs,
        p99TurnCpuMs: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
        top,
        startedAtUs,
      };
    },
  };
}
