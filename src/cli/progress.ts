import type { RunEvent } from '../core/events';
import { compareCandidates, type Rankable } from '../core/ranking';
import type { RunUsage, RunWarning } from '../core/runRecord';
import { terminalSafe } from './terminalText';

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

function percent(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}

function tokens(usage: RunUsage): string {
  const n = usage.promptTokens + usage.completionTokens;
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** A run warning as the CLI prints it: `note: <message> <fix>`. */
export function warningLine(warning: RunWarning): string {
  return `note: ${warning.message}${warning.fix === undefined ? '' : ` ${warning.fix}`}`;
}

/**
 * Shows a run's progress on stderr: one redrawn bar on a terminal, plain lines otherwise (CI logs,
 * pipes). Never prints prompts or keys.
 */
export class ProgressReporter {
  private step = 0;
  private totalSteps = 0;
  /** The best candidate so far, by core's ranking rule. */
  private best: Rankable | undefined;
  private scored = 0;
  private usage: RunUsage | undefined;

  constructor(private readonly out: ProgressOutput) {}

  handle(event: RunEvent): void {
    switch (event.type) {
      case 'runStarted':
        this.totalSteps = event.record.config.steps;
        break;
      case 'stepStarted':
        this.step = event.step;
        this.totalSteps = event.totalSteps;
        break;
      case 'candidateScored':
        this.scored += 1;
        this.best = this.best === undefined || compareCandidates(event.candidate, this.best) < 0 ? event.candidate : this.best;
        this.usage = event.usage;
        this.bar();
        break;
      case 'stepFinished':
        this.usage = event.usage;
        break;
      default:
        break;
    }
    const text = this.lineFor(event);
    if (text !== undefined) {
      this.line(text);
    }
  }

  /** The line an event prints, if any. */
  private lineFor(event: RunEvent): string | undefined {
    switch (event.type) {
      case 'runStarted': {
        const { record } = event;
        return `${event.resumed ? 'resuming' : 'started'} run ${record.id}: ${record.trainRows} training rows, ${record.validationRows} validation rows, metric ${record.metric.kind}`;
      }
      case 'stepFinished':
        return `step ${event.step.step}/${this.totalSteps}: ${event.step.accepted.length} new instructions, best ${percent(event.bestScore)}`;
      case 'runFinished':
        return `finished (${event.reason}): best ${event.best === undefined ? 'none' : percent(event.best.score)}`;
      case 'runCancelled':
        return 'cancelled: everything finished so far is saved';
      case 'runFailed':
        return `failed: ${terminalSafe(event.error.message)}`;
      case 'runWarning':
        return terminalSafe(warningLine(event.warning));
      default:
        return undefined;
    }
  }

  private status(): string {
    const usage = this.usage;
    const spend = usage === undefined ? '' : ` · ${usage.calls} calls · ${tokens(usage)} tokens`;
    return `step ${this.step}/${this.totalSteps} · ${this.scored} scored · best ${percent(this.best?.score ?? 0)}${spend}`;
  }

  private bar(): void {
    if (this.out.isTTY !== true) {
      return;
    }
    const width = 20;
    const filled = this.totalSteps === 0 ? width : Math.round((Math.min(this.step, this.totalSteps) / this.totalSteps) * width);
    const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.status()}`;
    this.out.write(`\r${text.slice(0, (this.out.columns ?? 100) - 1)}\x1b[K`);
  }

  private line(text: string): void {
    this.out.write(this.out.isTTY === true ? `\r\x1b[K${text}\n` : `${text}\n`);
  }
}
