import { evaluateInstructions } from '../../core/engine';
import { runConfigFromFlags } from '../runConfigFromFlags';
import { EXIT, type CliContext } from '../cliContext';
import type { CliValues } from '../options';
import { cacheDirOf } from './optimize';
import { terminalSafe } from '../terminalText';

/** `opro eval`: scores each --prompt on every row (no split unless --train/--validation say so). */
export async function evalCommand(values: CliValues, context: CliContext): Promise<number> {
  const config = runConfigFromFlags(values, context.env, context.cwd);
  const cacheDir = cacheDirOf(values, context.cwd);
  const scored = await evaluateInstructions(config, config.seedInstructions, cacheDir === undefined ? {} : { cacheDir }, context.signal);
  if (context.signal.aborted) {
    return EXIT.cancelled;
  }
  const rows = scored.map((c) => ({ instruction: c.instruction, score: c.score, correct: c.correct, total: c.total }));
  if (values.json === true) {
    context.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    for (const row of rows) {
      context.stdout.write(`${(row.score * 100).toFixed(1)}%  ${row.correct}/${row.total}  ${terminalSafe(row.instruction.replace(/\s+/g, ' ').slice(0, 100))}\n`);
    }
  }
  return EXIT.ok;
}
