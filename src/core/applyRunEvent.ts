// How an engine event changes a run's light view: the one fold the panel's host (to have the view as it
// stands now for a re-created webview) and the panel (for live deltas) both use. Type imports only,
// so the webview bundle can include it.
import type { RunEvent } from './events';
import type { RunWarning } from './runRecord';
import type { CandidateView, RunView, StepView } from './runView';

type EndEvent = Extract<RunEvent, { type: 'runFinished' | 'runCancelled' | 'runFailed' }>;

/**
 * Applies one event to `view` in place and returns it (`runStarted` returns the event's view instead).
 * Candidates and steps are replaced, never edited, so a renderer can tell what changed by identity;
 * upserts make a replayed event harmless.
 */
export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  switch (event.type) {
    case 'runStarted':
      return event.record;
    case 'stepStarted':
      return view;
    case 'runWarning':
      addWarning(view, event.warning);
      return view;
    case 'stepProposed':
    case 'stepFinished':
      upsertStep(view, event.step);
      break;
    case 'candidateScored':
      upsertCandidate(view, event.candidate);
      break;
    case 'validationScored': {
      const at = view.candidates.findIndex((c) => c.id === event.candidateId);
      const candidate = view.candidates[at];
      if (candidate !== undefined) {
        view.candidates[at] = { ...candidate, validation: event.validation };
      }
      break;
    }
    default:
      endRun(view, event);
  }
  if ('usage' in event) {
    view.usage = event.usage;
  }
  return view;
}

function addWarning(view: RunView, warning: RunWarning): void {
  if (!(view.warnings ?? []).some((w) => w.message === warning.message)) {
    view.warnings = [...(view.warnings ?? []), warning];
  }
}

function endRun(view: RunView, event: EndEvent): void {
  delete view.error;
  delete view.comparison;
  if (event.type === 'runFinished') {
    view.status = 'finished';
    view.stopReason = event.reason;
    if (event.comparison !== undefined) {
      view.comparison = event.comparison;
    }
  } else if (event.type === 'runCancelled') {
    view.status = 'cancelled';
    view.stopReason = 'cancelled';
  } else {
    view.status = 'failed';
    view.stopReason = 'failed';
    view.error = event.error;
  }
}

function upsertCandidate(view: RunView, candidate: CandidateView): void {
  const at = view.candidates.findIndex((c) => c.id === candidate.id);
  if (at === -1) {
    view.candidates.push(candidate);
  } else {
    view.candidates[at] = candidate;
  }
}

function upsertStep(view: RunView, step: StepView): void {
  const at = view.steps.findIndex((s) => s.step === step.step);
  if (at === -1) {
    view.steps.push(step);
    view.steps.sort((a, b) => a.step - b.step);
  } else {
    view.steps[at] = step;
  }
}
