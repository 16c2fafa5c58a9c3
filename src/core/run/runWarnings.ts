import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { RunConfig } from '../config';
import type { RunRecord, RunWarning } from '../runRecord';
import { estimateTokens } from './objective';

/** Prompts larger than this (UTF-8 bytes) get a warning before the run. @default 8 KB */
export const DEFAULT_PROMPT_WARNING_BYTES = 8192;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * A warning for each seed prompt over `config.promptWarningBytes`, with what it costs per step: it
 * rides along in every optimizer call of every step (the meta-prompt shows the best instructions),
 * and scoring a prompt that long sends it with every training row.
 */
export function longPromptWarnings(config: RunConfig, trainRows: number): RunWarning[] {
  const limit = config.promptWarningBytes ?? DEFAULT_PROMPT_WARNING_BYTES;
  if (limit === 0) {
    return [];
  }
  return config.seedInstructions.flatMap((prompt, i) => {
    const bytes = Buffer.byteLength(prompt, 'utf8');
    if (bytes <= limit) {
      return [];
    }
    const tokens = estimateTokens(prompt);
    const name = config.seedInstructions.length === 1 ? 'The prompt' : `Prompt ${i + 1}`;
    const candidates = config.candidatesPerStep;
    const longCandidates =
      [...prompt].length <= config.maxInstructionLength
        ? ` Candidates as long as it would cost another ≈${count(tokens * trainRows * candidates)} tokens per step to score (${candidates} × ${trainRows} rows).`
        : ` New candidates over ${config.maxInstructionLength} characters are rejected, so the optimizer's proposals will be shorter.`;
    const message =
      `${name} is ${kilobytes(bytes)} (≈${count(tokens)} tokens), over the ${kilobytes(limit)} warning size. ` +
      `Scoring it sends it with each of the ${trainRows} training rows (≈${count(tokens * trainRows)} prompt tokens), ` +
      `and every step repeats it in the ${candidates} optimizer calls (≈${count(tokens * candidates)} tokens per step).${longCandidates}`;
    return [{ kind: 'longPrompt' as const, message, fix: 'Shorten it if that cost matters.' }];
  });
}

async function fingerprintOf(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/**
 * On resume: whether the dataset file still holds the rows the run was started on (its fingerprint
 * is in the run). Either way the run goes on with the rows saved in the run file, so its scores stay
 * comparable; the warning says so.
 */
export async function datasetChangeWarning(record: Pick<RunRecord, 'dataset' | 'examples'>): Promise<RunWarning | undefined> {
  const { file, fingerprint } = record.dataset;
  const now = await fingerprintOf(file);
  if (now === fingerprint) {
    return undefined;
  }
  const rows = `the ${record.examples.length} rows saved in the run file`;
  return now === undefined
    ? { kind: 'datasetMissing', message: `${file} cannot be read any more; the run goes on with ${rows}.` }
    : {
        kind: 'datasetChanged',
        message: `${file} changed since this run started (its fingerprint differs); the run goes on with ${rows}, so its scores stay comparable.`,
        fix: 'Start a new run to use the file as it is now.',
      };
}
