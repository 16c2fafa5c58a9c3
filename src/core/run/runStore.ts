import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RunConfig } from '../config';
import type { ModelConfig } from '../llm/types';
import { OproError } from '../errors';
import type { RunRecord } from '../runRecord';

/** The config as saved: no API key, no headers (they may carry credentials). */
export function redactConfig(config: RunConfig): RunConfig {
  return {
    ...config,
    scorer: redactModel(config.scorer),
    optimizer: redactModel(config.optimizer),
    ...(config.judge === undefined ? {} : { judge: redactModel(config.judge) }),
  };
}

function redactModel(model: ModelConfig): ModelConfig {
  const { apiKey: _apiKey, headers: _headers, ...rest } = model;
  return rest;
}

/**
 * Writes a run file atomically (temp file + rename) so a crash never leaves half a file. Saves are
 * serialized; a save requested while one is writing is coalesced into one more write of the latest state.
 */
export class RunWriter {
  private writing: Promise<void> = Promise.resolve();
  private isQueued = false;

  constructor(
    readonly file: string,
    private readonly current: () => RunRecord,
  ) {}

  /** Schedules a write of the record's current state; resolves once it is on disk. */
  save(): Promise<void> {
    if (this.isQueued) {
      return this.writing;
    }
    this.isQueued = true;
    this.writing = this.writing.then(async () => {
      this.isQueued = false;
      await writeRunFile(this.file, this.current());
    });
    return this.writing;
  }
}

export async function writeRunFile(file: string, record: RunRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(record), 'utf8');
  await rename(temp, file);
}

/** Deletes temp files a killed writer left beside the run file (`run.json.<pid>.tmp`). */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const prefix = `${basename(file)}.`;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => rm(join(dirname(file), n), { force: true })));
}

/** Reads and checks a run file; rejects with an OproError naming the file when it is not a run. */
export async function readRunRecord(file: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new OproError('config', `${file}: cannot read the run file (${(err as Error).message}).`, {
      hint: 'Check the path of the run file.',
      cause: err,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new OproError('config', `${file}: the run file is not valid JSON (${(err as Error).message}).`, {
      hint: 'Pick a run file written by opro (.opro/runs/*.json).',
      cause: err,
    });
  }
  if (!isRunRecord(value)) {
    throw new OproError('config', `${file}: this is not an OPRO run file (version 1).`, {
      hint: 'Pick a run file written by opro (.opro/runs/*.json).',
    });
  }
  return value;
}

function isRunRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Partial<RunRecord>;
  return v.version === 1 && typeof v.id === 'string' && Array.isArray(v.candidates) && Array.isArray(v.steps) && typeof v.config === 'object';
}
