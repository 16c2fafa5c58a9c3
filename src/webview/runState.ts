import { applyRunEvent } from '../core/applyRunEvent';
import type { RunEvent } from '../core/events';
import type { RunView } from '../core/runView';
import type { PriceTable, RunShowMessage } from './protocol';

/** The run the panel shows: the host's light view, kept current by live events, and how to show it. */
export interface ShownRun {
  record: RunView;
  isLive: boolean;
  runFile?: string;
  prices?: PriceTable;
  /** The step the engine is on (from `stepStarted`, else the last recorded step). */
  currentStep: number;
  totalSteps: number;
}

export function shownFromMessage(message: RunShowMessage): ShownRun {
  return {
    record: message.record,
    isLive: message.isLive,
    ...(message.runFile === undefined ? {} : { runFile: message.runFile }),
    ...(message.prices === undefined ? {} : { prices: message.prices }),
    currentStep: lastStep(message.record),
    totalSteps: message.record.config.steps,
  };
}

function lastStep(record: RunView): number {
  return record.steps.reduce((max, step) => Math.max(max, step.step), 0);
}

/** Applies one engine event to the shown run in place (core's `applyRunEvent`, plus what only the panel tracks). */
export function applyEvent(shown: ShownRun, event: RunEvent): void {
  shown.record = applyRunEvent(shown.record, event);
  if (event.type === 'runStarted') {
    shown.isLive = true;
    shown.currentStep = lastStep(event.record);
    shown.totalSteps = event.record.config.steps;
  } else if (event.type === 'stepStarted') {
    shown.currentStep = event.step;
    shown.totalSteps = event.totalSteps;
  } else if (event.type === 'runFinished' || event.type === 'runCancelled' || event.type === 'runFailed') {
    shown.isLive = false;
  }
}
