import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from './machine';

/** One printed line: a figure's name, what it measured and, when it has one, its target. */
export type Figure = { figure: string; target?: string; met?: boolean; skipped?: string; error?: string } & Record<string, unknown>;

export type Emit = (figure: Figure) => void;

const HIDDEN = new Set(['figure', 'target', 'met', 'skipped', 'error']);

/** Rounds measured numbers so the output stays readable (ratios to 3 decimals, the rest to 1). */
export function round(value: number, decimals = 1): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

function cell(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function tableRow(f: Figure): string {
  const details = Object.entries(f)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key} ${cell(value)}`)
    .join(', ');
  const outcome = f.skipped !== undefined ? `skipped: ${f.skipped}` : f.error !== undefined ? `error: ${f.error}` : details;
  const met = f.met === undefined ? '' : f.met ? 'yes' : '**no**';
  return `| ${f.figure} | ${outcome.replace(/\|/g, '\\|')} | ${f.target ?? ''} | ${met} |`;
}

function markdown(figures: Figure[], machine: Machine): string {
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${machine.date.slice(0, 10)}: ${machine.nproc} cores (\`nproc\`), ${machine.cpu},`,
    `${machine.ramGb} GB RAM, Node ${machine.node}; load average ${machine.load.join(' / ')} (1 / 5 / 15 min) at the end, \`load1\` per figure.`,
    'Times in ms, memory in MB, sizes in KB.',
    '',
    '| Figure | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
    ...figures.map(tableRow),
    '',
  ].join('\n');
}

/** Writes bench/results.json (git-ignored) and bench/RESULTS.md (committed). */
export function writeReports(figures: Figure[], machine: Machine): void {
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify({ machine, figures }, null, 2) + '\n');
  writeFileSync(join(__dirname, 'RESULTS.md'), markdown(figures, machine));
}
