import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { readRunView } from '../../core/store/readRun';
import { OproError } from '../../core/errors';
import type { RunEvent } from '../../core/events';
import { rankedCandidates } from '../../core/run/history';
import { describeRun, fenced, reportCandidate, reportRunFile } from '../../core/run/runReport';
import { formatScoreWith } from '../../core/stats/scoreInterval';
import type { CliContext } from '../cliContext';
import { evaluate } from '../commands/evaluate';
import { defaultRunFile, optimizeFromFlags, resumeFromFlags, type EndedRun } from '../commands/optimize';
import { flagValuesOf } from '../configFile';
import type { CliValues } from '../options';
import type { ToolName } from './toolSchemas';

/** A `tools/call` result: text for the model, the same facts as `structuredContent` for programs. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** What a call runs with. */
export interface ToolCallContext {
  /** The server's own flags (and opro.config.json): defaults a call's arguments override. */
  defaults: CliValues;
  /** cwd, environment (keys), stderr and the call's cancellation signal; stdout is never written. */
  cli: CliContext;
  /** Reports progress when the client asked for it. */
  progress: (done: number, total: number | undefined, message: string) => void;
}

type Args = Record<string, unknown>;

/** Runs one tool; OPRO's own errors come back as `isError` results the model can read and act on. */
export async function callTool(name: ToolName, args: Args, call: ToolCallContext): Promise<ToolResult> {
  let startedRun: string | undefined;
  const onStarted = (runId: string): void => {
    startedRun = runId;
  };
  try {
    switch (name) {
      case 'optimize':
        return await runResult(await optimizeFromFlags(callValues(args, 'prompt', call), call.cli, runProgress(call, onStarted)));
      case 'resume': {
        const values = { ...call.defaults, ...flagValuesOf({ steps: args.steps }, 'resume') };
        return await runResult(await resumeFromFlags(runFileOf(args.run, call.cli.cwd), values, call.cli, runProgress(call, onStarted)));
      }
      case 'evaluate':
        return await evaluateResult(callValues(args, 'prompts', call), call);
      case 'show-run':
        return await showRun(runFileOf(args.run, call.cli.cwd), typeof args.top === 'number' ? args.top : 5);
    }
  } catch (err) {
    // A run that failed after it started kept what finished; say where, so the agent can resume it.
    const saved = startedRun === undefined ? '' : ` What finished is saved (run ${startedRun}); the resume tool continues it once the cause is fixed.`;
    return errorResult(err, saved);
  }
}

/** The call's arguments as flags over the server's defaults; exactly one of the prompt arguments. */
function callValues(args: Args, promptKey: 'prompt' | 'prompts', call: ToolCallContext): CliValues {
  const { [promptKey]: prompt, ...rest } = args;
  if ((prompt === undefined) === (args.promptFile === undefined)) {
    throw new OproError('config', `Give either \`${promptKey}\` or \`promptFile\`.`);
  }
  const prompts = prompt === undefined ? {} : { prompt: Array.isArray(prompt) ? prompt : [prompt] };
  const { out: _out, json: _json, prompt: _p, 'prompt-file': _pf, ...defaults } = call.defaults;
  return { ...defaults, ...flagValuesOf(rest, 'the tool call'), ...prompts } as CliValues;
}

/** Progress as scored prompts out of the most the run can score (seeds + steps × candidates). */
function runProgress(call: ToolCallContext, onStarted: (runId: string) => void): (event: RunEvent) => void {
  let scored = 0;
  let total: number | undefined;
  let best = 0;
  return (event) => {
    if (event.type === 'runStarted') {
      onStarted(event.record.id);
      const { config } = event.record;
      scored = event.record.candidates.length;
      total = Math.max(scored, config.seedInstructions.length + config.steps * config.candidatesPerStep);
      call.progress(scored, total, `${event.resumed ? 'resumed' : 'started'} run ${event.record.id}`);
    } else if (event.type === 'candidateScored') {
      scored += 1;
      best = Math.max(best, event.candidate.score);
      call.progress(scored, total, `${scored} prompts scored, best ${(best * 100).toFixed(1)}%, ${event.usage.calls} calls`);
    }
  };
}

async function runResult({ record, runFile }: EndedRun): Promise<ToolResult> {
  const report = await reportRunFile(record, runFile);
  return { content: [{ type: 'text', text: describeRun(report) }], structuredContent: { ...report } };
}

async function evaluateResult(values: CliValues, call: ToolCallContext): Promise<ToolResult> {
  const count = values.prompt?.length ?? 1;
  let scored = 0;
  const { scored: candidates, record } = await evaluate(values, call.cli, (event) => {
    if (event.type === 'candidateScored') {
      scored += 1;
      call.progress(scored, count, `${scored} of ${count} prompts scored`);
    }
  });
  const results = candidates.map((c) => reportCandidate(c));
  const dataset = record?.dataset.file ?? String(values.dataset);
  const lines = results.map((r, i) => `${i + 1}. ${formatScoreWith(r, r.ci95)} on ${r.total} rows of ${dataset}\n${fenced(r.instruction)}`);
  return { content: [{ type: 'text', text: lines.join('\n\n') }], structuredContent: { dataset, results } };
}

async function showRun(runFile: string, top: number): Promise<ToolResult> {
  const record = (await readRunView(runFile)).view;
  const report = await reportRunFile(record, runFile);
  const ranked = rankedCandidates(record).slice(0, top).map((c) => reportCandidate(c));
  const list = ranked.map((c, i) => `${i + 1}. ${formatScoreWith(c, c.ci95)}, step ${c.step} (${c.origin}): ${c.instruction.replace(/\s+/g, ' ').slice(0, 120)}`);
  const text = `${describeRun(report)}\n\nTop ${ranked.length} prompts:\n${list.join('\n')}`;
  return { content: [{ type: 'text', text }], structuredContent: { ...report, top: ranked } };
}

/** A run id (looked up in .opro/runs/) or a run file path. */
function runFileOf(ref: unknown, cwd: string): string {
  const text = String(ref);
  const isPath = text.endsWith('.json') || text.includes('/') || text.includes('\\') || isAbsolute(text);
  const file = isPath ? resolve(cwd, text) : defaultRunFile(cwd, text);
  if (!existsSync(file)) {
    throw new OproError('config', `No run file ${file}: give a run id from .opro/runs/ or the path of a run file.`);
  }
  return file;
}

function errorResult(err: unknown, after = ''): ToolResult {
  const hint = err instanceof OproError && err.hint !== undefined && !err.message.includes(err.hint) ? ` ${err.hint}` : '';
  const message = err instanceof Error ? err.message : String(err);
  return { content: [{ type: 'text', text: `opro: ${message}${hint}${after}` }], isError: true };
}
