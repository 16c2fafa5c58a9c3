import { join, resolve } from 'node:path';
import { estimateRunCost, startRun, resumeRun } from '../../core/engine';
import { describeEstimate } from '../../core/run/estimateText';
import type { EngineDeps } from '../../core/engineDeps';
import type { RunEvent } from '../../core/events';
import { newRunId } from '../../core/run/newRunState';
import { reportRunFile } from '../../core/run/runReport';
import type { RunView } from '../../core/runView';
import type { RunConfig } from '../../core/config';
import { runConfigFromFlags } from '../runConfigFromFlags';
import { EXIT, type CliContext } from '../cliContext';
import { intFlag, numberFlag, type CliValues } from '../options';
import { ProgressReporter } from '../progress';
import { runSummaryText } from '../summary';
import { terminalSafe } from '../terminalText';

/** Receives a run's events: the CLI's progress lines, or another front end's listener (the MCP server). */
export type RunListener = (event: RunEvent) => void;

/** A run that ended (finished or cancelled) and where it is saved. */
export interface EndedRun {
  record: RunView;
  runFile: string;
}

/** The response cache folder (--cache-dir, default .opro/cache), or none with --no-cache. */
export function cacheDirOf(values: CliValues, cwd: string): string | undefined {
  return values['no-cache'] === true ? undefined : resolve(cwd, values['cache-dir'] ?? '.opro/cache');
}

/** Where run `runId` is saved unless --out says otherwise: `.opro/runs/<id>.json` under `cwd`. */
export function defaultRunFile(cwd: string, runId: string): string {
  return resolve(cwd, join('.opro', 'runs', `${runId}.json`));
}

/** The CLI's own listener: progress on stderr, none with --json. */
function progressListener(values: CliValues, context: CliContext): RunListener | undefined {
  const progress = new ProgressReporter(context.stderr);
  return values.json === true ? undefined : (event) => progress.handle(event);
}

function engineDeps(values: CliValues, context: CliContext, runFile: string, onEvent: RunListener | undefined): EngineDeps {
  const cacheDir = cacheDirOf(values, context.cwd);
  const onWarning = (message: string): void => void context.stderr.write(`opro: warning: ${terminalSafe(message)}\n`);
  return { runFile, ...(cacheDir === undefined ? {} : { cacheDir }), onEvent, onWarning };
}

async function report(ended: EndedRun, values: CliValues, context: CliContext): Promise<number> {
  const { record, runFile } = ended;
  const summary = await reportRunFile(record, runFile);
  context.stdout.write(values.json === true ? `${JSON.stringify(summary)}\n` : runSummaryText(record, summary));
  return record.status === 'cancelled' ? EXIT.cancelled : EXIT.ok;
}

/** A new run from flags, saved to --out or .opro/runs/<id>.json; `configure` adjusts the config (repeats set the seeds). */
export async function optimizeFromFlags(
  values: CliValues,
  context: CliContext,
  onEvent = progressListener(values, context),
  configure: (config: RunConfig) => RunConfig = (config) => config,
): Promise<EndedRun> {
  const config = configure(runConfigFromFlags(values, context.env, context.cwd));
  const runId = newRunId(new Date());
  const runFile = values.out === undefined ? defaultRunFile(context.cwd, runId) : resolve(context.cwd, values.out);
  context.onRunFile?.(runFile);
  const record = await startRun(config, { ...engineDeps(values, context, runFile, onEvent), runId }, context.signal);
  return { record, runFile };
}

/**
 * Continues a saved run on its own endpoints: the key comes from the environment (or --api-key) again
 * for every model role, --base-url names the endpoint only for a run file that records none, and
 * --steps may extend the run and --max-cost raise (or lift, with 0) its cost limit.
 */
export async function resumeFromFlags(runFile: string, values: CliValues, context: CliContext, onEvent = progressListener(values, context)): Promise<EndedRun> {
  const file = resolve(context.cwd, runFile);
  context.onRunFile?.(file);
  const steps = intFlag(values, 'steps');
  const maxCost = numberFlag(values, 'max-cost');
  const apiKey = values['api-key'] ?? context.env.OPENAI_API_KEY;
  const baseUrl = values['base-url'];
  const record = await resumeRun(
    file,
    {
      ...engineDeps(values, context, file, onEvent),
      credentials: apiKey === undefined ? {} : { apiKey },
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(steps === undefined && maxCost === undefined ? {} : { patchConfig: (config) => ({ ...config, ...(steps === undefined ? {} : { steps }), ...(maxCost === undefined ? {} : { maxCost }) }) }),
    },
    context.signal,
  );
  return { record, runFile: file };
}

/** `opro optimize --dry-run`: the estimate on stdout (JSON with --json); no model is called, nothing is saved. */
async function dryRun(values: CliValues, context: CliContext): Promise<number> {
  const config = runConfigFromFlags(values, context.env, context.cwd);
  const estimate = await estimateRunCost(config);
  context.stdout.write(values.json === true ? `${JSON.stringify({ dryRun: true, estimate })}\n` : `${describeEstimate(config, estimate).join('\n')}\n`);
  return EXIT.ok;
}

/** `opro optimize` (one run; `--repeat` is `repeatCommand`). */
export async function optimizeCommand(values: CliValues, context: CliContext): Promise<number> {
  if (values['dry-run'] === true) {
    return dryRun(values, context);
  }
  return report(await optimizeFromFlags(values, context), values, context);
}

/** `opro resume RUN.json`. */
export async function resumeCommand(runFile: string, values: CliValues, context: CliContext): Promise<number> {
  return report(await resumeFromFlags(runFile, values, context), values, context);
}
