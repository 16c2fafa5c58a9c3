import { resolve } from 'node:path';
import { evaluateInstructions } from '../../core/engine';
import { readRunView } from '../../core/store/readRun';
import { OproError } from '../../core/errors';
import type { RunEvent } from '../../core/events';
import type { ScoredCandidate } from '../../core/runRecord';
import type { RunView } from '../../core/runView';
import { scoreInterval } from '../../core/stats/scoreInterval';
import { runConfigFromFlags } from '../runConfigFromFlags';
import { EXIT, type CliContext } from '../cliContext';
import { checkGate, type GateBars } from '../evalGate';
import { numberFlag, signedNumberFlag, type CliValues } from '../options';
import { cacheDirOf, type RunListener } from './optimize';
import { terminalSafe } from '../terminalText';

/** The scored prompts and the run they were scored in (for its dataset fingerprint). */
export interface Evaluation {
  scored: ScoredCandidate[];
  record: RunView | undefined;
}

/** Scores each --prompt on every row (no split unless --train/--validation say so); `--out` saves the run. */
export async function evaluate(values: CliValues, context: CliContext, onEvent?: RunListener): Promise<Evaluation> {
  const config = runConfigFromFlags(values, context.env, context.cwd);
  const cacheDir = cacheDirOf(values, context.cwd);
  let record: RunView | undefined;
  const deps = {
    ...(cacheDir === undefined ? {} : { cacheDir }),
    ...(values.out === undefined ? {} : { runFile: resolve(context.cwd, values.out) }),
    onWarning: (message: string) => context.stderr.write(`opro: warning: ${terminalSafe(message)}\n`),
    onEvent: (event: RunEvent) => {
      if (event.type === 'runStarted') {
        record = event.record;
      }
      onEvent?.(event);
    },
  };
  const scored = await evaluateInstructions(config, config.seedInstructions, deps, context.signal);
  return { scored, record };
}

/** `opro eval`: prints each prompt's score; `--min-score` / `--min-improvement` exit 1 below the bar. */
export async function evalCommand(values: CliValues, context: CliContext): Promise<number> {
  const bars = await readBars(values, context.cwd);
  const { scored, record } = await evaluate(values, context);
  if (context.signal.aborted) {
    return EXIT.cancelled;
  }
  printScores(scored, values.json === true, context);
  if (bars.minScore === undefined && bars.baseline === undefined) {
    return EXIT.ok;
  }
  const dataset = { fingerprint: record?.dataset.fingerprint ?? '', rows: scored[0]?.total ?? 0 };
  const verdict = checkGate(scored, bars, dataset);
  verdict.notes.forEach((note) => context.stderr.write(`${note}\n`));
  verdict.failures.forEach((failure) => context.stderr.write(`opro: gate failed: ${failure}\n`));
  if (verdict.failures.length === 0) {
    context.stderr.write(`gate passed: ${scored.length} prompt(s) meet the bar.\n`);
  }
  return verdict.failures.length > 0 ? EXIT.failed : EXIT.ok;
}

function printScores(scored: readonly ScoredCandidate[], isJson: boolean, context: CliContext): void {
  const rows = scored.map((c) => ({ instruction: c.instruction, score: c.score, correct: c.correct, total: c.total, ci95: scoreInterval(c) ?? null }));
  if (isJson) {
    context.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  for (const row of rows) {
    const interval = row.ci95 === null ? '' : `  [${(row.ci95[0] * 100).toFixed(1)}, ${(row.ci95[1] * 100).toFixed(1)}]`;
    context.stdout.write(`${(row.score * 100).toFixed(1)}%  ${row.correct}/${row.total}${interval}  ${terminalSafe(row.instruction.replace(/\s+/g, ' ').slice(0, 100))}\n`);
  }
}

/** Reads the bars before any call is paid, so a bad baseline file or flag costs nothing. */
async function readBars(values: CliValues, cwd: string): Promise<GateBars> {
  const minScore = numberFlag(values, 'min-score');
  if (minScore !== undefined && minScore > 1) {
    throw new OproError('config', `Expected --min-score to be a score in [0, 1], got \`${minScore}\` (write 70% as 0.7).`);
  }
  const minImprovement = signedNumberFlag(values, 'min-improvement');
  if (minImprovement !== undefined && values.baseline === undefined) {
    throw new OproError('config', '--min-improvement needs --baseline RUN.json: the run to improve on (e.g. `opro eval --out base.json` on the old prompt).');
  }
  const baseline = values.baseline === undefined ? undefined : { file: resolve(cwd, values.baseline), record: (await readRunView(resolve(cwd, values.baseline))).view };
  return { ...(minScore === undefined ? {} : { minScore }), ...(minImprovement === undefined ? {} : { minImprovement }), ...(baseline === undefined ? {} : { baseline }) };
}
