// The one message protocol between the run panel's host (src/extension/panel/) and its webview
// (src/webview/). Types and hand-written guards only: no DOM, no `vscode`, so both bundles import it.
import type { RunEvent } from '../core/events';
import type { RejectedProposal } from '../core/prompt/extractInstructions';
import type { ExampleResult, RunStatus } from '../core/runRecord';
import type { RunView } from '../core/runView';
import { priceTableProblems, type PriceTable } from '../core/pricing';

export type ExportFormat = 'json' | 'csv' | 'markdown';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'markdown'];

/** USD per million tokens by model name as it appears in `RunUsage.byModel` (after the `scorer:`/`optimizer:` prefix). */
export type { ModelPrice, PriceTable } from '../core/pricing';

/** Longest instruction text the host accepts from the panel (a prompt, not a file). */
export const MAX_TEXT_LENGTH = 100_000;

// ---- Host -> panel ----------------------------------------------------------------------------

/**
 * Host: the run to show, as its light view (scores, counts and flags; no per-example results, meta-prompts
 * or replies: the panel asks for those). Sent on `showRun`, and again, as the run stands now, whenever
 * the webview (re)announces `panel/ready`.
 */
export interface RunShowMessage {
  type: 'run/show';
  record: RunView;
  /** The run's file; the panel keeps it in its state so a reloaded window can reopen the same run. */
  runFile?: string;
  /** True when this extension host is executing the run now (Stop is possible; a `running` file is not stale). */
  isLive: boolean;
  /** Configured prices; the panel falls back to its small built-in table. */
  prices?: PriceTable;
}

/** Host: the engine's events since the last message, coalesced (at most one message per ~100 ms). */
export interface RunEventsMessage {
  type: 'run/events';
  runId: string;
  events: RunEvent[];
}

/** One row of a candidate's per-example table: its result joined with the dataset row it answered. */
export type ExampleRow = ExampleResult & {
  split: 'train' | 'validation';
  /** 1-based line of the row in the dataset file. */
  line: number;
  input: string;
  target: string;
};

/** Host: a candidate's per-example results (answer to `candidate/details`), failures first, at most `MAX_EXAMPLE_ROWS`. */
export interface CandidateDetailsValue {
  kind: 'candidateDetails';
  candidateId: string;
  rows: ExampleRow[];
  /** Results in all (the rows may be fewer). */
  total: number;
  /** Graded results that are wrong. */
  wrong: number;
  /** Results without a verdict (cut at the token limit, or the call failed after retries). */
  ungraded: number;
  /** The training rows the candidate shows as demonstrations, in prompt order (absent without). */
  demos?: DemoRow[];
  /** The whole prompt (instruction and demonstrations), when it has demonstrations. */
  prompt?: string;
}

/** A demonstration row: where it is in the dataset and what it shows. */
export interface DemoRow {
  example: number;
  /** 1-based line of the row in the dataset file. */
  line: number;
  input: string;
  target: string;
}

/** Host: a step's meta-prompt, raw replies and rejected proposals (answer to `step/details`). */
export interface StepDetailsValue {
  kind: 'stepDetails';
  step: number;
  metaPrompt: string;
  replies: string[];
  rejected: RejectedProposal[];
}

/** What a request's answer carries, when it carries something. */
export type RequestValue = CandidateDetailsValue | StepDetailsValue;

/** Rows of a candidate's table the host sends at most (the rest are in the exports). */
export const MAX_EXAMPLE_ROWS = 500;

/** Host: the answer to a panel request, correlated by `requestId`; `value` for the requests that fetch data. */
export type RequestResultMessage = { type: 'request/result'; requestId: number } & (
  | { ok: true; value?: RequestValue }
  | { ok: false; error: string }
);

/** Host: something the user should read in the panel's status line (e.g. the run file could not be read). */
export interface NoticeShowMessage {
  type: 'notice/show';
  level: 'info' | 'error';
  message: string;
}

export type ToPanel = RunShowMessage | RunEventsMessage | RequestResultMessage | NoticeShowMessage;

// ---- Panel -> host ----------------------------------------------------------------------------

/** Panel: its script has loaded; the host may now post (it queues until this arrives). */
export interface PanelReadyMessage {
  type: 'panel/ready';
}
/**
 * Panel: replace the run's original prompt in its source file with `text`. With `candidateId`, the
 * host writes that candidate's whole prompt (its instruction, `text`, and its demonstrations, which
 * the panel's light view does not hold).
 */
