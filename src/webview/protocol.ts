// The one message protocol between the run panel's host (src/extension/panel/) and its webview
// (src/webview/). Types and hand-written guards only: no DOM, no `vscode`, so both bundles import it.
import type { RunEvent } from '../core/events';
import type { RunRecord, RunStatus } from '../core/runRecord';

export type ExportFormat = 'json' | 'csv' | 'markdown';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'markdown'];

/** List price of one model in US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}
/** Keyed by model name as it appears in `RunUsage.byModel` (after the `scorer:`/`optimizer:` prefix). */
export type PriceTable = Record<string, ModelPrice>;

/** Longest instruction text the host accepts from the panel (a prompt, not a file). */
export const MAX_TEXT_LENGTH = 100_000;

// ---- Host -> panel ----------------------------------------------------------------------------

/** Host: the run to show, sent on `showRun` and again whenever the webview (re)announces `panel/ready`. */
export interface RunShowMessage {
  type: 'run/show';
  record: RunRecord;
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

/** Host: the answer to a panel request, correlated by `requestId`. */
export type RequestResultMessage = { type: 'request/result'; requestId: number } & (
  | { ok: true }
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
/** Panel: replace the run's original prompt in its source file with `text`. */
export interface PromptInsertMessage {
  type: 'prompt/insert';
  requestId: number;
  runId: string;
  text: string;
}
/** Panel: put `text` on the clipboard. */
export interface PromptCopyMessage {
  type: 'prompt/copy';
  requestId: number;
  text: string;
}
/** Panel: open VS Code's diff editor, the run's original prompt against `text`. */
export interface PromptDiffMessage {
  type: 'prompt/diff';
  requestId: number;
  runId: string;
  text: string;
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
  | ExampleOpenMessage;

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
export function readPromptSource(record: Pick<RunRecord, 'meta'>): PromptSource | undefined {
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
    return isText(raw.text) ? { type: 'prompt/copy', requestId: raw.requestId, text: raw.text } : undefined;
  }
  if (!isId(raw.runId)) {
    return undefined;
  }
  return parseRunRequest(raw, raw.requestId, raw.runId);
}

function parseRunRequest(raw: Fields, requestId: number, runId: string): ToHost | undefined {
  const base = { requestId, runId };
  switch (raw.type) {
    case 'prompt/insert':
    case 'prompt/diff':
    case 'instruction/score':
      return isText(raw.text) ? { type: raw.type, ...base, text: raw.text } : undefined;
    case 'run/stop':
    case 'run/resume':
      return { type: raw.type, ...base };
    case 'run/export':
      return isExportFormat(raw.format) ? { type: 'run/export', ...base, format: raw.format } : undefined;
    case 'example/open':
      return isIndex(raw.exampleIndex) ? { type: 'example/open', ...base, exampleIndex: raw.exampleIndex } : undefined;
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

/** The shape the panel relies on; the host read the file with core's checked reader. */
export function isRunRecordShape(value: unknown): value is RunRecord {
  return (
    isFields(value) &&
    isId(value.id) &&
    RUN_STATUSES.includes(value.status as RunStatus) &&
    [value.candidates, value.steps, value.examples, value.train, value.validation].every(Array.isArray) &&
    [value.config, value.dataset, value.usage, value.metric].every(isFields)
  );
}

function isRunEventShape(value: unknown): value is RunEvent {
  return isFields(value) && RUN_EVENT_TYPES.includes(value.type as RunEvent['type']);
}

function isPriceTable(value: unknown): value is PriceTable {
  const isPrice = (p: unknown): boolean =>
    isFields(p) && typeof p.input === 'number' && typeof p.output === 'number' && p.input >= 0 && p.output >= 0;
  return isFields(value) && Object.values(value).every(isPrice);
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
  if (!isRunRecordShape(raw.record) || typeof raw.isLive !== 'boolean' || !fileOk || !pricesOk) {
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
    return { type: 'request/result', requestId: raw.requestId, ok: true };
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
