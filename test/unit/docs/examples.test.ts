import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadDataset } from '../../../src/core/dataset/loadDataset';
import { detectMetricKind } from '../../../src/core/metrics/detectMetric';

const DATASETS = join(__dirname, '..', '..', '..', 'examples', 'datasets');

describe('the example datasets', () => {
  const cases: [string, string, string][] = [
    ['word-problems.jsonl', 'number', 'question'],
    ['capitals.csv', 'choice', 'question'],
    ['reviews.tsv', 'boolean', 'text'],
    ['support-replies.jsonl', 'contains', 'input'],
  ];
  for (const [file, metric, input] of cases) {
    it(`${file} loads with detected columns and the ${metric} metric`, async () => {
      const dataset = await loadDataset(join(DATASETS, file));
      assert.equal(dataset.inputColumn, input);
      assert.ok(dataset.examples.length >= 12);
      assert.equal(detectMetricKind(dataset.examples.map((e) => e.target)), metric);
    });
  }
});
