import { candidatePrompt } from '../../core/run/candidatePrompt';
import { readRunExamples, readRunView } from '../../core/store/readRun';

/**
 * A candidate's whole prompt as it was scored: its instruction and, when it has some, its
 * demonstrations (read from the run's rows). `fallback` (the instruction the panel sent) when the run
 * has no such candidate or it shows no demonstrations.
 */
export async function candidatePromptText(runFile: string, candidateId: string, fallback: string): Promise<string> {
  const { view } = await readRunView(runFile);
  const candidate = view.candidates.find((c) => c.id === candidateId);
  if (candidate === undefined || (candidate.demos ?? []).length === 0) {
    return fallback;
  }
  const { examples } = await readRunExamples(runFile);
  return candidatePrompt(candidate, { examples, config: view.config });
}
