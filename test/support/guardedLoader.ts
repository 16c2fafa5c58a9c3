import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { LoadDatasetOptions } from '../../src/core/dataset/types';
import type { LoadOutcome, LoadRequest } from './datasetLoaderWorker';

export type { LoadOutcome };

const WORKER_BUNDLE = join(__dirname, '..', '..', 'out', 'hardening-worker', 'datasetLoaderWorker.js');
/** Heap the loader may use; past it the worker dies with an error instead of the test process. */
const WORKER_HEAP_MB = 1024;

/** How a guarded call ended when the loader never answered. */
export type LoaderFailure = { hung: true } | { crashed: string };

/** `loadDataset` in a worker thread, so a call that never returns (even a busy loop) can be stopped. */
export interface GuardedLoader {
  /** Loads the file; `{ hung }` once `limitMs` pass, `{ crashed }` if the worker died (it is then replaced). */
  load(path: string, options: LoadDatasetOptions): Promise<LoadOutcome | LoaderFailure>;
  close(): Promise<void>;
}

function newWorker(): Worker {
  return new Worker(WORKER_BUNDLE, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}

/** Bundles the worker (the loader as the CLI ships it) and starts it. Calls must not overlap. */
export async function startGuardedLoader(limitMs: number): Promise<GuardedLoader> {
  await build({ entryPoints: [join(__dirname, 'datasetLoaderWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: WORKER_BUNDLE, logLevel: 'error' });
  let worker = newWorker();
  let nextId = 0;
  const load = (path: string, options: LoadDatasetOptions): Promise<LoadOutcome | LoaderFailure> => {
    const id = nextId++;
    const current = worker;
    return new Promise((resolve) => {
      const settle = (outcome: LoadOutcome | LoaderFailure, shouldReplace: boolean): void => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        if (shouldReplace) {
          worker = newWorker();
          void current.terminate();
        }
        resolve(outcome);
      };
      const onMessage = (message: { id: number; outcome: LoadOutcome }): void => {
        if (message.id === id) {
          settle(message.outcome, false);
        }
      };
      const onError = (err: Error): void => settle({ crashed: err.message }, true);
      const timer = setTimeout(() => settle({ hung: true }, true), limitMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.postMessage({ id, path, options } satisfies LoadRequest);
    });
  };
  return {
    load,
    close: async () => {
      await worker.terminate();
    },
  };
}
