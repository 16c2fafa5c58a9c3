import { parentPort } from 'node:worker_threads';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { LoadDatasetOptions } from '../../src/core/dataset/types';
import { DatasetError } from '../../src/core/errors';

/** A request to the worker: load one file. */
export interface LoadRequest {
  id: number;
  path: string;
  options: LoadDatasetOptions;
}

/** What loading one file gave, as plain data that crosses the thread boundary. */
export type LoadOutcome =
  | { ok: true; dataset: Awaited<ReturnType<typeof loadDataset>>; serializedLength: number }
  | { ok: false; isDatasetError: boolean; name: string; message: string; line: number | undefined; file: string | undefined; stack: string };

async function load(request: LoadRequest): Promise<LoadOutcome> {
  try {
    const dataset = await loadDataset(request.path, request.options);
    // A run saves its examples as JSON, so the dataset must serialize.
    return { ok: true, dataset, serializedLength: JSON.stringify(dataset).length };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    const isDatasetError = err instanceof DatasetError;
    return {
      ok: false,
      isDatasetError,
      name: error.name,
      message: error.message,
      line: isDatasetError ? err.line : undefined,
      file: isDatasetError ? err.file : undefined,
      stack: error.stack ?? '',
    };
  }
}

parentPort?.on('message', (request: LoadRequest) => {
  void load(request).then((outcome) => parentPort?.postMessage({ id: request.id, outcome }));
});