export interface PromptInsertMessage {
  type: 'prompt/insert';
  requestId: number;
  runId: string;
  text: string;
  candidateId?: string;
}
/** Panel: put `text` on the clipboard (with `runId` and `candidateId`: that candidate's whole prompt, as for insert). */
export interface PromptCopyMessage {
  type: 'prompt/copy';
  requestId: number;
  text: string;
  runId?: string;
  candidateId?: string;
}
/** Panel: open VS Code's diff editor, the run's original prompt against `text` (or the candidate's whole prompt, as for insert). */
export interface PromptDiffMessage {
  type: 'prompt/diff';
  requestId: number;
  runId: string;
  text: string;
  candidateId?: string;
}
/** Panel: cancel the running run. */
export interface RunStopMessage {
  type: 'run/stop';
  requestId: number;
  runId: string;
}
/** Panel: continue a cancelled, failed or interrupted run from its file. */
export interface RunResumeMessage {
  type: 'run/resume';
  requestId: number;
  runId: string;
}
/** Panel: save the run as JSON, a CSV of all candidates, or a Markdown report. */
export interface RunExportMessage {
  type: 'run/export';
  requestId: number;
  runId: string;
  format: ExportFormat;
}
/** Panel (human in the loop): score a person's instruction; it joins the history the optimizer sees. */
export interface InstructionScoreMessage {
  type: 'instruction/score';
  requestId: number;
  runId: string;
  text: string;
}
/** Panel: fetch the per-example results of candidate `candidateId` (answered with a `candidateDetails` value). */
export interface CandidateDetailsMessage {
  type: 'candidate/details';
  requestId: number;
  runId: string;
  candidateId: string;
}
/** Panel: fetch step `step`'s meta-prompt and raw replies (answered with a `stepDetails` value). */
export interface StepDetailsMessage {
  type: 'step/details';
  requestId: number;
  runId: string;
  step: number;
}
/** Panel: open the dataset file at the line of example `exampleIndex`. */
export interface ExampleOpenMessage {
  type: 'example/open';
  requestId: number;
  runId: string;
  exampleIndex: number;
}

export type ToHost =
  | PanelReadyMessage
  | PromptInsertMessage
  | PromptCopyMessage
  | PromptDiffMessage
  | RunStopMessage
  | RunResumeMessage
  | RunExportMessage
  | InstructionScoreMessage
  | ExampleOpenMessage
  | CandidateDetailsMessage
  | StepDetailsMessage;

/** A ToHost message without its `requestId`, as the panel composes it before sending. */
export type ToHostRequest = WithoutRequestId<ToHost>;
type WithoutRequestId<M> = M extends { requestId: number } ? Omit<M, 'requestId'> : never;

/** What the panel keeps with `setState`: view state only; the host reads `runFile` to restore the panel. */
export interface PanelState {
  runFile?: string;
  runId?: string;
  selectedId?: string;
  filter?: string;
  rowLimit?: number;
  scrollY?: number;
  draft?: string;
}

/** Where the optimized prompt sits in the user's code; the extension stores it as `record.meta.source`. */
export interface PromptSource {
  file: string;
  /** 1-based. */
  line: number;
}

/** Reads `record.meta.source`; `meta` is free-form, so each field is checked. */
export function readPromptSource(record: Pick<RunView, 'meta'>): PromptSource | undefined {
  const source = record.meta?.source;
  if (!isFields(source)) {
    return undefined;
  }
  return typeof source.file === 'string' && typeof source.line === 'number' ? { file: source.file, line: source.line } : undefined;
}

/** Ends every `switch (msg.type)`: a new message type does not compile until each side handles it. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}

// ---- Guards -----------------------------------------------------------------------------------

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT_LENGTH;
}
function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= 200;
}
function isPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= 4096;
}
function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
function isExportFormat(value: unknown): value is ExportFormat {
  return EXPORT_FORMATS.includes(value as ExportFormat);
}

/** Checks a message from the (untrusted) webview; returns a fresh object with only known fields, or undefined. */
export function parseToHost(raw: unknown): ToHost | undefined {
  if (!isFields(raw)) {
    return undefined;
  }
  if (raw.type === 'panel/ready') {
    return { type: 'panel/ready' };
  }
  if (!isIndex(raw.requestId)) {
    return undefined;
  }
  if (raw.type === 'prompt/copy') {
    return parseCopy(raw, raw.requestId);
  }
  if (!isId(raw.runId)) {
    return undefined;
  }
  return parseRunRequest(raw, raw.requestId, raw.runId);
}

