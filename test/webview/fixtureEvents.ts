import type { RunEvent } from '../../src/core/events';
import type { RunRecord, RunUsage, ScoredCandidate } from '../../src/core/runRecord';
import { candidateView, splitSummary, stepView, type RunView } from '../../src/core/runView';
import { lightRun } from './fixtures';

function scaled(usage: RunUsage, fraction: number): RunUsage {
  const part = <T extends Record<string, number>>(values: T): T =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round(v * fraction)])) as T;
  const { byModel, unpricedModels, ...totals } = usage;
  return {
    ...part(totals),
    ...(unpricedModels === undefined ? {} : { unpricedModels }),
    byModel: Object.fromEntries(Object.entries(byModel).map(([k, v]) => [k, part({ ...v })])),
  };
}

function withoutValidation(candidate: ScoredCandidate): ScoredCandidate {
  const { validation: _validation, ...rest } = candidate;
  return rest;
}

/** The run's light view as `runStarted` carries it: nothing scored yet. */
function started(record: RunRecord): RunView {
  const start: RunView = { ...lightRun(structuredClone(record)), status: 'running', candidates: [], steps: [], usage: scaled(record.usage, 0) };
  delete start.stopReason;
  return start;
}

/**
 * The (light) events an engine would emit while building `record`: runStarted with an empty run, the seed,
 * then per step stepStarted, stepProposed, candidateScored×n and stepFinished, then validation and the end.
 */
export function eventsOf(record: RunRecord): RunEvent[] {
  const total = record.candidates.length;
  let scored = 0;
  const usage = (): RunUsage => scaled(record.usage, scored / total);
  const events: RunEvent[] = [{ type: 'runStarted', record: started(record), resumed: false }];
  const score = (c: ScoredCandidate): void => {
    scored++;
    events.push({ type: 'candidateScored', candidate: candidateView(withoutValidation(c)), usage: usage() });
  };
  record.candidates.filter((c) => c.step === 0).forEach(score);
  let best = 0;
  for (const step of record.steps) {
    events.push({ type: 'stepStarted', step: step.step, totalSteps: record.config.steps });
    events.push({ type: 'stepProposed', step: stepView({ ...step, done: false }) });
    for (const c of record.candidates.filter((x) => x.step === step.step)) {
      score(c);
      best = Math.max(best, c.score);
    }
    events.push({ type: 'stepFinished', step: stepView(step), bestScore: best, usage: usage() });
  }
  for (const c of record.candidates.filter((x) => x.validation !== undefined)) {
    events.push({ type: 'validationScored', candidateId: c.id, validation: splitSummary(c.validation!), usage: usage() });
  }
  const top = [...record.candidates].sort((a, b) => b.score - a.score)[0];
  if (top !== undefined) {
    events.push({ type: 'runFinished', reason: 'steps', best: candidateView(top), usage: record.usage });
  }
  return events;
}
