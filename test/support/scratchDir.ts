import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh temp folder that is deleted when the test run ends (see `mochaHooks`). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Mocha root hooks (loaded through .mocharc.json `require`): remove every scratch folder at the end. */
export const mochaHooks = {
  afterAll(): void {
    for (const dir of made.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