/** A candidate named by a prompt request: absent is fine, anything but an id is not. */
function candidateOf(raw: Fields): { candidateId?: string } | undefined {
  if (raw.candidateId === undefined) {
    return {};
  }
  return isId(raw.candidateId) ? { candidateId: raw.candidateId } : undefined;
}

function parsePromptRequest(raw: Fields, type: 'prompt/insert' | 'prompt/diff', base: { requestId: number; runId: string }): ToHost | undefined {
  const candidate = candidateOf(raw);
  return isText(raw.text) && candidate !== undefined ? { type, ...base, text: raw.text, ...candidate } : undefined;
}

function parseCopy(raw: Fields, requestId: number): ToHost | undefined {
  const candidate = candidateOf(raw);
  const hasRun = raw.runId !== undefined;
  if (!isText(raw.text) || candidate === undefined || (hasRun && !isId(raw.runId)) || (candidate.candidateId !== undefined && !hasRun)) {
    return undefined;
  }
  return { type: 'prompt/copy', requestId, text: raw.text, ...(hasRun ? { runId: raw.runId as string } : {}), ...candidate };
}

function parseRunRequest(raw: Fields, requestId: number, runId: string): ToHost | undefined {
  const base = { requestId, runId };
  if (raw.type === 'candidate/details' || raw.type === 'step/details' || raw.type === 'example/open') {
    return parseLookupRequest(raw, base);
  }
  switch (raw.type) {
    case 'prompt/insert':
    case 'prompt/diff':
      return parsePromptRequest(raw, raw.type, base);
    case 'instruction/score':
      return isText(raw.text) ? { type: raw.type, ...base, text: raw.text } : undefined;
    case 'run/stop':
    case 'run/resume':
      return { type: raw.type, ...base };
    case 'run/export':
      return isExportFormat(raw.format) ? { type: 'run/export', ...base, format: raw.format } : undefined;
    default:
      return undefined;
  }
}

const RUN_STATUSES: readonly RunStatus[] = ['running', 'finished', 'cancelled', 'failed'];
const RUN_EVENT_TYPES: readonly RunEvent['type'][] = [
  'runStarted',
  'stepStarted',
  'stepProposed',
  'candidateScored',
  'stepFinished',
  'validationScored',
  'runFinished',
  'runCancelled',
  'runFailed',
  'runWarning',
];

/** The shape the panel relies on; the host read the run with core's checked reader. */
export function isRunViewShape(value: unknown): value is RunView {
  return (
    isFields(value) &&
    isId(value.id) &&
    RUN_STATUSES.includes(value.status as RunStatus) &&
    [value.candidates, value.steps].every(Array.isArray) &&
    [value.trainRows, value.validationRows].every(isIndex) &&
    [value.config, value.dataset, value.usage, value.metric].every(isFields)
  );
}

/** The requests that name one thing of the run: an example, a candidate, a step. */
function parseLookupRequest(raw: Fields, base: { requestId: number; runId: string }): ToHost | undefined {
  if (raw.type === 'example/open') {
    return isIndex(raw.exampleIndex) ? { type: 'example/open', ...base, exampleIndex: raw.exampleIndex } : undefined;
  }
  if (raw.type === 'candidate/details') {
    return isId(raw.candidateId) ? { type: 'candidate/details', ...base, candidateId: raw.candidateId } : undefined;
  }
  return isIndex(raw.step) ? { type: 'step/details', ...base, step: raw.step } : undefined;
}

function isExampleRow(value: unknown): value is ExampleRow {
  return (
    isFields(value) &&
    (value.split === 'train' || value.split === 'validation') &&
    [value.example, value.line].every(isIndex) &&
    [value.input, value.target, value.output, value.answer].every((x) => typeof x === 'string') &&
    typeof value.correct === 'boolean' &&
    (value.status === undefined || value.status === 'truncated' || value.status === 'errored')
  );
}

