import type { StepRecord } from '../core/runRecord';
import { append, el, setText, type Child } from './dom';

interface StepEntry {
  details: HTMLDetailsElement;
  label: HTMLElement;
  body: HTMLElement;
  step: StepRecord;
  isRendered: boolean;
}

function stepLabel(step: StepRecord): string {
  const state = step.done ? '' : ' (scoring…)';
  return `Step ${step.step}: ${step.replies.length} replies, ${step.accepted.length} accepted, ${step.rejected.length} rejected${state}`;
}

function stepBody(step: StepRecord): Child[] {
  const replies = step.replies.map((reply) =>
    el('li', {}, [reply === '' ? el('em', {}, ['(the call failed)']) : el('pre', { class: 'raw' }, [reply])]),
  );
  const rejected = step.rejected.map((r) => el('li', {}, [el('strong', {}, [`${r.reason}: `]), r.text, r.detail === undefined ? '' : ` (${r.detail})`]));
  return [
    el('p', { class: 'muted' }, [`Exemplars: rows ${step.exemplars.join(', ') || 'none'}`]),
    el('h4', {}, ['Meta-prompt sent']),
    el('pre', { class: 'raw' }, [step.metaPrompt]),
    el('h4', {}, [`Optimizer replies (${step.replies.length})`]),
    el('ol', { class: 'replies' }, replies),
    rejected.length > 0 && el('h4', {}, ['Rejected proposals']),
    rejected.length > 0 && el('ul', {}, rejected),
  ];
}

/**
 * The exact meta-prompt of each step and the optimizer's raw replies. Bodies are built when a step
 * is opened (a long run's prompts are large), and open steps stay open across live updates.
 */
export class MetaPromptInspector {
  readonly root: HTMLElement;
  private readonly heading = el('span', {}, ['Meta-prompts and optimizer replies']);
  private readonly list = el('div', { class: 'steps' });
  private readonly entries = new Map<number, StepEntry>();

  constructor() {
    this.root = el('section', { class: 'inspector' }, [
      el('details', { class: 'inspector-root' }, [el('summary', {}, [el('h2', {}, [this.heading])]), this.list]),
    ]);
  }

  update(steps: readonly StepRecord[]): void {
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

  private add(step: StepRecord): StepEntry {
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

  private renderIfOpen(entry: StepEntry): void {
    if (entry.details.open && !entry.isRendered) {
      entry.body.replaceChildren();
      append(entry.body, stepBody(entry.step));
      entry.isRendered = true;
    }
  }
}
