import type { StepView } from '../core/runView';
import { append, el, setText, type Child } from './dom';
import type { StepDetailsValue } from './protocol';

interface StepEntry {
  details: HTMLDetailsElement;
  label: HTMLElement;
  body: HTMLElement;
  step: StepView;
  isRendered: boolean;
}

/** Asks the host for a step's meta-prompt and replies. */
export type FetchStep = (step: number, onDetails: (value: StepDetailsValue) => void) => void;

function stepLabel(step: StepView): string {
  const state = step.done ? '' : ' (scoring…)';
  return `Step ${step.step}: ${step.replies} replies, ${step.accepted.length} accepted, ${step.rejected} rejected${state}`;
}

function stepBody(step: StepView, details: StepDetailsValue): Child[] {
  const replies = details.replies.map((reply) =>
    el('li', {}, [reply === '' ? el('em', {}, ['(the call failed)']) : el('pre', { class: 'raw' }, [reply])]),
  );
  const rejected = details.rejected.map((r) => el('li', {}, [el('strong', {}, [`${r.reason}: `]), r.text, r.detail === undefined ? '' : ` (${r.detail})`]));
  return [
    el('p', { class: 'muted' }, [`Exemplars: rows ${step.exemplars.join(', ') || 'none'}`]),
    el('h4', {}, ['Meta-prompt sent']),
    el('pre', { class: 'raw' }, [details.metaPrompt]),
    el('h4', {}, [`Optimizer replies (${details.replies.length})`]),
    el('ol', { class: 'replies' }, replies),
    rejected.length > 0 && el('h4', {}, ['Rejected proposals']),
    rejected.length > 0 && el('ul', {}, rejected),
  ];
}

/**
 * The exact meta-prompt of each step and the optimizer's raw replies. They are fetched from the host
 * when a step is opened (the run's view does not carry them), and open steps stay open across live updates.
 */
export class MetaPromptInspector {
  readonly root: HTMLElement;
  private readonly heading = el('span', {}, ['Meta-prompts and optimizer replies']);
  private readonly list = el('div', { class: 'steps' });
  private readonly entries = new Map<number, StepEntry>();
  /** Meta-prompts and replies never change once a step is proposed, so each is fetched once. */
  private readonly fetched = new Map<number, StepDetailsValue>();

  constructor(private readonly fetchStep: FetchStep) {
    this.root = el('section', { class: 'inspector' }, [
      el('details', { class: 'inspector-root' }, [el('summary', {}, [el('h2', {}, [this.heading])]), this.list]),
    ]);
  }

  update(steps: readonly StepView[]): void {
    setText(this.heading, `Meta-prompts and optimizer replies (${steps.length} steps)`);
    // Another run may have been shown: drop its steps that this one lacks.
    const present = new Set(steps.map((s) => s.step));
    for (const [key, entry] of this.entries) {
      if (!present.has(key)) {
        entry.details.remove();
        this.entries.delete(key);
      }
    }
    for (const step of steps) {
      const entry = this.entries.get(step.step) ?? this.add(step);
      if (entry.step !== step) {
        entry.step = step;
        setText(entry.label, stepLabel(step));
        entry.isRendered = false;
        this.renderIfOpen(entry);
      }
    }
  }

  private add(step: StepView): StepEntry {
    const label = el('span', {}, [stepLabel(step)]);
    const body = el('div', { class: 'step-body' });
    const details = el('details', { class: 'step', 'data-step': step.step }, [el('summary', {}, [label]), body]);
    const entry: StepEntry = { details, label, body, step, isRendered: false };
    details.addEventListener('toggle', () => this.renderIfOpen(entry));
    this.entries.set(step.step, entry);
    const next = [...this.entries.keys()].sort((a, b) => a - b).find((k) => k > step.step);
    this.list.insertBefore(details, next === undefined ? null : (this.entries.get(next)?.details ?? null));
    return entry;
  }

  /** Drops what belongs to another run (its step numbers mean other steps). */
  reset(): void {
    this.fetched.clear();
    for (const entry of this.entries.values()) {
      entry.details.remove();
    }
    this.entries.clear();
  }

  private renderIfOpen(entry: StepEntry): void {
    if (!entry.details.open || entry.isRendered) {
      return;
    }
    entry.isRendered = true;
    const kept = this.fetched.get(entry.step.step);
    if (kept !== undefined) {
      entry.body.replaceChildren();
      append(entry.body, stepBody(entry.step, kept));
      return;
    }
    entry.body.replaceChildren(el('p', { class: 'muted loading' }, ['Loading the meta-prompt and replies…']));
    this.fetchStep(entry.step.step, (value) => {
      this.fetched.set(value.step, value);
      const current = this.entries.get(value.step);
      if (current !== undefined && current.details.open) {
        current.body.replaceChildren();
        append(current.body, stepBody(current.step, value));
        current.isRendered = true;
      }
    });
  }
}
