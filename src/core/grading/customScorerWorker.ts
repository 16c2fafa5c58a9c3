/**
 * The source of the worker that runs a workspace's custom scorer, kept apart from the extension host
 * so a throw, a hang or a crash in user code never takes the run down. Evaluated as CommonJS.
 */
export const CUSTOM_SCORER_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const loaded = import(pathToFileURL(workerData.file).href).then((mod) => {
  const fn = typeof mod.score === 'function' ? mod.score
    : mod.default && typeof mod.default.score === 'function' ? mod.default.score
    : typeof mod.default === 'function' ? mod.default : undefined;
  if (fn === undefined) {
    throw new Error('it does not export a function named score');
  }
  return fn;
});
parentPort.on('message', async (message) => {
  try {
    const score = await loaded;
    const value = await score(message.args);
    parentPort.postMessage({ value: JSON.parse(JSON.stringify(value === undefined ? null : value)) });
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
`;
