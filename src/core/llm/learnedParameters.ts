import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ParameterFix, ParameterFixes, ParameterStore } from './types';

interface MemoryFile {
  version: 1;
  /** Keyed by `LlmClient.id` (endpoint and model). */
  models: Record<string, ParameterFixes>;
}

/**
 * What each endpoint and model refused, learned from their 400s: every client of a run reads it
 * before building a request, so after the first refusal no request carries that parameter again.
 * With a file (next to the response cache) it outlives the run. Never holds a key.
 */
export class ParameterMemory implements ParameterStore {
  readonly #models = new Map<string, ParameterFixes>();
  readonly #file: string | undefined;
  #writing: Promise<void> = Promise.resolve();
  /** The last write that failed, if any (the fixes stay in memory for this run). */
  writeError: unknown = undefined;

  constructor(initial: Record<string, ParameterFixes> = {}, file?: string) {
    for (const [key, fixes] of Object.entries(initial)) {
      this.#models.set(key, { ...fixes });
    }
    this.#file = file;
  }

  /** The fixes for one endpoint and model (a copy). */
  fixesFor(clientId: string): ParameterFixes {
    return { ...this.#models.get(clientId) };
  }

  /** Records a fix; false when it was already known. Saves the file in the background when there is one. */
  learn(clientId: string, fix: ParameterFix): boolean {
    const fixes = this.#models.get(clientId) ?? {};
    if (fix.parameter in fixes && fixes[fix.parameter] === fix.replacement) {
      return false;
    }
    fixes[fix.parameter] = fix.replacement;
    this.#models.set(clientId, fixes);
    this.#save();
    return true;
  }

  /** Resolves once every save asked for so far is on disk (or failed). */
  flushed(): Promise<void> {
    return this.#writing;
  }

  toJSON(): MemoryFile {
    return { version: 1, models: Object.fromEntries(this.#models) };
  }

  #save(): void {
    const file = this.#file;
    if (file === undefined) {
      return;
    }
    const text = JSON.stringify(this.toJSON(), null, 2);
    this.#writing = this.#writing.then(async () => {
      try {
        await mkdir(dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, text, 'utf8');
        await rename(temp, file);
      } catch (err) {
        this.writeError = err;
      }
    });
  }
}

function isFixes(value: unknown): value is ParameterFixes {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => v === null || typeof v === 'string');
}

/** Opens the memory kept in `file` (an absent, unreadable or foreign file starts empty). */
export async function openParameterMemory(file: string): Promise<ParameterMemory> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return new ParameterMemory({}, file);
  }
  const models = (parsed as Partial<MemoryFile> | null)?.models;
  const valid = typeof models === 'object' && models !== null ? Object.fromEntries(Object.entries(models).filter(([, v]) => isFixes(v))) : {};
  return new ParameterMemory(valid, file);
}
