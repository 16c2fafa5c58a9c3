import type { RunEvent } from '../../core/events';
import { advanceProgress, initialProgress, type RunProgress } from './progressText';

/** A run executing in this extension host: how to stop it and what it has reached. */
export class LiveRun {
  readonly controller = new AbortController();
  /** Instructions a person submitted; the engine takes them before its next step. */
  private readonly queued: string[] = [];
  runId: string | undefined;
  progress: RunProgress = initialProgress();

  /** @param showsPanel whether the panel opens on the run when it starts */
  constructor(
    readonly runFile: string,
    readonly showsPanel = true,
  ) {}

  /** Folds an event in; returns the step fraction gained (for the progress bar's increment). */
  observe(event: RunEvent): number {
    if (event.type === 'runStarted') {
      this.runId = event.record.id;
    }
    const before = this.progress;
    this.progress = advanceProgress(before, event);
    const total = this.progress.totalSteps;
    return event.type === 'stepFinished' && total > 0 ? 1 / total : 0;
  }

  queueInstruction(text: string): void {
    this.queued.push(text);
  }

  /** The engine's `takeUserInstructions`. */
  takeInstructions = (): string[] => this.queued.splice(0, this.queued.length);
}
