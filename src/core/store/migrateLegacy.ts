import { OproError } from '../errors';
import type { RunRecord } from '../runRecord';
import { candidateView, splitSummary, stepView, type RunHeader } from '../runView';
import type { DetailsLine, LogEntry, RunState } from './logEntry';
import { headerOf } from './runHeader';
import { runPaths } from './runPaths';
import { checkShape, legacyRunSchema } from './runSchema';
import type { StoreFs } from './storeFs';
import { writeAtomic } from './writeAtomic';

/** Builds the details and log texts of a whole run, line by line, with the byte ranges linking them. */
function linesOf(record: RunRecord): { details: string[]; log: string[] } {
  const details: string[] = [];
  const log: string[] = [];
  let offset = 0;
  const detail = (line: DetailsLine): { offset: number; length: number } => {
    const text = JSON.stringify(line);
    details.push(text);
    const range = { offset, length: Buffer.byteLength(text) };
    offset += range.length + 1;
    return range;
  };
  const usage = record.usage;
  const entry = (e: LogEntry): void => void log.push(JSON.stringify(e));
  for (const step of record.steps) {
    entry({ type: 'stepProposed', step: stepView(step), details: detail({ type: 'step', step: step.step, metaPrompt: step.metaPrompt, replies: step.replies, rejected: step.rejected }), usage });
  }
  for (const c of record.candidates) {
    entry({ type: 'candidateScored', candidate: candidateView(c), details: detail({ type: 'results', candidate: c.id, split: 'train', results: c.results }), usage });
    if (c.validation !== undefined) {
      entry({ type: 'validationScored', candidateId: c.id, validation: splitSummary(c.validation), details: detail({ type: 'results', candidate: c.id, split: 'validation', results: c.validation.results }), usage });
    }
  }
  for (const step of record.steps.filter((s) => s.done)) {
    entry({ type: 'stepFinished', step: step.step, usage });
  }
  entry({ type: 'statusChanged', at: record.updatedAt, status: record.status, ...(record.stopReason === undefined ? {} : { stopReason: record.stopReason }), ...(record.error === undefined ? {} : { error: record.error }), usage });
  return { details, log };
}

const joined = (lines: string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/**
 * Rewrites a version 1 run file (the whole run in one JSON document) in the current layout, in place:
 * rows, details and log first, the header last, so a crash part-way leaves the old file whole and the
 * next open migrates again. Returns the new header.
 */
export async function migrateLegacyRun(file: string, value: unknown, fs: StoreFs): Promise<RunHeader> {
  const checked = checkShape(legacyRunSchema, value);
  if (!checked.ok) {
    throw new OproError('config', `${file}: this is not a usable OPRO run file (version 1): ${checked.problem}.`, { hint: 'Pick a run file written by opro (.opro/runs/*.json).' });
  }
  const record = checked.value as unknown as RunRecord;
  const paths = runPaths(file);
  const { details, log } = linesOf(record);
  const train = new Set(record.train);
  const validation = new Set(record.validation);
  const rows = record.examples.map((e) => JSON.stringify({ ...e, ...(train.has(e.index) ? { split: 'train' } : validation.has(e.index) ? { split: 'validation' } : {}) }));
  await writeAtomic(fs, paths.examples, joined(rows));
  await writeAtomic(fs, paths.details, joined(details));
  await writeAtomic(fs, paths.log, joined(log));
  const { candidates, steps, ...rest } = record;
  const state: RunState = { ...rest, trainRows: record.train.length, validationRows: record.validation.length, candidates: candidates.map(candidateView), steps: steps.map(stepView) };
  const header = headerOf(state);
  await writeAtomic(fs, file, JSON.stringify(header));
  return header;
}
