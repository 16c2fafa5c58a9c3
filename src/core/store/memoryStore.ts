import type { ExampleResult } from '../runRecord';
import type { StepDetails } from './logEntry';
import type { RunStore, SplitName } from './runStore';

/** A run without a run file: its details stay in memory (evaluations, tests, the library). */
export function createMemoryStore(): RunStore {
  const results = new Map<string, ExampleResult[]>();
  const steps = new Map<number, StepDetails>();
  const key = (id: string, split: SplitName): string => `${split}:${id}`;
  return {
    runFile: undefined,
    recordCandidate: async (candidate) => {
      results.set(key(candidate.id, 'train'), candidate.results);
    },
    recordStep: async (step) => {
      steps.set(step.step, { step: step.step, metaPrompt: step.metaPrompt, replies: step.replies, rejected: step.rejected });
    },
    recordStepFinished: async () => undefined,
    recordValidation: async (candidateId, validation) => {
      results.set(key(candidateId, 'validation'), validation.results);
    },
    recordStatus: async () => undefined,
    results: async (candidateId, split) => results.get(key(candidateId, split)) ?? [],
    stepDetails: async (step) => steps.get(step),
  };
}
