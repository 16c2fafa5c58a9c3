import { dirname } from 'node:path';
import type { ExampleResult, ScoredCandidate, SplitScore, StepRecord } from '../runRecord';
import { candidateView, splitSummary, stepView } from '../runView';
import { AppendFile, type ByteRange } from './appendFile';
import type { DetailsLine, LogEntry, RunState, StepDetails } from './logEntry';
import { headerOf } from './runHeader';
import { runPaths, type RunPaths } from './runPaths';
import type { RunStore, SplitName } from './runStore';
import { storageError } from './storageError';
import { nodeStoreFs, type StoreFs } from './storeFs';
import { writeAtomic } from './writeAtomic';

/** Where the details of a run's candidates and steps are, by id and step number. */
export interface DetailIndex {
  results: Map<string, Partial<Record<SplitName, ByteRange>>>;
  steps: Map<number, ByteRange>;
}

export function emptyDetailIndex(): DetailIndex {
  return { results: new Map(), steps: new Map() };
}

/** Reads one details line back by its byte range. */
export async function readDetails(fs: StoreFs, file: string, range: ByteRange): Promise<DetailsLine> {
  const bytes = await fs.readBytes(file, range.offset, range.length);
  return JSON.parse(bytes.toString('utf8')) as DetailsLine;
}

/**
 * A run on disk: the header rewritten atomically (coalesced: one more write of the latest state when
 * asked while writing), the event log and the details file appended to. Bytes written per scored
 * candidate stay constant: its details line, its log line and one header.
 */
class FileRunStore implements RunStore {
  private headerWrite: Promise<void> = Promise.resolve();
  private isHeaderQueued = false;

  constructor(
    private readonly paths: RunPaths,
    private readonly files: { log: AppendFile; details: AppendFile; fs: StoreFs },
    private readonly index: DetailIndex,
  ) {}

  get runFile(): string {
    return this.paths.header;
  }

  async recordCandidate(candidate: ScoredCandidate, state: RunState): Promise<void> {
    const details = await this.appendDetails({ type: 'results', candidate: candidate.id, split: 'train', results: candidate.results });
    this.index.results.set(candidate.id, { ...this.index.results.get(candidate.id), train: details });
    await this.appendLog({ type: 'candidateScored', candidate: candidateView(candidate), details, usage: state.usage });
    await this.saveHeader(state);
  }

  async recordStep(step: StepRecord, state: RunState): Promise<void> {
    const details = await this.appendDetails({ type: 'step', step: step.step, metaPrompt: step.metaPrompt, replies: step.replies, rejected: step.rejected });
    this.index.steps.set(step.step, details);
    await this.appendLog({ type: 'stepProposed', step: stepView(step), details, usage: state.usage });
    await this.saveHeader(state);
  }

  async recordStepFinished(step: number, state: RunState): Promise<void> {
    await this.appendLog({ type: 'stepFinished', step, usage: state.usage });
    await this.saveHeader(state);
  }

  async recordValidation(candidateId: string, validation: SplitScore, state: RunState): Promise<void> {
    const details = await this.appendDetails({ type: 'results', candidate: candidateId, split: 'validation', results: validation.results });
    this.index.results.set(candidateId, { ...this.index.results.get(candidateId), validation: details });
    await this.appendLog({ type: 'validationScored', candidateId, validation: splitSummary(validation), details, usage: state.usage });
    await this.saveHeader(state);
  }

  async recordStatus(state: RunState): Promise<void> {
    const { status, stopReason, error, comparison } = state;
    const entry: LogEntry = {
      type: 'statusChanged',
      at: state.updatedAt,
      status,
      ...(stopReason === undefined ? {} : { stopReason }),
      ...(error === undefined ? {} : { error }),
      ...(comparison === undefined ? {} : { comparison }),
      usage: state.usage,
    };
    await this.appendLog(entry);
    await this.saveHeader(state);
  }

  async results(candidateId: string, split: SplitName): Promise<ExampleResult[]> {
    const range = this.index.results.get(candidateId)?.[split];
    if (range === undefined) {
      return [];
    }
    const line = await readDetails(this.files.fs, this.paths.details, range);
    return line.type === 'results' ? line.results : [];
  }

  async stepDetails(step: number): Promise<StepDetails | undefined> {
    const range = this.index.steps.get(step);
    if (range === undefined) {
      return undefined;
    }
    const line = await readDetails(this.files.fs, this.paths.details, range);
    return line.type === 'step' ? { step: line.step, metaPrompt: line.metaPrompt, replies: line.replies, rejected: line.rejected } : undefined;
  }

  /** Writes the header of the latest state; a request while one is writing becomes one more write. */
  private saveHeader(state: RunState): Promise<void> {
    if (this.isHeaderQueued) {
      return this.headerWrite;
    }
    this.isHeaderQueued = true;
    const write = this.headerWrite.catch(() => undefined).then(async () => {
      this.isHeaderQueued = false;
      await writeAtomic(this.files.fs, this.paths.header, JSON.stringify(headerOf(state)));
    });
    this.headerWrite = write;
    return write;
  }

  private appendLog(entry: LogEntry): Promise<ByteRange> {
    return appendOrFail(this.files.log, JSON.stringify(entry));
  }

  private appendDetails(line: DetailsLine): Promise<ByteRange> {
    return appendOrFail(this.files.details, JSON.stringify(line));
  }
}

async function appendOrFail(file: AppendFile, text: string): Promise<ByteRange> {
  try {
    return await file.append(text);
  } catch (err) {
    throw storageError(file.file, err);
  }
}

async function openAppenders(paths: RunPaths, fs: StoreFs): Promise<{ log: AppendFile; details: AppendFile; fs: StoreFs }> {
  try {
    return { log: await AppendFile.open(paths.log, fs), details: await AppendFile.open(paths.details, fs), fs };
  } catch (err) {
    throw storageError(paths.log, err);
  }
}

/** Creates a new run's files: the rows, then the header, then empty logs. */
export async function createFileStore(runFile: string, state: RunState, fs: StoreFs = nodeStoreFs): Promise<RunStore> {
  const paths = runPaths(runFile);
  try {
    await fs.mkdir(dirname(runFile));
  } catch (err) {
    throw storageError(runFile, err);
  }
  const train = new Set(state.train);
  const validation = new Set(state.validation);
  const rows = state.examples.map((e) => JSON.stringify({ ...e, ...(train.has(e.index) ? { split: 'train' } : validation.has(e.index) ? { split: 'validation' } : {}) }));
  await writeAtomic(fs, paths.examples, rows.length === 0 ? '' : `${rows.join('\n')}\n`);
  for (const file of [paths.log, paths.details]) {
    await writeAtomic(fs, file, '');
  }
  await writeAtomic(fs, paths.header, JSON.stringify(headerOf(state)));
  return new FileRunStore(paths, await openAppenders(paths, fs), emptyDetailIndex());
}

/** Reopens a saved run's files for appending (torn last lines are cut), with the index its log gave. */
export async function openFileStore(runFile: string, index: DetailIndex, fs: StoreFs = nodeStoreFs): Promise<RunStore> {
  const paths = runPaths(runFile);
  return new FileRunStore(paths, await openAppenders(paths, fs), index);
}
