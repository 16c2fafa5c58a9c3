import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RunStatus, StopReason } from '../runRecord';
import type { RunHeader } from '../runView';
import { readRunHeader } from './readRun';

/** One saved run as a listing shows it (the Runs view, "Show Runs", "Resume Run"): read from its header alone. */
export interface RunSummary {
  runId: string;
  /** The run header's path. */
  file: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** Why it ended, when it did (a budget's stop leaves the run resumable with a higher limit). */
  stopReason?: StopReason;
  /** The prompt the run started from. */
  prompt: string;
  /** Training score of the best candidate (core's ranking rule); undefined before anything was scored. */
  bestScore: number | undefined;
  candidates: number;
  steps: number;
  totalSteps: number;
  /** The dataset's file name. */
  dataset: string;
  /** What the front end attached (the extension's prompt source). */
  meta?: Record<string, unknown>;
}

export function summarizeHeader(header: RunHeader, file: string): RunSummary {
  return {
    runId: header.id,
    file,
    createdAt: header.createdAt,
    updatedAt: header.updatedAt,
    status: header.status,
    ...(header.stopReason === undefined ? {} : { stopReason: header.stopReason }),
    prompt: header.config.seedInstructions[0] ?? '',
    bestScore: header.totals.best?.score,
    candidates: header.totals.candidates,
    steps: header.totals.stepsDone,
    totalSteps: header.config.steps,
    dataset: basename(header.dataset.file),
    ...(header.meta === undefined ? {} : { meta: header.meta }),
  };
}

/**
 * The runs saved in `dir` (`*.json` headers), newest first. Reads headers only; a version 1 file is
 * migrated once. Files that are not runs are skipped and passed to `onSkip` with the reason.
 */
export async function listRuns(dir: string, onSkip?: (file: string, reason: string) => void): Promise<RunSummary[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const headers = await Promise.all(
    names
      .filter((name) => name.endsWith('.json'))
      .map(async (name) => {
        const file = join(dir, name);
        try {
          return summarizeHeader(await readRunHeader(file), file);
        } catch (err) {
          onSkip?.(file, err instanceof Error ? err.message : String(err));
          return undefined;
        }
      }),
  );
  return headers.filter((s): s is RunSummary => s !== undefined).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
