import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { runPaths } from './runPaths';

/** Deletes temp files a killed writer left beside a run's files (`run.json.<pid>.tmp`, `run.log.jsonl.<pid>.tmp`, …). */
export async function removeStaleTempFiles(runFile: string): Promise<void> {
  const prefixes = Object.values(runPaths(runFile)).map((file) => `${basename(file)}.`);
  const dir = dirname(runFile);
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.endsWith('.tmp') && prefixes.some((p) => n.startsWith(p)));
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
}
