import { button, el } from './dom';
import type { ShownRun } from './runState';

/** Run-wide actions: Stop and Resume (each shown only when it applies) and the three exports. */
export class Toolbar {
  private readonly stop = button('Stop', { 'data-action': 'stop', title: 'Cancel the run after the calls in flight' });
  private readonly resume = button('Resume', { 'data-action': 'resume', title: 'Continue the run from its file' });
  readonly root = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Run actions' }, [
    this.stop,
    this.resume,
    el('span', { class: 'toolbar-gap' }),
    el('span', { class: 'muted' }, ['Export:']),
    button('JSON', { 'data-action': 'export', 'data-format': 'json', class: 'secondary', title: 'Save the whole run as JSON' }),
    button('CSV', { 'data-action': 'export', 'data-format': 'csv', class: 'secondary', title: 'Save every candidate as CSV' }),
    button('Markdown', { 'data-action': 'export', 'data-format': 'markdown', class: 'secondary', title: 'Save a Markdown report' }),
  ]);

  update(view: ShownRun): void {
    const { status } = view.record;
    this.stop.hidden = !(view.isLive && status === 'running');
    // A `running` file that no one is running was interrupted (the window closed): it can resume too.
    this.resume.hidden = view.isLive || status === 'finished';
  }
}
