import { readFile } from 'node:fs/promises';
import { OproError } from '../errors';
import type { RecordedExample, RunRecord } from '../runRecord';
import { RUN_FORMAT_VERSION, type RunHeader } from '../runView';
import { readDetails } from './fileStore';
import { foldLog, type FoldedRun } from './foldLog';
import { parseJsonLines } from './jsonLines';
import type { LogEntry, RunState, StepDetails } from './logEntry';
import { migrateLegacyRun } from './migrateLegacy';
import { runPaths } from './runPaths';
import { checkShape, exampleSchema, headerSchema, logEntrySchema } from './runSchema';
import { nodeStoreFs, type StoreFs } from './storeFs';

const PICK_A_RUN = 'Pick a run file written by opro (.opro/runs/*.json).';

async function readText(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && what !== 'header') {
      return undefined;
    }
    throw new OproError('config', `${file}: cannot read the run ${what} (${(err as Error).message}).`, { hint: 'Check the path of the run file.', cause: err });
  }
}

/**
 * Reads and checks a run's header: what listing a run needs, and nothing else. A version 1 run file
 * (the whole run in one JSON document) is migrated to the current layout first. Rejects with an
 * OproError naming the file and what is wrong, or saying that a newer version wrote it.
 */
export async function readRunHeader(file: string, fs: StoreFs = nodeStoreFs): Promise<RunHeader> {
  const text = (await readText(file, 'header')) as string;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new OproError('config', `${file}: the run file is not valid JSON (${(err as Error).message}).`, { hint: PICK_A_RUN, cause: err });
  }
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (version === 1) {
    return migrateLegacyRun(file, value, fs);
  }
  if (typeof version === 'number' && version > RUN_FORMAT_VERSION) {
    throw new OproError('config', `${file} was written by a newer version of OPRO (run format ${version}; this version reads up to ${RUN_FORMAT_VERSION}).`, {
      hint: 'Update the OPRO extension or CLI to open it.',
    });
  }
  const checked = checkShape(headerSchema, value);
  if (!checked.ok) {
    throw new OproError('config', `${file}: this is not a usable OPRO run file: ${checked.problem}.`, { hint: PICK_A_RUN });
  }
  return checked.value as unknown as RunHeader;
}

/** The header and the event log folded: the light view of a run and where its details are. */
export async function readRunView(file: string, fs: StoreFs = nodeStoreFs): Promise<FoldedRun> {
  const header = await readRunHeader(file, fs);
  const { log } = runPaths(file);
  const text = (await readText(log, 'log')) ?? '';
  const entries = await parseJsonLines(text, log, (value) => checkShape(logEntrySchema, value) as { ok: true; value: LogEntry } | { ok: false; problem: string });
  return foldLog(header, entries);
}

/** The rows a run uses, with its split. */
export async function readRunExamples(file: string): Promise<{ examples: RecordedExample[]; train: number[]; validation: number[] }> {
  const { examples: path } = runPaths(file);
  const text = await readText(path, 'examples');
  if (text === undefined) {
    throw new OproError('config', `${path}: the run's examples file is missing.`, { hint: 'Keep the files beside the run header together (see README, "What is saved when").' });
  }
  const rows = await parseJsonLines(text, path, (value) => checkShape(exampleSchema, value));
  const train: number[] = [];
  const validation: number[] = [];
  const examples = rows.map(({ split, ...example }) => {
    (split === 'train' ? train : split === 'validation' ? validation : []).push(example.index);
    return example;
  });
  return { examples, train, validation };
}

/** Everything the engine needs to go on with a run: its state and the index of its details. */
export async function readRunState(file: string, fs: StoreFs = nodeStoreFs): Promise<{ state: RunState; folded: FoldedRun }> {
  const folded = await readRunView(file, fs);
  return { state: { ...folded.view, ...(await readRunExamples(file)) }, folded };
}

/** A step's meta-prompt, raw replies and rejected proposals, read from the details file. */
export async function readStepDetails(file: string, folded: FoldedRun, step: number, fs: StoreFs = nodeStoreFs): Promise<StepDetails | undefined> {
  const range = folded.index.steps.get(step);
  const line = range === undefined ? undefined : await readDetails(fs, runPaths(file).details, range);
  return line?.type === 'step' ? { step: line.step, metaPrompt: line.metaPrompt, replies: line.replies, rejected: line.rejected } : undefined;
}

/** One candidate's per-example results on a split ([] when none were saved). */
export async function readCandidateResults(file: string, folded: FoldedRun, candidateId: string, split: 'train' | 'validation'): Promise<RunRecord['candidates'][number]['results']> {
  const range = folded.index.results.get(candidateId)?.[split];
  const line = range === undefined ? undefined : await readDetails(nodeStoreFs, runPaths(file).details, range);
  return line?.type === 'results' ? line.results : [];
}

/**
 * The whole run in one object, per-example results and meta-prompts included (exports, tests,
 * tools). A paper-scale run is hundreds of megabytes this way: the panel and the engine never use it.
 */
export async function readRunRecord(file: string): Promise<RunRecord> {
  const { state, folded } = await readRunState(file);
  const candidates = [];
  for (const c of state.candidates) {
    const results = await readCandidateResults(file, folded, c.id, 'train');
    const validation = c.validation === undefined ? {} : { validation: { ...c.validation, results: await readCandidateResults(file, folded, c.id, 'validation') } };
    candidates.push({ ...c, results, ...validation });
  }
  const steps = [];
  for (const s of state.steps) {
    const details = await readStepDetails(file, folded, s.step);
    const { replies: _replies, failedReplies: _failed, rejected: _rejected, ...light } = s;
    steps.push({ ...light, metaPrompt: details?.metaPrompt ?? '', replies: details?.replies ?? [], rejected: details?.rejected ?? [] });
  }
  return { ...state, version: RUN_FORMAT_VERSION, candidates, steps } as RunRecord;
}
