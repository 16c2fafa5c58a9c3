import { basename } from 'node:path';
import { isRunRecordShape, readPromptSource } from '../../webview/protocol';
import { bestCandidate } from '../../core/ranking';
import type { RunStatus } from '../../core/runRecord';

/** One line of the Runs view. */
export interface RunSummary {
  id: string;
  createdAt: string;
  status: RunStatus;
  /** Best training score in [0, 1]; undefined before anything was scored. */
  bestScore: number | undefined;
  candidates: number;
  /** `file:line` of the prompt, else the dataset's file name. */
  label: string;
  dataset: string;
}

/** Summarizes a parsed run file; undefined when the JSON is not a run. */
export function summarizeRun(raw: unknown): RunSummary | undefined {
  if (!isRunRecordShape(raw)) {
    return undefined;
  }
  const source = readPromptSource(raw);
  const dataset = typeof raw.dataset.file === 'string' ? basename(raw.dataset.file) : '';
  return {
    id: raw.id,
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
    status: raw.status,
    bestScore: bestCandidate(raw.candidates.filter((c) => typeof c.score === 'number'))?.score,
    candidates: raw.candidates.length,
    label: source === undefined ? dataset : `${basename(source.file)}:${source.line}`,
    dataset,
  };
}

/** Newest first. */
export function compareSummaries(a: RunSummary, b: RunSummary): number {
  return b.createdAt.localeCompare(a.createdAt);
}
