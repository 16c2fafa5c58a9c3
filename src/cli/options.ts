import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OproError } from '../core/errors';

const OPTION_SPEC = {
  dataset: { type: 'string' },
  prompt: { type: 'string', multiple: true },
  'prompt-file': { type: 'string' },
  position: { type: 'string' },
  'include-qa': { type: 'boolean' },
  metric: { type: 'string' },
  rubric: { type: 'string' },
  'judge-model': { type: 'string' },
  scorer: { type: 'string' },
  fields: { type: 'string' },
  'length-penalty': { type: 'string' },
  evaluation: { type: 'string' },
  'input-column': { type: 'string' },
  'target-column': { type: 'string' },
  'skip-bad-rows': { type: 'boolean' },
  'max-dataset-mb': { type: 'string' },
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'scorer-model': { type: 'string' },
  'optimizer-model': { type: 'string' },
  'scorer-max-tokens': { type: 'string' },
  'optimizer-max-tokens': { type: 'string' },
  'reasoning-effort': { type: 'string' },
  'model-family': { type: 'string', multiple: true },
  steps: { type: 'string' },
  candidates: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  exemplars: { type: 'string' },
  'exemplar-selection': { type: 'string' },
  demos: { type: 'string' },
  method: { type: 'string' },
  'feedback-examples': { type: 'string' },
  repeat: { type: 'string' },
  'target-score': { type: 'string' },
  patience: { type: 'string' },
  'max-calls': { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-cost': { type: 'string' },
  prices: { type: 'string' },
  'dry-run': { type: 'boolean' },
  train: { type: 'string' },
  validation: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  'min-score': { type: 'string' },
  'min-improvement': { type: 'string' },
  baseline: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export type CliValues = {
  [K in keyof typeof OPTION_SPEC]?: (typeof OPTION_SPEC)[K] extends { multiple: true } ? string[] : (typeof OPTION_SPEC)[K] extends { type: 'boolean' } ? boolean : string;
};

export interface ParsedCommandLine {
  command: string | undefined;
  positionals: string[];
  values: CliValues;
}

/** Parses argv (without node and script); unknown flags are a usage error (exit 2). */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTION_SPEC, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    return { command, positionals: rest, values: values as CliValues };
  } catch (err) {
    throw new OproError('config', `${(err as Error).message}. Run \`opro --help\` for the options.`);
  }
}

/** A whole number flag; `undefined` when absent. */
export function intFlag(values: CliValues, name: keyof CliValues): number | undefined {
  const raw = values[name];
  if (raw === undefined) {
    return undefined;
  }
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 0) {
    throw new OproError('config', `Expected --${name} to be a whole number ≥ 0, got \`${String(raw)}\`.`);
  }
  return n;
}

/** A count or a fraction (`--train 200`, `--validation 0.2`), or a score in [0, 1]. */
export function numberFlag(values: CliValues, name: keyof CliValues): number | undefined {
  const raw = values[name];
  if (raw === undefined) {
    return undefined;
  }
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new OproError('config', `Expected --${name} to be a number ≥ 0, got \`${String(raw)}\`.`);
  }
  return n;
}

/** A number that may be negative (`--min-improvement=-0.02` tolerates a 2-point drop). */
export function signedNumberFlag(values: CliValues, name: keyof CliValues): number | undefined {
  const raw = values[name];
  if (raw === undefined) {
    return undefined;
  }
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n)) {
    throw new OproError('config', `Expected --${name} to be a number, got \`${String(raw)}\`.`);
  }
  return n;
}
