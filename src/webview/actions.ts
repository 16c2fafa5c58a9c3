import type { CandidateView } from '../core/runView';
import { EXPORT_FORMATS, type ExportFormat, type ToHostRequest } from './protocol';
import type { RequestLabels } from './requests';

/** What a control asks the host for, with the status-line texts around it. */
export interface HostRequest {
  request: ToHostRequest;
  labels: RequestLabels;
}

export interface ActionContext {
  runId: string;
  candidate: CandidateView | undefined;
  draft: string;
}

function textRequest(type: 'prompt/insert' | 'prompt/diff' | 'instruction/score', runId: string, text: string): ToHostRequest {
  return { type, runId, text };
}

/** The candidate whose whole prompt the host writes: only one with demonstrations, which the panel does not hold. */
function demosOf(candidate: CandidateView | undefined): { candidateId?: string } {
  return candidate !== undefined && (candidate.demos ?? []).length > 0 ? { candidateId: candidate.id } : {};
}

/**
 * Maps a `data-action` control to its host request, or undefined when the action is the panel's
 * own (select, edit, more) or lacks what it needs (no candidate, an empty draft).
 */
export function requestFor(action: string, target: HTMLElement, context: ActionContext): HostRequest | undefined {
  const { runId, candidate } = context;
  const text = candidate?.instruction;
  switch (action) {
    case 'insert':
      return text === undefined ? undefined : { request: { type: 'prompt/insert', runId, text, ...demosOf(candidate) }, labels: { pending: 'Inserting…', done: 'Inserted into the code.' } };
    case 'copy':
      return text === undefined ? undefined : { request: { type: 'prompt/copy', text, ...(demosOf(candidate).candidateId === undefined ? {} : { runId, ...demosOf(candidate) }) }, labels: { pending: '', done: 'Copied to the clipboard.' } };
    case 'diff':
      return text === undefined ? undefined : { request: { type: 'prompt/diff', runId, text, ...demosOf(candidate) }, labels: { pending: '', done: '' } };
    case 'score':
      return context.draft.trim() === ''
        ? undefined
        : { request: textRequest('instruction/score', runId, context.draft), labels: { pending: 'Sending…', done: 'Scoring it now; it joins the table when scored.' } };
    default:
      return runRequest(action, target, runId);
  }
}

function runRequest(action: string, target: HTMLElement, runId: string): HostRequest | undefined {
  switch (action) {
    case 'stop':
      return { request: { type: 'run/stop', runId }, labels: { pending: 'Stopping…', done: 'Stopped.' } };
    case 'resume':
      return { request: { type: 'run/resume', runId }, labels: { pending: 'Resuming…', done: 'Resumed.' } };
    case 'export': {
      const format = target.dataset.format as ExportFormat;
      return EXPORT_FORMATS.includes(format) ? { request: { type: 'run/export', runId, format }, labels: { pending: 'Exporting…', done: 'Exported.' } } : undefined;
    }
    case 'openExample': {
      const exampleIndex = Number(target.dataset.example);
      return Number.isSafeInteger(exampleIndex) ? { request: { type: 'example/open', runId, exampleIndex }, labels: { pending: '', done: '' } } : undefined;
    }
    default:
      return undefined;
  }
}

/** One click and one keydown listener for every `data-action` control (no inline handlers anywhere). */
export function bindActions(root: HTMLElement, onAction: (action: string, target: HTMLElement) => void): void {
  root.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLElement>('[data-action]');
    if (target !== null && root.contains(target) && !(target as HTMLButtonElement).disabled) {
      onAction(target.dataset.action ?? '', target);
    }
  });
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    // Buttons click themselves on Enter/Space; rows are focusable and act on Enter too.
    if (target.tagName === 'TR' && target.dataset.action !== undefined) {
      onRowKey(event, target);
    }
  });
  function onRowKey(event: KeyboardEvent, row: HTMLElement): void {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onAction(row.dataset.action ?? '', row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      (next as HTMLElement | null)?.focus();
    }
  }
}
