import { appendFile, mkdir, open, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import type { StoreFs } from '../engineDeps';

export type { StoreFs };

/** Node's `fs`: what a run store writes with unless a test injects a failing one. */
export const nodeStoreFs: StoreFs = {
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
  writeFile: (file, text) => writeFile(file, text, 'utf8'),
  appendFile: (file, text) => appendFile(file, text, 'utf8'),
  rename: (from, to) => rename(from, to),
  rm: (file) => rm(file, { force: true }),
  truncate: (file, length) => truncate(file, length),
  size: async (file) => {
    try {
      return (await stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw err;
    }
  },
  readBytes: async (file, offset, length) => {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
};
