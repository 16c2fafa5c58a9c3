import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg, totalmem } from 'node:os';

/** What the figures were measured on. */
export interface Machine {
  nproc: number;
  cpu: string;
  ramGb: number;
  node: string;
  date: string;
  /** Load average over 1, 5 and 15 minutes when the run ended: other work slows every timing. */
  load: number[];
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function processorCount(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return 0;
  }
}

export function describeMachine(): Machine {
  return {
    nproc: processorCount(),
    cpu: cpuModel(),
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
    load: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}
