import type { RunEvent } from '../core/events';
import type { RunRecord, RunWarning, ScoredCandidate, StepRecord } from '../core/runRecord';
import { assertNever, type PriceTable, type RunShowMessage } from './protocol';

/** Everything the panel shows about its run; rebuilt from `run/show`, then advanced by events. */
export interface RunView {
  record: RunRecord;
  isLive: boolean;
  runFile?: string;
  prices?: PriceTable;
  /** The step the engine is on (from `stepStarted`, else the last recorded step). */
  currentStep: number;
  totalSteps: number;
}

export function viewFromShow(message: RunShowMessage): RunView {
  return {
    record: message.record,
    isLive: message.isLive,
    ...(message.runFile === undefined ? {} : { runFile: message.runFile }),
    ...(message.prices === undefined ? {} : { prices: message.prices }),
    currentStep: lastStep(message.record),
    totalSteps: message.record.config.steps,
  };
}

function lastStep(record: RunRecord): number {
  return record.steps.reduce((max, step) => Math.max(max, step.step), 0);
}

/**
 * Applies one engine event to the view in place. Candidates and steps are replaced (never edited),
 * so a component can tell what changed by object identity. Upserts make a replayed event harmless.
 */
export function applyEvent(view: RunView, event: RunEvent): void {
  const record = view.record;
  switch (event.type) {
    case 'runStarted':
      view.record = event.record;
      view.isLive = true;
      view.currentStep = lastStep(event.record);
      view.totalSteps = event.record.config.steps;
      return;
    case 'stepStarted':
      view.currentStep = event.step;
      view.totalSteps = event.totalSteps;
      return;
    case 'stepProposed':
      upsertStep(record, event.step);
      return;
    case 'candidateScored':
      upsertCandidate(record, event.candidate);
      record.usage = event.usage;
      return;
    case 'stepFinished':
      upsertStep(record, event.step);
      record.usage = event.usage;
      return;
    case 'validationScored':
      setValidation(record, event.candidateId, event.validation);
      record.usage = event.usage;
      return;
    case 'runFinished':
    case 'runCancelled':
    case 'runFailed':
      endRun(view, event);
      return;
    case 'runWarning':
      addWarning(record, event.warning);
      return;
    default:
      assertNever(event);
  }
}

type EndEvent = Extract<RunEvent, { type: 'runFinished' | 'runCancelled' | 'runFailed' }>;

function endRun(view: RunView, event: EndEvent): void {
  const record = view.record;
  view.isLive = false;
  record.usage = event.usage;
  if (event.type === 'runFinished') {
    record.status = 'finished';
    record.stopReason = event.reason;
  } else if (event.type === 'runCancelled') {
    record.status = 'cancelled';
    record.stopReason = 'cancelled';
  } else {
    record.status = 'failed';
    record.stopReason = 'failed';
    record.error = event.error;
  }
}

function addWarning(record: RunRecord, warning: RunWarning): void {
  const warnings = record.warnings ?? [];
  if (!warnings.some((w) => w.message === warning.message)) {
    record.warnings = [...warnings, warning];
  }
}

function upsertCandidate(record: RunRecord, candidate: ScoredCandidate): void {
  const at = record.candidates.findIndex((c) => c.id === candidate.id);
  if (at === -1) {
    record.candidates.push(candidate);
  } else {
    record.candidates[at] = candidate;
  }
}

function upsertStep(record: RunRecord, step: StepRecord): void {
  const at = record.steps.findIndex((s) => s.step === step.step);
  if (at === -1) {
    record.steps.push(step);
    record.steps.sort((a, b) => a.step - b.step);
  } else {
    record.steps[at] = step;
  }
}

function setValidation(record: RunRecord, id: string, validation: ScoredCandidate['validation']): void {
  const at = record.candidates.findIndex((c) => c.id === id);
  const candidate = record.candidates[at];
  if (candidate !== undefined && validation !== undefined) {
    record.candidates[at] = { ...candidate, validation };
  }
}
