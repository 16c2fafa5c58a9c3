import { startRun } from '../src/core/engine';
import { syntheticConfig, syntheticWorkspace } from '../test/support/syntheticRun';
import { startServerChild } from './serverChild';
async function main(): Promise<void> {
  const server = await startServerChild({ latencyMs: 20 });
  const ws = syntheticWorkspace(100, 7);
  for (let k = 0; k < 2; k++) {
  const t0 = performance.now();
  let n = 0;
  await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 10, candidatesPerStep: 8, concurrency: 16, seed: 1 }), {
    onEvent: (e) => { if (e.type !== 'candidateScored') console.log(`${(performance.now() - t0).toFixed(0)} ${e.type} ${'step' in e ? JSON.stringify(e.step).slice(0, 20) : ''} calls=${n}`); },
    onLog: () => { n++; },
  });
  console.log('total', (performance.now() - t0).toFixed(0));
  }
  await server.close();
}
void main();
