import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bestCandidate } from '../../core/ranking';
import { newRunId } from '../../core/run/newRecord';
import type { RunRecord, RunStatus } from '../../core/runRecord';

/** A saved run as "Show Runs" lists it. */
export interface RunSummary {
  runId: string;
  file: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** The prompt the run started from. */
  prompt: string;
  /** Best training score in [0, 1]; undefined before anything was scored. */
  bestScore: number | undefined;
  steps: number;
  totalSteps: number;
}

/**
 * Where runs live: `<root>/.opro/runs/<name>.json`, with the response cache in `<root>/.opro/cache/`.
 * `root` is the workspace folder (or the extension's storage when no folder is open).
 */
export class RunFiles {
  readonly runsDir: string;
  readonly cacheDir: string;

  constructor(root: string) {
    this.runsDir = join(root, '.opro', 'runs');
    this.cacheDir = join(root, '.opro', 'cache');
  }

  /** A fresh file path for a new run, named after its run id (`20261122-031502-a1b2c3.json`), so they sort by time. */
  async newRunFile(now = new Date()): Promise<string> {
    await mkdir(this.runsDir, { recursive: true });
    return join(this.runsDir, `${newRunId(now)}.json`);
  }

  /** Every readable run, newest first. Files that are not runs are skipped. */
  async list(): Promise<RunSummary[]> {
    let names: string[];
    try {
      names = (await readdir(this.runsDir)).filter((name) => name.endsWith('.json'));
    } catch {
      return [];
    }
    const summaries = await Promise.all(names.map((name) => readSummary(join(this.runsDir, name))));
    return summaries.flatMap((s) => (s === undefined ? [] : [s])).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The file of run `runId`, when it is saved here. */
  async fileOf(runId: string): Promise<string | undefined> {
    return (await this.list()).find((s) => s.runId === runId)?.file;
  }
}

async function readSummary(file: string): Promise<RunSummary | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as RunRecord;
    if (record.version !== 1 || typeof record.id !== 'string' || !Array.isArray(record.candidates)) {
      return undefined;
    }
    return summarize(record, file);
  } catch {
    return undefined;
  }
}

export function summarize(record: RunRecord, file: string): RunSummary {
  return {
    runId: record.id,
    file,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    status: record.status,
    prompt: record.config.seedInstructions[0] ?? '',
    bestScore: bestCandidate(record.candidates)?.score,
    steps: record.steps.filter((s) => s.done).length,
    totalSteps: record.config.steps,
  };
}
