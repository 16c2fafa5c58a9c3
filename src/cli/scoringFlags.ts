import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GraderConfig, RunConfig } from '../core/config';
import { OproError } from '../core/errors';
import type { MetricKind, MetricOptions } from '../core/metrics/types';
import { type CliValues } from './options';

function readRubric(file: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new OproError('config', `${file}: cannot read the rubric (${(err as Error).message}).`, { hint: 'Pass a text file with --rubric FILE.' });
  }
}

/**
 * `--metric` and its companions: a rule metric (`--fields` for json), `judge` (`--rubric FILE`,
 * `--judge-model M`) or `custom` (`--scorer FILE`).
 */
export function scoringFromFlags(values: CliValues, cwd: string): Pick<Partial<RunConfig>, 'metric' | 'grader' | 'judge'> {
  const kind = values.metric;
  if (kind === 'judge') {
    if (values.rubric === undefined) {
      throw new OproError('config', '--metric judge needs --rubric FILE (what a good answer looks like).');
    }
    const grader: GraderConfig = { kind: 'judge', rubric: readRubric(values.rubric, cwd) };
    return { grader, ...(values['judge-model'] === undefined ? {} : { judge: { model: values['judge-model'], temperature: 0, maxTokens: 256 } }) };
  }
  if (kind === 'custom') {
    if (values.scorer === undefined) {
      throw new OproError('config', '--metric custom needs --scorer FILE (a .js or .mjs module exporting score()).');
    }
    return { grader: { kind: 'custom', module: resolve(cwd, values.scorer) } };
  }
  if (kind === undefined) {
    return {};
  }
  const fields = values.fields?.split(',').map((f) => f.trim()).filter((f) => f !== '');
  const metric: MetricOptions = { kind: kind as MetricKind, ...(fields === undefined ? {} : { fields }) };
  return { metric };
}
