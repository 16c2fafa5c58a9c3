// `npm run bench [figure…]`: prints one JSON line per figure and writes bench/results.json and
// bench/RESULTS.md. Name figures (e.g. `npm run bench -- throughput`) to run only those; such a
// partial run prints its lines but leaves both files alone.
import { loadavg } from 'node:os';
import { adaptiveEvaluation } from './figures/adaptive';
import { bundleSizes } from './figures/bundles';
import { callOverhead } from './figures/callOverhead';
import { cpuBreakdown } from './figures/cpuBreakdown';
import { datasetLoading } from './figures/datasetLoad';
import { datasetPick } from './figures/datasetPick';
import { demonstrationsEffect } from './figures/demonstrations';
import { harnessFigures } from './figures/harness';
import { headerPacing } from './figures/headerPacing';
import { httpTransport } from './figures/httpTransport';
import { optimizationRun } from './figures/optimizationRun';
import { optimizerSamples } from './figures/optimizerSamples';
import { panelOpen } from './figures/panelOpen';
import { paperScale } from './figures/paperScale';
import { rateLimited } from './figures/rateLimit';
import { runsList } from './figures/runsList';
import { scoringThroughput } from './figures/throughput';
import { describeMachine } from './machine';
import { round, writeReports, type Emit, type Figure } from './report';

const FIGURES: Record<string, (emit: Emit) => Promise<void>> = {
  throughput: scoringThroughput,
  'call-overhead': callOverhead,
  'http-transport': httpTransport,
  'rate-limit': rateLimited,
  'header-pacing': headerPacing,
  'optimizer-samples': optimizerSamples,
  'optimization-run': optimizationRun,
  'cpu-breakdown': cpuBreakdown,
  'dataset-load': datasetLoading,
  'dataset-pick': datasetPick,
  bundles: bundleSizes,
  harness: harnessFigures,
  adaptive: adaptiveEvaluation,
  demonstrations: demonstrationsEffect,
  'paper-scale': paperScale,
  'panel-open': panelOpen,
  'runs-list': runsList,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => FIGURES[name] === undefined);
  if (unknown.length > 0) {
    throw new Error(`Unknown figure ${unknown.join(', ')}; expected some of ${Object.keys(FIGURES).join(', ')}`);
  }
  const figures: Figure[] = [];
  const emit: Emit = (figure) => {
    // Other work on the machine slows every timing; the 1-minute load average says how much there was.
    const line = { ...figure, load1: round(loadavg()[0] ?? 0, 2) };
    figures.push(line);
    console.log(JSON.stringify(line));
  };
  const started = performance.now();
  for (const [name, measure] of Object.entries(FIGURES)) {
    if (wanted.length > 0 && !wanted.includes(name)) {
      continue;
    }
    // One broken figure must not hide the others.
    await measure(emit).catch((err: unknown) => emit({ figure: name, error: err instanceof Error ? err.message : String(err) }));
  }
  if (wanted.length === 0) {
    writeReports(figures, describeMachine());
  }
  console.error(`bench: ${figures.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s; see bench/RESULTS.md`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
