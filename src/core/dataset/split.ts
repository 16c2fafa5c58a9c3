import { OproError } from '../errors';
import { createRandom, mixSeed, shuffled } from '../random';
import type { DatasetSplit, SplitOptions } from './types';

// Keeps the split's random stream apart from the other uses of the run seed.
const SPLIT_STREAM = 0x5917;

/**
 * Splits `count` rows into validation and training indices with a seeded shuffle:
 * the same seed always gives the same split. Validation is drawn first, then
 * training from the rest. A size that is an integer ≥ 1 is a row count; one in
 * (0, 1) is a fraction of `count`, rounded but at least 1. Both lists are sorted.
 *
 * @throws {OproError} kind `config` when a size or the seed is invalid, or when
 * training and validation together need more rows than `count`.
 */
export function splitDataset(count: number, options: SplitOptions): DatasetSplit {
  if (!Number.isInteger(count) || count < 0) {
    throw configError(`Expected the row count to be an integer >= 0, got \`${String(count)}\``);
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) {
    throw configError(`Expected \`seed\` to be an integer, got \`${String(seed)}\``);
  }
  const validation = resolveSize('validation', options.validation, count) ?? 0;
  if (validation > count) {
    throw tooManyRows(`got ${validation} validation`, count);
  }
  const train = resolveSize('train', options.train, count) ?? count - validation;
  if (train + validation > count) {
    throw tooManyRows(`got ${train} + ${validation} = ${train + validation}`, count);
  }
  const order = shuffled(
    Array.from({ length: count }, (_, index) => index),
    createRandom(mixSeed(seed, SPLIT_STREAM)),
  );
  return {
    train: sortAscending(order.slice(validation, validation + train)),
    validation: sortAscending(order.slice(0, validation)),
  };
}

/** Rows a size option stands for, or undefined when it is not set. */
function resolveSize(name: 'train' | 'validation', value: number | undefined, count: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (Number.isInteger(value) && value >= 0) {
    return value;
  }
  if (Number.isFinite(value) && value > 0 && value < 1) {
    return count === 0 ? 0 : Math.max(1, Math.round(value * count));
  }
  throw configError(
    `Expected \`${name}\` to be a count >= 0 or a fraction in (0, 1), got \`${String(value)}\``,
    `Set \`${name}\` to a whole number of rows, such as 50, or a fraction, such as 0.2`,
  );
}

function tooManyRows(asked: string, count: number): OproError {
  return configError(
    `Expected \`train\` + \`validation\` to fit in the dataset, ${asked} rows but the file has ${count} row${count === 1 ? '' : 's'}`,
    'Lower `train` or `validation`, or give them as fractions such as 0.8 and 0.2',
  );
}

function sortAscending(indices: number[]): number[] {
  return indices.sort((a, b) => a - b);
}

function configError(message: string, hint?: string): OproError {
  return new OproError('config', message, hint === undefined ? {} : { hint });
}
