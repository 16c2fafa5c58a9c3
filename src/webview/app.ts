import type { CandidateView } from '../core/runView';
import { bindActions, requestFor } from './actions';
import { CandidatesTable, ROW_PAGE } from './candidatesTable';
import { TrajectoryChart } from './chart';
import { showsTradeOff } from './paretoFront';
import { TradeOffChart } from './tradeOffChart';
import { Details } from './details';
import { el, keepingFocus, setText } from './dom';
import { Editor } from './editor';
import { Header } from './header';
import { MetaPromptInspector } from './metaPromptInspector';
import { assertNever, parseToPanel, type NoticeShowMessage, type PanelState, type RunEventsMessage, type RunShowMessage } from './protocol';
import { rankRun, type Ranking } from './ranking';
import { Requests } from './requests';
import { applyEvent, shownFromMessage, type ShownRun } from './runState';
import { Toolbar } from './toolbar';
import type { HostChannel } from './vscodeApi';

/** The panel: receives host messages, keeps the run and the view state, renders every section. */
export class PanelApp {
  private run: ShownRun | undefined;
  private ranking: Ranking | undefined;
  private state: PanelState;
  private hasRestoredScroll = false;
  private readonly header = new Header();
  private readonly toolbar = new Toolbar();
  private readonly chart = new TrajectoryChart((id) => this.select(id));
  private readonly tradeOff = new TradeOffChart((id) => this.select(id));
  private readonly table = new CandidatesTable();
  private readonly details: Details;
  private readonly editor = new Editor();
  private readonly inspector: MetaPromptInspector;
  private readonly requests: Requests;
  private readonly waiting = el('p', { class: 'muted waiting' }, ['Waiting for the run…']);
  private readonly main: HTMLElement;

  constructor(private readonly host: HostChannel, root: HTMLElement) {
    this.state = host.loadState();
    this.requests = new Requests(host);
    // Per-example results, meta-prompts and replies are not in the run's view: the host sends them on demand.
    this.details = new Details((candidateId, onValue) => this.fetch({ request: { type: 'candidate/details', runId: this.runId(), candidateId }, onValue }));
    this.inspector = new MetaPromptInspector((step, onValue) => this.fetch({ request: { type: 'step/details', runId: this.runId(), step }, onValue }));
    this.editor.setDraft(this.state.draft ?? '');
    this.main = el('main', { hidden: true }, [
      this.header.root,
      this.toolbar.root,
      this.requests.root,
      // The table comes first, right under the header: its top rows stay clear of the notification corner.
      el('div', { class: 'columns' }, [this.table.root, this.chart.root, this.tradeOff.root, this.details.root]),
      this.editor.root,
      this.inspector.root,
    ]);
    root.replaceChildren(this.waiting, this.main);
    bindActions(this.main, (action, target) => this.act(action, target));
    this.bindInputs();
  }

  receive(raw: unknown): void {
    const message = parseToPanel(raw);
    if (message === undefined) {
      console.warn('OPRO panel: dropped a malformed message from the host');
      return;
    }
    switch (message.type) {
      case 'run/show':
        this.show(message);
        return;
      case 'run/events':
        this.applyEvents(message);
        return;
      case 'request/result':
        this.requests.resolve(message);
        return;
      case 'notice/show':
        this.notice(message);
        return;
      default:
        assertNever(message);
    }
  }

  private runId(): string {
    return this.run?.record.id ?? '';
  }

  private fetch(fetch: Parameters<Requests['fetch']>[0]): void {
    if (this.run !== undefined) {
      this.requests.fetch(fetch);
    }
  }

  private show(message: RunShowMessage): void {
    const isSameRun = this.state.runId === message.record.id;
    if (this.run !== undefined && this.run.record.id !== message.record.id) {
      this.details.reset();
      this.inspector.reset();
      this.requests.reset();
    }
    this.run = shownFromMessage(message);
    const { runFile, draft } = this.state;
    this.state = isSameRun ? this.state : { ...(draft === undefined ? {} : { draft }) };
    this.saveState({ runId: message.record.id, runFile: message.runFile ?? (isSameRun ? runFile : undefined) });
    this.render();
  }

