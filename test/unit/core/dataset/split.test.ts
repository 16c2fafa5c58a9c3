import assert from 'node:assert/strict';
import { splitDataset } from '../../../../src/core/dataset';
import { OproError } from '../../../../src/core/errors';

function assertConfigError(run: () => unknown, message: string): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof OproError);
    assert.equal(err.kind, 'config');
    assert.equal(err.message, message);
    return true;
  });
}

describe('splitDataset: sizes and order', () => {
  it('gives the same split for the same seed', () => {
    assert.deepEqual(splitDataset(50, { validation: 10, seed: 7 }), splitDataset(50, { validation: 10, seed: 7 }));
  });

  it('gives a different split for a different seed', () => {
    assert.notDeepEqual(splitDataset(50, { validation: 10, seed: 7 }).validation, splitDataset(50, { validation: 10, seed: 8 }).validation);
  });

  it('sorts both parts, keeps them disjoint and by default trains on every other row', () => {
    const { train, validation } = splitDataset(20, { validation: 5, seed: 3 });
    assert.equal(validation.length, 5);
    assert.equal(train.length, 15);
    assert.deepEqual([...train, ...validation].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
    assert.deepEqual(train, [...train].sort((a, b) => a - b));
    assert.deepEqual(validation, [...validation].sort((a, b) => a - b));
  });

  it('shuffles rather than taking the first rows', () => {
    const { validation } = splitDataset(100, { validation: 10, seed: 0 });
    assert.notDeepEqual(validation, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('puts every row in train when no sizes are given', () => {
    assert.deepEqual(splitDataset(4, {}), { train: [0, 1, 2, 3], validation: [] });
  });

  it('draws validation first, so a smaller train keeps the same validation rows', () => {
    const full = splitDataset(30, { validation: 6, seed: 11 });
    const small = splitDataset(30, { validation: 6, train: 10, seed: 11 });
    assert.deepEqual(small.validation, full.validation);
    assert.equal(small.train.length, 10);
    assert.ok(small.train.every((index) => full.train.includes(index)));
  });

  it('reads a size in (0, 1) as a rounded fraction of the rows', () => {
    const split = splitDataset(10, { train: 0.5, validation: 0.26 });
    assert.equal(split.train.length, 5);
    assert.equal(split.validation.length, 3);
  });

  it('rounds a small fraction up to one row', () => {
    assert.equal(splitDataset(10, { validation: 0.01 }).validation.length, 1);
  });

  it('reads 1 as one row, not the whole dataset', () => {
    assert.equal(splitDataset(10, { validation: 1 }).validation.length, 1);
  });

  it('gives empty parts for an empty dataset', () => {
    assert.deepEqual(splitDataset(0, { validation: 0.5 }), { train: [], validation: [] });
  });
});

describe('splitDataset: errors', () => {
  for (const value of [-2, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`rejects a validation size of ${value} with a config error`, () => {
      assertConfigError(
        () => splitDataset(10, { validation: value }),
        `Expected \`validation\` to be a count >= 0 or a fraction in (0, 1), got \`${value}\``,
      );
    });
  }

  it('rejects a train size that is neither a count nor a fraction', () => {
    assertConfigError(
      () => splitDataset(10, { train: 2.5 }),
      'Expected `train` to be a count >= 0 or a fraction in (0, 1), got `2.5`',
    );
  });

  it('rejects train and validation that need more rows than the file has', () => {
    assertConfigError(
      () => splitDataset(10, { train: 8, validation: 3 }),
      'Expected `train` + `validation` to fit in the dataset, got 8 + 3 = 11 rows but the file has 10 rows',
    );
  });

  it('rejects a validation count larger than the dataset', () => {
    assert.throws(() => splitDataset(1, { validation: 2 }), /the file has 1 row$/);
  });

  it('rejects a seed that is not an integer', () => {
    assertConfigError(() => splitDataset(10, { seed: 0.5 }), 'Expected `seed` to be an integer, got `0.5`');
  });
});
