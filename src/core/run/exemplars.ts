import type { RunConfig } from '../config';
import { createRandom, mixSeed, shuffled } from '../random';
import type { RunState } from '../store/logEntry';
import type { RunStore } from '../store/runStore';
import { bestCandidate } from './history';

/**
 * The training rows shown in a step's meta-prompt: a seeded random draw (the same for the same
 * seed and step), or under `failures` rows the best instruction gets wrong (read back from the run
 * store), topped up at random.
 */
export async function pickExemplars(record: Pick<RunState, 'train' | 'candidates'>, config: RunConfig, step: number, store: RunStore): Promise<number[]> {
  const count = Math.min(config.exemplarsPerStep, record.train.length);
  const random = createRandom(mixSeed(config.seed, step, 0xe8e));
  const pool = shuffled(record.train, random);
  if (config.exemplarSelection !== 'failures') {
    return pool.slice(0, count);
  }
  const best = bestCandidate(record);
  const results = best === undefined ? [] : await store.results(best.id, 'train');
  const wrong = new Set(results.filter((r) => !r.correct).map((r) => r.example));
  const failing = pool.filter((row) => wrong.has(row));
  const others = pool.filter((row) => !wrong.has(row));
  return [...failing, ...others].slice(0, count);
}
