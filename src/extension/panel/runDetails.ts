import { savedRuns as readers } from '../runs/savedRuns';
import type { CandidateDetailsValue, StepDetailsValue } from '../../webview/protocol';
import { candidateDetailsValue, demoDetails } from './exampleRows';

/** A candidate's per-example table, read from the run's files when the panel asks for it. */
export async function readCandidateDetails(runFile: string, candidateId: string): Promise<CandidateDetailsValue> {
  const reader = readers.of(runFile);
  const folded = await reader.folded();
  const candidate = folded.view.candidates.find((c) => c.id === candidateId);
  if (candidate === undefined) {
    throw new Error(`The run has no candidate ${candidateId.slice(0, 40)}.`);
  }
  const { examples } = await reader.examples();
  const train = await reader.results(folded, candidateId, 'train');
  const validation = await reader.results(folded, candidateId, 'validation');
  return { ...candidateDetailsValue({ candidateId, train, validation, examples }), ...demoDetails(candidate, { examples, config: folded.view.config }) };
}

/** A step's meta-prompt, raw replies and rejected proposals. */
export async function readStepDetailsValue(runFile: string, step: number): Promise<StepDetailsValue> {
  const reader = readers.of(runFile);
  const details = await reader.stepDetails(await reader.folded(), step);
  if (details === undefined) {
    throw new Error(`The run has no step ${step}.`);
  }
  return { kind: 'stepDetails', ...details };
}
