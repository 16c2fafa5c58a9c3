import { historyOrder } from '../ranking';
import type { CandidateView, RunHeader, RunView, StepView } from '../runView';
import { emptyDetailIndex, type DetailIndex } from './fileStore';
import type { LogEntry } from './logEntry';

/** A run's light view and where its details are, as its header and event log say. */
export interface FoldedRun {
  view: RunView;
  index: DetailIndex;
}

/**
 * Replays the event log over the header: the log is the truth (the header may be one write behind
 * after a crash). A candidate scored twice (a resumed step) keeps its last line.
 */
export function foldLog(header: RunHeader, entries: readonly LogEntry[]): FoldedRun {
  const { format: _format, totals: _totals, ...rest } = header;
  const view: RunView = { ...rest, candidates: [], steps: [] };
  const index = emptyDetailIndex();
  const candidates = new Map<string, CandidateView>();
  const steps = new Map<number, StepView>();
  for (const entry of entries) {
    view.usage = entry.usage;
    switch (entry.type) {
      case 'candidateScored':
        candidates.set(entry.candidate.id, entry.candidate);
        index.results.set(entry.candidate.id, { ...index.results.get(entry.candidate.id), train: entry.details });
        break;
      case 'stepProposed':
        steps.set(entry.step.step, entry.step);
        index.steps.set(entry.step.step, entry.details);
        break;
      case 'stepFinished': {
        const step = steps.get(entry.step);
        if (step !== undefined) {
          steps.set(entry.step, { ...step, done: true });
        }
        break;
      }
      case 'validationScored': {
        const candidate = candidates.get(entry.candidateId);
        if (candidate !== undefined) {
          candidates.set(candidate.id, { ...candidate, validation: entry.validation });
          index.results.set(candidate.id, { ...index.results.get(candidate.id), validation: entry.details });
        }
        break;
      }
      case 'statusChanged':
        applyStatus(view, entry);
        break;
    }
  }
  view.candidates = [...candidates.values()].sort(historyOrder);
  view.steps = [...steps.values()].sort((a, b) => a.step - b.step);
  return { view, index };
}

function applyStatus(view: RunView, entry: Extract<LogEntry, { type: 'statusChanged' }>): void {
  view.status = entry.status;
  view.updatedAt = entry.at;
  delete view.stopReason;
  delete view.error;
  delete view.comparison;
  if (entry.comparison !== undefined) {
    view.comparison = entry.comparison;
  }
  if (entry.stopReason !== undefined) {
    view.stopReason = entry.stopReason;
  }
  if (entry.error !== undefined) {
    view.error = entry.error;
  }
}
