import assert from 'node:assert/strict';
import { detectMetricKind } from '../../../../src/core/metrics/detectMetric';

describe('detectMetricKind', () => {
  it('picks `number` when every target is numeric after dropping `$ , %`', () => {
    assert.equal(detectMetricKind(['72', '$1,234.50', '-3', '15%', '3/4', '.5']), 'number');
  });
  it('picks `choice` for option letters in any form', () => {
    assert.equal(detectMetricKind(['A', '(B)', 'c', '(d)']), 'choice');
  });
  it('picks `boolean` for yes/no, true/false, valid/invalid and 1/0 words', () => {
    assert.equal(detectMetricKind(['Yes', 'no']), 'boolean');
    assert.equal(detectMetricKind(['valid', 'invalid', 'True']), 'boolean');
    assert.equal(detectMetricKind(['yes', '0']), 'boolean');
  });
  it('picks `number` when the targets are only 1 and 0', () => {
    assert.equal(detectMetricKind(['1', '0']), 'number');
  });
  it('picks `exact` for short free-text targets', () => {
    assert.equal(detectMetricKind(['Paris', 'New York City', 'the Eiffel Tower']), 'exact');
  });
  it('picks `contains` for long free-text targets', () => {
    assert.equal(detectMetricKind(['The mitochondria is the powerhouse of the cell', 'Water boils at one hundred degrees here']), 'contains');
  });
  it('does not pick a specific kind for a mixture', () => {
    assert.equal(detectMetricKind(['12', 'A']), 'exact');
    assert.equal(detectMetricKind(['yes', 'B']), 'exact');
  });
  it('picks `exact` for an empty list or only blank targets', () => {
    assert.equal(detectMetricKind([]), 'exact');
    assert.equal(detectMetricKind(['', '  ']), 'exact');
  });
  it('ignores blank targets among real ones', () => {
    assert.equal(detectMetricKind(['4', '']), 'number');
  });
  it('handles curly apostrophes', () => {
    assert.equal(detectMetricKind(['it’s', 'don’t']), 'exact');
  });
});
