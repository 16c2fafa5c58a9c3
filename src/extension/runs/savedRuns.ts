import type { RunView } from '../../core/runView';
import { RunReaders } from '../../core/store/runReader';

/**
 * The saved runs this window reads: opening one reads its log once, and each click on a candidate
 * or a step reads only that line of the details file (and what the log gained since, for a live run).
 */
export const savedRuns = new RunReaders();

/** A saved run's light view (what the panel shows). */
export async function readSavedView(runFile: string): Promise<RunView> {
  return (await savedRuns.of(runFile).folded()).view;
}