  private applyEvents(message: RunEventsMessage): void {
    for (const event of message.events) {
      if (event.type === 'runStarted') {
        const runFile = this.run?.record.id === event.record.id ? this.run.runFile : undefined;
        this.show({ type: 'run/show', record: event.record, isLive: true, ...(runFile === undefined ? {} : { runFile }) });
      } else if (this.run !== undefined && this.run.record.id === message.runId) {
        applyEvent(this.run, event);
      }
    }
    this.render();
  }

  /** Before any run arrives the panel is just a line of text; a notice replaces it. */
  private notice(message: NoticeShowMessage): void {
    if (this.run === undefined) {
      this.waiting.classList.toggle('error', message.level === 'error');
      setText(this.waiting, message.message);
    } else {
      this.requests.notice(message);
    }
  }

  private render(): void {
    const run = this.run;
    if (run === undefined) {
      return;
    }
    this.waiting.hidden = true;
    this.main.hidden = false;
    const ranking = rankRun(run.record);
    this.ranking = ranking;
    const selected = this.selected();
    this.header.update(run, ranking);
    this.toolbar.update(run);
    this.chart.update(run.record.candidates, selected?.id);
    this.updateTradeOff(run, selected?.id);
    this.table.update(ranking, { filter: this.state.filter ?? '', selectedId: selected?.id, rowLimit: this.state.rowLimit ?? ROW_PAGE });
    keepingFocus(this.details.root, () => this.details.update(ranking, selected));
    this.inspector.update(run.record.steps);
    this.restoreScroll();
  }

  /** The Pareto chart, only when the run penalizes length or its prompts' costs per call differ. */
  private updateTradeOff(run: ShownRun, selectedId: string | undefined): void {
    const points = run.record.candidates.flatMap((c) => (c.tokens === undefined ? [] : [{ id: c.id, tokens: c.tokens, score: c.score, hasDemos: (c.demos?.length ?? 0) > 0 }]));
    const isShown = showsTradeOff(points, run.record.config.lengthPenalty);
    this.tradeOff.root.hidden = !isShown;
    if (isShown) {
      this.tradeOff.update(run.record.candidates, selectedId);
    }
  }

  /** The user's pick while it exists; otherwise the best, which then follows a live run. */
  private selected(): CandidateView | undefined {
    const picked = this.state.selectedId === undefined ? undefined : this.ranking?.byId.get(this.state.selectedId);
    return picked ?? this.ranking?.best;
  }

  private select(id: string | undefined): void {
    this.saveState({ selectedId: id });
    this.render();
  }

  private act(action: string, target: HTMLElement): void {
    const id = target.closest<HTMLElement>('[data-id]')?.dataset.id;
    const candidate = id === undefined ? this.selected() : this.ranking?.byId.get(id);
    if (action === 'select') {
      this.select(id);
    } else if (action === 'edit') {
      this.editor.setDraft(candidate?.instruction ?? '');
      this.saveState({ draft: this.editor.draft });
      this.editor.focus();
    } else if (action === 'more') {
      this.saveState({ rowLimit: (this.state.rowLimit ?? ROW_PAGE) + ROW_PAGE });
      this.render();
    } else if (this.run !== undefined) {
      const request = requestFor(action, target, { runId: this.run.record.id, candidate, draft: this.editor.draft });
      if (request !== undefined) {
        this.requests.send(request.request, request.labels);
      }
    }
  }

  private bindInputs(): void {
    this.table.filterInput.addEventListener('input', () => {
      this.saveState({ filter: this.table.filterInput.value, rowLimit: ROW_PAGE });
      this.render();
    });
    this.editor.textarea.addEventListener('input', () => this.saveState({ draft: this.editor.draft }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('scroll', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.saveState({ scrollY: Math.round(window.scrollY) }), 200);
    });
  }

  /** After a reload the page is rebuilt from scratch; put the reader back where they were, once. */
  private restoreScroll(): void {
    if (!this.hasRestoredScroll) {
      this.hasRestoredScroll = true;
      window.scrollTo(0, this.state.scrollY ?? 0);
    }
  }

  private saveState(patch: Partial<PanelState>): void {
    const next: PanelState = { ...this.state, ...patch };
    for (const key of Object.keys(next) as (keyof PanelState)[]) {
      if (next[key] === undefined) {
        delete next[key];
      }
    }
    this.state = next;
    this.host.saveState(next);
  }
}
