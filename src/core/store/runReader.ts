import type { ExampleResult } from '../runRecord';
import { foldLog, type FoldedRun } from './foldLog';
import { parseJsonLines } from './jsonLines';
import type { LogEntry, StepDetails } from './logEntry';
import { readCandidateResults, readRunExamples, readRunHeader, readStepDetails } from './readRun';
import { runPaths, type RunPaths } from './runPaths';
import { checkShape, logEntrySchema } from './runSchema';
import type { SplitName } from './runStore';
import { nodeStoreFs, type StoreFs } from './storeFs';

type RunExamples = Awaited<ReturnType<typeof readRunExamples>>;

const checkLogEntry = (value: unknown): { ok: true; value: LogEntry } | { ok: false; problem: string } =>
  checkShape(logEntrySchema, value) as { ok: true; value: LogEntry } | { ok: false; problem: string };

/**
 * One saved run read again and again (the panel's view, then a candidate's results or a step's
 * details at each click): the log lines already read are kept and only what was appended since
 * (a live run) is read and checked; the rows are read once. The header is read every time (it is small
 * and says the latest status).
 */
export class RunReader {
  readonly #paths: RunPaths;
  #entries: LogEntry[] = [];
  /** Bytes of the log read so far: whole lines only, so a line being written is read next time. */
  #logBytes = 0;
  #lines = 0;
  #examples: Promise<RunExamples> | undefined;

  constructor(
    readonly file: string,
    private readonly fs: StoreFs = nodeStoreFs,
  ) {
    this.#paths = runPaths(file);
  }

  /** The light view and where the details are, as of now. */
  async folded(): Promise<FoldedRun> {
    const header = await readRunHeader(this.file, this.fs);
    const size = (await this.fs.size(this.#paths.log)) ?? 0;
    if (size < this.#logBytes) {
      // Cut (a torn line removed on resume) or replaced: read it again from the start.
      this.#entries = [];
      this.#logBytes = 0;
      this.#lines = 0;
    }
    if (size > this.#logBytes) {
      await this.#readAppended(size);
    }
    return foldLog(header, this.#entries);
  }

  /** The rows the run uses, with its split (written once, when the run was created). */
  examples(): Promise<RunExamples> {
    this.#examples ??= readRunExamples(this.file).catch((err: unknown) => {
      this.#examples = undefined;
      throw err;
    });
    return this.#examples;
  }

  /** One candidate's per-example results on a split ([] when none were saved). */
  results(folded: FoldedRun, candidateId: string, split: SplitName): Promise<ExampleResult[]> {
    return readCandidateResults(this.file, folded, candidateId, split);
  }

  /** A step's meta-prompt, raw replies and rejected proposals. */
  stepDetails(folded: FoldedRun, step: number): Promise<StepDetails | undefined> {
    return readStepDetails(this.file, folded, step, this.fs);
  }

  async #readAppended(size: number): Promise<void> {
    const bytes = await this.fs.readBytes(this.#paths.log, this.#logBytes, size - this.#logBytes);
    const whole = bytes.lastIndexOf(0x0a) + 1;
    if (whole === 0) {
      return;
    }
    const text = bytes.toString('utf8', 0, whole);
    const entries = await parseJsonLines(text, { file: this.#paths.log, linesBefore: this.#lines }, checkLogEntry);
    this.#entries.push(...entries);
    this.#logBytes += whole;
    this.#lines += countNewlines(bytes, whole);
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) {
    count += 1;
  }
  return count;
}

/** The last few runs read, each with its reader (so the panel's clicks on one run reuse what was read). */
export class RunReaders {
  readonly #readers = new Map<string, RunReader>();

  constructor(private readonly keep = 4) {}

  /** The reader of `file`, most recently used first. */
  of(file: string): RunReader {
    const reader = this.#readers.get(file) ?? new RunReader(file);
    this.#readers.delete(file);
    this.#readers.set(file, reader);
    for (const stale of this.#readers.keys()) {
      if (this.#readers.size <= this.keep) {
        break;
      }
      this.#readers.delete(stale);
    }
    return reader;
  }
}
