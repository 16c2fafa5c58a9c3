import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { newRunId } from '../../core/run/newRunState';
import { listRuns, type RunSummary } from '../../core/store/listRuns';

/**
 * Where runs live: `<root>/.opro/runs/<id>.json` (and the files beside it), with the response cache in
 * `<root>/.opro/cache/`. `root` is the workspace folder (or the extension's storage when no folder is open).
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

  /** Every readable run, newest first, from the headers alone. Files that are not runs are skipped. */
  list(): Promise<RunSummary[]> {
    return listRuns(this.runsDir);
  }

  /** The file of run `runId`, when it is saved here. */
  async fileOf(runId: string): Promise<string | undefined> {
    return (await this.list()).find((s) => s.runId === runId)?.file;
  }
}
