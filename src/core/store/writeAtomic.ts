import { basename, dirname, join } from 'node:path';
import type { StoreFs } from './storeFs';
import { storageError } from './storageError';

/** The temp file a writer uses beside `file` (`run.json.<pid>.tmp`). */
export function tempFileOf(file: string): string {
  return join(dirname(file), `${basename(file)}.${process.pid}.tmp`);
}

/**
 * Replaces `file` with `text` atomically (temp file + rename): a crash leaves the old file or the new
 * one, never half of one. On failure the temp file is removed and a storage error names `file`.
 */
export async function writeAtomic(fs: StoreFs, file: string, text: string): Promise<void> {
  const temp = tempFileOf(file);
  try {
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp).catch(() => undefined);
    throw storageError(file, err);
  }
}
