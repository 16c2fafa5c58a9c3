import { applyRunEvent } from '../../core/applyRunEvent';
import type { RunEvent } from '../../core/events';
import type { NoticeShowMessage, RequestResultMessage, RunShowMessage, ToPanel } from '../../webview/protocol';

/** Events are coalesced into one `run/events` message per this many milliseconds at most. */
export const EVENT_BATCH_MS = 100;

/** The clock and timers the outbox batches with (tests pass a fake clock). */
export interface OutboxTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: OutboxTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface OutboxOptions {
  post: (message: ToPanel) => void;
  /** @default EVENT_BATCH_MS */
  batchMs?: number;
  /** @default the real clock */
  timers?: OutboxTimers;
}

/**
 * What the host has to tell the webview, and when. Nothing is posted before `panel/ready`; events are
 * batched. The shown run's light view is kept current by applying each event to it (core's
 * `applyRunEvent`), so a webview that is re-created (hidden tab, reload) gets the run as it stands
 * now in one `run/show`: no replay of past events, and never per-example results.
 */
export class PanelOutbox {
  private shown: RunShowMessage | undefined;
  private unsent: RunEvent[] = [];
  private notices: NoticeShowMessage[] = [];
  private isReady = false;
  private timer: unknown;
  private lastFlush = -Infinity;
  private liveRunId: string | undefined;

  constructor(private readonly options: OutboxOptions) {}

  /** The run the panel shows, or undefined before the first `show`. */
  get runId(): string | undefined {
    return this.shown?.record.id;
  }

  /** Shows a run; a missing `runFile` is kept from the same run's last show, `prices` from any. */
  show(message: Omit<RunShowMessage, 'isLive'>): void {
    const previous = this.shown;
    const runFile = message.runFile ?? (previous?.record.id === message.record.id ? previous.runFile : undefined);
    const prices = message.prices ?? previous?.prices;
    const full: RunShowMessage = {
      type: 'run/show',
      // The outbox's own copy: events are applied to it in place, and the caller's object is left alone.
      record: structuredClone(message.record),
      isLive: message.record.id === this.liveRunId,
      ...(runFile === undefined ? {} : { runFile }),
      ...(prices === undefined ? {} : { prices }),
    };
    this.shown = full;
    this.cancelFlush();
    this.unsent = [];
    // What was queued for a panel without a run ("Preparing the run…") is past once a run is shown.
    this.notices = [];
    if (this.isReady) {
      this.options.post(full);
    }
  }

  /**
   * Forwards an engine event of run `runId`. `runStarted` makes its run the live one and shows it (its
   * record is the light view so far); other events update the shown view and reach the panel only
   * while it shows their run.
   */
  pushEvent(event: RunEvent, from: { runId: string; runFile?: string }): void {
    if (event.type === 'runStarted') {
      this.liveRunId = event.record.id;
      this.show({ type: 'run/show', record: event.record, ...(from.runFile === undefined ? {} : { runFile: from.runFile }) });
      return;
    }
    const hasEnded = event.type === 'runFinished' || event.type === 'runCancelled' || event.type === 'runFailed';
    if (hasEnded && this.liveRunId === from.runId) {
      this.liveRunId = undefined;
    }
    if (this.shown === undefined || this.shown.record.id !== from.runId) {
      return;
    }
    this.shown = { ...this.shown, record: applyRunEvent(this.shown.record, event), isLive: this.liveRunId === from.runId };
    if (this.isReady) {
      this.unsent.push(event);
      this.scheduleFlush();
    }
  }

  /** Replies go out at once; one for a previous webview (not ready) is meaningless and dropped. */
  reply(message: RequestResultMessage): void {
    if (this.isReady) {
      this.options.post(message);
    }
  }

  notify(message: NoticeShowMessage): void {
    if (this.isReady) {
      this.options.post(message);
    } else {
      this.notices.push(message);
    }
  }

  /** The webview announced `panel/ready`: send it the run as it stands now. */
  ready(): void {
    this.isReady = true;
    this.cancelFlush();
    this.unsent = [];
    if (this.shown !== undefined) {
      this.options.post(this.shown);
    }
    this.notices.forEach((notice) => this.options.post(notice));
    this.notices = [];
  }

  /** The webview is gone (hidden or reloading); hold everything until it is ready again. */
  unready(): void {
    this.isReady = false;
    this.cancelFlush();
    this.unsent = [];
  }

  dispose(): void {
    this.cancelFlush();
  }

  private scheduleFlush(): void {
    if (this.timer !== undefined) {
      return;
    }
    const wait = Math.max(0, this.lastFlush + (this.options.batchMs ?? EVENT_BATCH_MS) - this.timers.now());
    this.timer = this.timers.setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const runId = this.runId;
    if (this.unsent.length === 0 || runId === undefined) {
      return;
    }
    this.lastFlush = this.timers.now();
    this.options.post({ type: 'run/events', runId, events: this.unsent });
    this.unsent = [];
  }

  private get timers(): OutboxTimers {
    return this.options.timers ?? REAL_TIMERS;
  }

  private cancelFlush(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
    }
    this.timer = undefined;
  }
}
