import { reportRunFile, type RunReport } from '../../core/run/runReport';
import { OproError } from '../../core/errors';
import { EXIT, type CliContext } from '../cliContext';
import { intFlag, type CliValues } from '../options';
import { repeatSummaryText, summarizeRepeats, type RepeatedRun } from '../repeatSummary';
import { terminalSafe } from '../terminalText';
import { formatScoreWith } from '../../core/stats/scoreInterval';
import { optimizeFromFlags } from './optimize';

/** A prompt on one line of a terminal: whitespace folded, at most 100 characters. */
function oneLine(prompt: string): string {
  const flat = terminalSafe(prompt).replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `"${flat.slice(0, 99)}…"` : `"${flat}"`;
}

function repeatedRun(seed: number, report: RunReport): RepeatedRun {
  const { best } = report;
  const validationScore = best?.validation?.score;
  return {
    seed,
    runFile: report.runFile,
    status: report.status,
    ...(best === null ? {} : { winner: { prompt: best.prompt, score: best.score, ...(validationScore === undefined ? {} : { validationScore }) } }),
  };
}

function runLine(seed: number, report: RunReport): string {
  const { best } = report;
  if (best === null) {
    return `seed ${seed}: ${report.status}, no best prompt (${report.runFile})`;
  }
  const where = best.validation === null ? `${formatScoreWith(best, best.ci95)} train` : `${formatScoreWith(best.validation, best.validation.ci95)} validation`;
  return `seed ${seed}: ${report.status}, best ${where} (${report.runFile})`;
}

/**
 * `opro optimize --repeat N`: N runs with the seeds --seed … --seed + N − 1 on the split of the first
 * (so every winner is scored on the same validation rows), one after another, each saved as usual.
 * Then the spread of the winner's validation score and how often each prompt won. Ctrl-C stops after
 * the run in progress is saved and sums up the runs so far.
 */
export async function repeatCommand(repeats: number, values: CliValues, context: CliContext): Promise<number> {
  if (values.out !== undefined) {
    throw new OproError('config', '--out names one run file; with --repeat each run is saved as .opro/runs/<run id>.json.');
  }
  const base = intFlag(values, 'seed') ?? 0;
  const reports: RunReport[] = [];
  const runs: RepeatedRun[] = [];
  for (let i = 0; i < repeats && context.signal?.aborted !== true; i++) {
    const seed = base + i;
    if (values.json !== true) {
      context.stderr.write(`opro: run ${i + 1} of ${repeats} (seed ${seed})\n`);
    }
    const ended = await optimizeFromFlags(values, context, undefined, (config) => ({ ...config, seed, dataset: { ...config.dataset, seed: base } }));
    const report = await reportRunFile(ended.record, ended.runFile);
    reports.push(report);
    runs.push(repeatedRun(seed, report));
    if (ended.record.status === 'cancelled') {
      break;
    }
  }
  const summary = summarizeRepeats(runs);
  if (values.json === true) {
    context.stdout.write(`${JSON.stringify({ runs: reports, summary })}\n`);
  } else {
    context.stdout.write(`${runs.map((run, i) => runLine(run.seed, reports[i] as RunReport)).join('\n')}\n\n${repeatSummaryText(summary, oneLine)}`);
  }
  return runs.length < repeats ? EXIT.cancelled : EXIT.ok;
}
