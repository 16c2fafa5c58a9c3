import assert from 'node:assert/strict';
import type { RunRecord } from '../../src/core/runRecord';
import type { ToHost } from '../../src/webview/protocol';
import { makeRunRecord } from './fixtures';
import { PanelHarness, type PanelPage } from './harness';
import { bestFirst, textOf } from './queries';

interface ActionCase {
  name: string;
  record?: RunRecord;
  isLive?: boolean;
  act: (panel: PanelPage) => Promise<void>;
  expected: (record: RunRecord) => Omit<ToHost, 'requestId'>;
}

const finished = makeRunRecord({ steps: 4 });
const best = (record: RunRecord): string => bestFirst(record.candidates)[0]!.instruction;
/** Failures come first, train and validation together, by example index. */
function firstFailure(record: RunRecord): number {
  const top = bestFirst(record.candidates)[0]!;
  const results = [...top.results, ...(top.validation?.results ?? [])].filter((x) => !x.correct);
  return Math.min(...results.map((x) => x.example));
}
const click = (selector: string) => (panel: PanelPage) => panel.page.click(selector);

const cases: ActionCase[] = [
  { name: 'Insert on the first row inserts the best instruction', act: click('button[data-action="insert"]'), expected: (r) => ({ type: 'prompt/insert', runId: r.id, text: best(r) }) },
  { name: 'Copy on the first row copies it', act: click('.candidates-table button[data-action="copy"]'), expected: () => ({ type: 'prompt/copy', text: best(finished) }) },
  { name: 'Diff on the first row opens a diff against the original', act: click('.candidates-table button[data-action="diff"]'), expected: (r) => ({ type: 'prompt/diff', runId: r.id, text: best(r) }) },
  { name: 'Show diff in the details diffs the selected instruction', act: click('.details button[data-action="diff"]'), expected: (r) => ({ type: 'prompt/diff', runId: r.id, text: best(r) }) },
  {
    name: 'Stop cancels a live run',
    record: makeRunRecord({ steps: 4, status: 'running' }),
    isLive: true,
    act: click('button[data-action="stop"]'),
    expected: (r) => ({ type: 'run/stop', runId: r.id }),
  },
  { name: 'Resume continues a cancelled run', record: makeRunRecord({ steps: 4, status: 'cancelled' }), act: click('button[data-action="resume"]'), expected: (r) => ({ type: 'run/resume', runId: r.id }) },
  { name: 'Export JSON saves the run', act: click('button[data-format="json"]'), expected: (r) => ({ type: 'run/export', runId: r.id, format: 'json' }) },
  { name: 'Export CSV saves the candidates', act: click('button[data-format="csv"]'), expected: (r) => ({ type: 'run/export', runId: r.id, format: 'csv' }) },
  { name: 'Export Markdown saves a report', act: click('button[data-format="markdown"]'), expected: (r) => ({ type: 'run/export', runId: r.id, format: 'markdown' }) },
  {
    name: 'Score it sends a written instruction to be scored',
    act: async (panel) => {
      await panel.page.fill('#draft', 'Answer with the number only.');
      await panel.page.click('button[data-action="score"]');
    },
    expected: (r) => ({ type: 'instruction/score', runId: r.id, text: 'Answer with the number only.' }),
  },
  {
    name: 'Edit and score sends an edited candidate to be scored',
    act: async (panel) => {
      await panel.page.click('.details button[data-action="edit"]');
      await panel.page.press('#draft', 'End');
      await panel.page.keyboard.type(' Check units.');
      await panel.page.click('button[data-action="score"]');
    },
    expected: (r) => ({ type: 'instruction/score', runId: r.id, text: `${best(r)} Check units.` }),
  },
  {
    name: 'a click on an example row opens its dataset line',
    act: click('.examples-table tbody tr'),
    expected: (r) => ({ type: 'example/open', runId: r.id, exampleIndex: firstFailure(r) }),
  },
];

describe('the run panel’s actions', () => {
  let harness: PanelHarness;
  let panel: PanelPage;

  before(async () => {
    harness = await PanelHarness.start();
  });
  after(async () => {
    await harness.stop();
  });
  beforeEach(async () => {
    panel = await harness.open();
  });
  afterEach(async () => {
    assert.deepEqual(await panel.violations(), []);
    assert.deepEqual(panel.problems, []);
    await panel.page.close();
  });

  for (const c of cases) {
    it(`${c.name} (posts exactly one message)`, async () => {
      const record = c.record ?? finished;
      await panel.send({ type: 'run/show', record, isLive: c.isLive ?? false });
      await c.act(panel);
      assert.deepEqual(await panel.postedSince(1), [{ ...c.expected(record), requestId: 1 }]);
    });
  }

  it('reports the host’s answer in the status line, and an error as an error', async () => {
    await panel.send({ type: 'run/show', record: finished, isLive: false });
    await panel.page.click('button[data-action="insert"]');
    assert.equal(await textOf(panel.page, '.status-line'), 'Inserting…');
    await panel.send({ type: 'request/result', requestId: 1, ok: true });
    assert.equal(await textOf(panel.page, '.status-line'), 'Inserted into the code.');
    await panel.page.click('button[data-format="csv"]');
    await panel.send({ type: 'request/result', requestId: 2, ok: false, error: 'The folder is read-only.' });
    assert.equal(await textOf(panel.page, '.status-line.error'), 'The folder is read-only.');
  });

  it('shows Stop only for a live run and Resume only for one that stopped before the end', async () => {
    const running = makeRunRecord({ steps: 4, status: 'running' });
    const shown = async (): Promise<string[]> =>
      (await Promise.all(['stop', 'resume'].map(async (a) => ((await panel.page.isVisible(`button[data-action="${a}"]`)) ? a : '')))).filter((a) => a !== '');
    await panel.send({ type: 'run/show', record: running, isLive: true });
    assert.deepEqual(await shown(), ['stop']);
    await panel.send({ type: 'run/show', record: running, isLive: false });
    assert.deepEqual(await shown(), ['resume'], 'a running file nobody runs was interrupted');
    assert.match(await textOf(panel.page, '.run-header .status'), /^Interrupted at step 4\/4/);
    await panel.send({ type: 'run/show', record: makeRunRecord({ steps: 4, status: 'cancelled' }), isLive: false });
    assert.deepEqual(await shown(), ['resume']);
    await panel.send({ type: 'run/show', record: finished, isLive: false });
    assert.deepEqual(await shown(), [], 'a finished run has nothing to stop or resume');
  });

  it('forgets what it said about the previous run when another run is shown', async () => {
    await panel.send({ type: 'run/show', record: finished, isLive: false });
    await panel.page.click('button[data-action="insert"]');
    await panel.send({ type: 'request/result', requestId: 1, ok: true });
    assert.equal(await textOf(panel.page, '.status-line'), 'Inserted into the code.');
    await panel.send({ type: 'run/show', record: finished, isLive: false });
    assert.equal(await textOf(panel.page, '.status-line'), 'Inserted into the code.', 'the same run shown again keeps it');
    const next = makeRunRecord({ seed: 2, steps: 2, status: 'running' });
    // The host shows a started run with run/show (PanelOutbox.pushEvent).
    await panel.send({ type: 'run/show', record: next, isLive: true });
    assert.equal(await textOf(panel.page, '.status-line'), '');
  });

  it('sends nothing for an empty draft', async () => {
    await panel.send({ type: 'run/show', record: finished, isLive: false });
    await panel.page.fill('#draft', '   ');
    await panel.page.click('button[data-action="score"]');
    assert.deepEqual(await panel.postedSince(1), []);
  });
});
