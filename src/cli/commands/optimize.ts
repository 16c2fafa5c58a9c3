import { join, resolve } from 'node:path';
import { startRun, resumeRun } from '../../core/engine';
import type { EngineDeps } from '../../core/engineDeps';
import { newRunId } from '../../core/run/newRecord';
import type { RunRecord } from '../../core/runRecord';
import { runConfigFromFlags } from '../runConfigFromFlags';
import { EXIT, type CliContext } from '../cliContext';
import { intFlag, type CliValues } from '../options';
import { ProgressReporter } from '../progress';
import { runSummary, runSummaryText } from '../summary';

/** The response cache folder (--cache-dir, default .opro/cache), or none with --no-cache. */
export function cacheDirOf(values: CliValues, cwd: string): string | undefined {
  return values['no-cache'] === true ? undefined : resolve(cwd, values['cache-dir'] ?? '.opro/cache');
}

function engineDeps(values: CliValues, context: CliContext, runFile: string): EngineDeps {
  const progress = new ProgressReporter(context.stderr);
  const cacheDir = cacheDirOf(values, context.cwd);
  return {
    runFile,
    ...(cacheDir === undefined ? {} : { cacheDir }),
    onEvent: values.json === true ? undefined : (event) => progress.handle(event),
  };
}

function report(record: RunRecord, runFile: string, values: CliValues, context: CliContext): number {
  context.stdout.write(values.json === true ? `${JSON.stringify(runSummary(record, runFile))}\n` : runSummaryText(record, runFile));
  return record.status === 'cancelled' ? EXIT.cancelled : EXIT.ok;
}

/** `opro optimize`: a new run, saved to --out or .opro/runs/<id>.json. */
export async function optimizeCommand(values: CliValues, context: CliContext): Promise<number> {
  const config = runConfigFromFlags(values, context.env, context.cwd);
  const runId = newRunId(new Date());
  const runFile = resolve(context.cwd, values.out ?? join('.opro', 'runs', `${runId}.json`));
  const record = await startRun(config, { ...engineDeps(values, context, runFile), runId }, context.signal);
  return report(record, runFile, values, context);
}

/** `opro resume RUN.json`: continues a run; the key comes from the environment again, --steps may extend it. */
export async function resumeCommand(runFile: string, values: CliValues, context: CliContext): Promise<number> {
  const file = resolve(context.cwd, runFile);
  const steps = intFlag(values, 'steps');
  const apiKey = values['api-key'] ?? context.env.OPENAI_API_KEY;
  const withKey = <T extends object>(model: T): T => (apiKey === undefined ? model : { ...model, apiKey });
  const record = await resumeRun(
    file,
    {
      ...engineDeps(values, context, file),
      patchConfig: (config) => ({
        ...config,
        scorer: withKey(config.scorer),
        optimizer: withKey(config.optimizer),
        ...(steps === undefined ? {} : { steps }),
      }),
    },
    context.signal,
  );
  return report(record, file, values, context);
}
