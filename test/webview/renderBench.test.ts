import assert from 'node:assert/strict';
import { PanelHarness } from './harness';
import { measurePanelRender } from './renderBench';

describe('the run panel with a 2,000-candidate run', () => {
  let harness: PanelHarness;

  before(async () => {
    harness = await PanelHarness.start();
  });
  after(async () => {
    await harness.stop();
  });

  it('renders the first page of rows and prints the time it took (measured, not asserted)', async () => {
    const measure = await measurePanelRender({ candidates: 2000, harness });
    assert.equal(measure.candidates, 2001);
    assert.equal(measure.rows, 200, 'one page of rows; "Show more" adds the rest');
    console.log(
      `      render of ${measure.candidates} candidates: ${measure.renderMs.toFixed(0)} ms (of which cloning the message ${measure.cloneMs.toFixed(0)} ms); a live batch of 8: ${measure.batchMs.toFixed(0)} ms`,
    );
  });
});