/** A candidate's optional demonstrations and whole prompt, when the host sent them. */
function hasDemoFields(value: Fields): boolean {
  const hasDemos = value.demos === undefined || (Array.isArray(value.demos) && value.demos.every(isDemoRow));
  return hasDemos && (value.prompt === undefined || typeof value.prompt === 'string');
}

function isDemoRow(value: unknown): value is DemoRow {
  return isFields(value) && [value.example, value.line].every(isIndex) && typeof value.input === 'string' && typeof value.target === 'string';
}

function isRequestValue(value: unknown): value is RequestValue {
  if (!isFields(value)) {
    return false;
  }
  if (value.kind === 'candidateDetails') {
    return isId(value.candidateId) && Array.isArray(value.rows) && value.rows.every(isExampleRow) && [value.total, value.wrong, value.ungraded].every(isIndex) && hasDemoFields(value);
  }
  return value.kind === 'stepDetails' && isStepDetails(value);
}

function isStepDetails(value: Fields): boolean {
  const isTexts = (list: unknown): boolean => Array.isArray(list) && list.every((r) => typeof r === 'string');
  const isRejected = (list: unknown): boolean => Array.isArray(list) && list.every((r) => isFields(r) && typeof r.text === 'string' && typeof r.reason === 'string');
  return isIndex(value.step) && typeof value.metaPrompt === 'string' && isTexts(value.replies) && isRejected(value.rejected);
}

function isRunEventShape(value: unknown): value is RunEvent {
  return isFields(value) && RUN_EVENT_TYPES.includes(value.type as RunEvent['type']);
}

function isPriceTable(value: unknown): value is PriceTable {
  return priceTableProblems(value).length === 0;
}

/** Checks a message from the host (the panel validates too: a bad message is dropped, never half-rendered). */
export function parseToPanel(raw: unknown): ToPanel | undefined {
  if (!isFields(raw)) {
    return undefined;
  }
  switch (raw.type) {
    case 'run/show':
      return parseRunShow(raw);
    case 'run/events':
      return isId(raw.runId) && Array.isArray(raw.events) && raw.events.every(isRunEventShape)
        ? { type: 'run/events', runId: raw.runId, events: raw.events }
        : undefined;
    case 'request/result':
      return parseRequestResult(raw);
    case 'notice/show':
      return (raw.level === 'info' || raw.level === 'error') && typeof raw.message === 'string'
        ? { type: 'notice/show', level: raw.level, message: raw.message }
        : undefined;
    default:
      return undefined;
  }
}

function parseRunShow(raw: Fields): RunShowMessage | undefined {
  const fileOk = raw.runFile === undefined || isPath(raw.runFile);
  const pricesOk = raw.prices === undefined || isPriceTable(raw.prices);
  if (!isRunViewShape(raw.record) || typeof raw.isLive !== 'boolean' || !fileOk || !pricesOk) {
    return undefined;
  }
  return {
    type: 'run/show',
    record: raw.record,
    isLive: raw.isLive,
    ...(raw.runFile === undefined ? {} : { runFile: raw.runFile as string }),
    ...(raw.prices === undefined ? {} : { prices: raw.prices as PriceTable }),
  };
}

function parseRequestResult(raw: Fields): RequestResultMessage | undefined {
  if (!isIndex(raw.requestId)) {
    return undefined;
  }
  if (raw.ok === true) {
    if (raw.value === undefined) {
      return { type: 'request/result', requestId: raw.requestId, ok: true };
    }
    return isRequestValue(raw.value) ? { type: 'request/result', requestId: raw.requestId, ok: true, value: raw.value } : undefined;
  }
  return raw.ok === false && typeof raw.error === 'string'
    ? { type: 'request/result', requestId: raw.requestId, ok: false, error: raw.error }
    : undefined;
}

/** Reads the panel's saved state leniently: fields of the wrong type are dropped, never trusted. */
export function parsePanelState(raw: unknown): PanelState {
  if (!isFields(raw)) {
    return {};
  }
  const state: PanelState = {};
  for (const key of ['runFile', 'runId', 'selectedId', 'filter', 'draft'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value.length <= MAX_TEXT_LENGTH) {
      state[key] = value;
    }
  }
  for (const key of ['rowLimit', 'scrollY'] as const) {
    if (isIndex(raw[key])) {
      state[key] = raw[key];
    }
  }
  return state;
}
