import { Worker } from 'node:worker_threads';
import type { Example } from '../dataset/types';
import type { Grade, Grader } from './grader';
import { CUSTOM_SCORER_WORKER_SOURCE } from './customScorerWorker';

export interface CustomScorerOptions {
  /** Absolute path of a `.js`/`.mjs` module exporting `score({ input, expected, output, row })`. */
  file: string;
  /** A call that takes longer is recorded as failed and the worker restarted. @default 5000 */
  timeoutMs?: number;
}

interface Pending {
  resolve: (grade: Grade) => void;
  timer: NodeJS.Timeout;
  args: unknown;
}

/** Reads what `score()` returned: a number in [0, 1], a boolean, or `{ score, reason }`. */
export function gradeFromValue(value: unknown): Grade {
  const asObject = typeof value === 'object' && value !== null ? (value as { score?: unknown; reason?: unknown }) : undefined;
  const raw = asObject !== undefined ? asObject.score : value;
  const reason = asObject?.reason === undefined ? undefined : String(asObject.reason);
  const score = typeof raw === 'boolean' ? Number(raw) : raw;
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
    return { answer: '', correct: false, score: 0, error: `score() returned ${JSON.stringify(value)}; expected a number in [0, 1], a boolean, or { score, reason }` };
  }
  return { answer: score.toFixed(2), correct: score >= 0.5, score, ...(reason === undefined ? {} : { reason }) };
}

const failed = (error: string): Grade => ({ answer: '', correct: false, score: 0, error });

/**
 * One call at a time through a worker thread running the module; a call that overruns its time
 * limit is recorded as failed and the worker, which may be stuck in a loop, is replaced.
 */
class ScorerQueue {
  private readonly queue: { args: unknown; resolve: (grade: Grade) => void }[] = [];
  private current: Pending | undefined;
  private worker: Worker | undefined;

  constructor(
    private readonly file: string,
    private readonly timeoutMs: number,
  ) {}

  push(args: unknown): Promise<Grade> {
    return new Promise<Grade>((resolve) => {
      this.queue.push({ args, resolve });
      this.next();
    });
  }

  async close(): Promise<void> {
    for (const item of this.queue.splice(0)) {
      item.resolve(failed('The run ended.'));
    }
    this.finish(failed('The run ended.'));
    await this.worker?.terminate();
  }

  private finish(grade: Grade): void {
    const done = this.current;
    if (done === undefined) {
      return;
    }
    clearTimeout(done.timer);
    this.current = undefined;
    done.resolve(grade);
    this.next();
  }

  private next(): void {
    if (this.current !== undefined || this.queue.length === 0) {
      return;
    }
    const item = this.queue.shift() as { args: unknown; resolve: (grade: Grade) => void };
    const timer = setTimeout(() => {
      void this.worker?.terminate();
      this.worker = undefined;
      this.finish(failed(`score() took longer than ${this.timeoutMs} ms`));
    }, this.timeoutMs);
    this.current = { resolve: item.resolve, timer, args: item.args };
    this.worker ??= this.start();
    this.worker.postMessage({ args: item.args });
  }

  private start(): Worker {
    const w = new Worker(CUSTOM_SCORER_WORKER_SOURCE, { eval: true, workerData: { file: this.file } });
    // A worker dropped after a timeout may still speak; only the current one answers the current call.
    w.on('message', (m: { value?: unknown; error?: string }) => {
      if (w === this.worker) {
        this.finish(m.error === undefined ? gradeFromValue(m.value) : failed(`score() threw: ${m.error}`));
      }
    });
    w.on('error', (err) => {
      if (w === this.worker) {
        this.worker = undefined;
        this.finish(failed(`The custom scorer ${this.file} failed: ${err.message}`));
      }
    });
    w.unref();
    return w;
  }
}

/**
 * Runs a workspace's scorer module in a worker thread, one call at a time (a call's time limit is
 * its own). A throw, a wrong return type or a timeout is recorded against that example; a scorer
 * that hangs is terminated and a fresh worker takes the next call.
 */
export function customScorerGrader(options: CustomScorerOptions): Grader {
  const queue = new ScorerQueue(options.file, options.timeoutMs ?? 5000);
  return {
    grade: (output: string, example: Example) => queue.push({ input: example.input, expected: example.target, output, row: example.fields }),
    close: () => queue.close(),
  };
}
