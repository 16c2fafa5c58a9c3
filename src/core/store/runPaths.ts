import { basename, dirname, join } from 'node:path';

/** The files of one run, all beside the header: `run.json`, `run.log.jsonl`, `run.details.jsonl`, `run.examples.jsonl`. */
export interface RunPaths {
  /** The run header, rewritten atomically: config, dataset fingerprint, status, totals. */
  header: string;
  /** The append-only event log: what happened, one JSON object per line, light (no per-example results). */
  log: string;
  /** Append-only: per-example results of each scored candidate, each step's meta-prompt and raw replies. */
  details: string;
  /** The dataset rows the run uses, one per line, written once. */
  examples: string;
}

/** The run's files, from its header's path (`*.json`; any other name gets the suffixes appended). */
export function runPaths(runFile: string): RunPaths {
  const name = basename(runFile);
  const base = join(dirname(runFile), name.endsWith('.json') ? name.slice(0, -'.json'.length) : name);
  return { header: runFile, log: `${base}.log.jsonl`, details: `${base}.details.jsonl`, examples: `${base}.examples.jsonl` };
}
