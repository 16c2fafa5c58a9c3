// Loads one dataset file and prints `{ rows, loadMs, baselineRssMb, peakRssMb }` as JSON: run in its
// own process by figures/datasetLoad.ts, so the peak RSS is this load's alone.
import { loadDataset } from '../src/core/dataset/loadDataset';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const path = process.argv[2];
  if (path === undefined) {
    throw new Error('Usage: datasetLoadProcess.ts <dataset file>');
  }
  const baselineRssMb = process.memoryUsage().rss / MB;
  const started = performance.now();
  const dataset = await loadDataset(path);
  const loadMs = performance.now() - started;
  // maxRSS is in KB: the high-water mark of the whole process, imports included.
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
  console.log(JSON.stringify({ rows: dataset.examples.length, loadMs, baselineRssMb, peakRssMb }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
