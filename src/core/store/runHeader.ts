import { bestCandidate } from '../ranking';
import { RUN_FORMAT_VERSION, type RunHeader } from '../runView';
import type { RunState } from './logEntry';

/** The header of a run's current state (what listing a run reads). */
export function headerOf(state: RunState): RunHeader {
  const { candidates, steps, examples: _examples, train, validation, ...rest } = state;
  const best = bestCandidate(candidates);
  return {
    format: 'opro-run',
    ...rest,
    version: RUN_FORMAT_VERSION,
    trainRows: train.length,
    validationRows: validation.length,
    totals: {
      candidates: candidates.length,
      stepsDone: steps.filter((s) => s.done).length,
      ...(best === undefined
        ? {}
        : {
            best: {
              id: best.id,
              instruction: best.instruction,
              score: best.score,
              step: best.step,
              ...(best.objective === undefined ? {} : { objective: best.objective }),
              ...(best.validation === undefined ? {} : { validationScore: best.validation.score }),
            },
          }),
    },
  };
}
