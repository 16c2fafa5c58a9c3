import assert from 'node:assert/strict';
import { makeRunRecord } from './fixtures';
import { PanelHarness, type PanelPage } from './harness';
import { bestFirst, textOf } from './queries';

const IMG = `<img src=x onerror="window.__xss='img'">`;
const SCRIPT = `</script><script>window.__xss='script'</script>`;
const PAYLOAD = `${IMG} ${SCRIPT}`;

describe('the run panel’s defences', () => {
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
    await panel.page.close();
  });

  it('shows XSS payloads in instructions, outputs and dataset fields as literal text, runs no script and violates no CSP', async () => {
    const record = makeRunRecord({ payload: PAYLOAD, status: 'failed' });
    record.error = { kind: 'badResponse', message: `Bad reply ${PAYLOAD}` };
    const best = bestFirst(record.candidates)[0]!;
    await panel.send({ type: 'run/show', record, isLive: false });
    await panel.send({ type: 'notice/show', level: 'error', message: PAYLOAD });
    await panel.page.click('.inspector-root > summary');
    await panel.page.click('.step[data-step="1"] > summary');
    await panel.page.fill('.filter', '<img');
    await panel.page.waitForTimeout(300);

    assert.equal(await panel.page.evaluate(() => window.__xss), undefined, 'no payload ran');
    assert.equal(await panel.page.locator('#app img').count(), 0, 'no element was made from data');
    assert.equal(await panel.page.locator('script').count(), 1, 'only the panel’s own script');
    assert.equal(await textOf(panel.page, '.instruction-full'), best.instruction);
    assert.equal(await textOf(panel.page, '.candidates-table .instruction-text'), best.instruction);
    assert.equal(await panel.page.getAttribute('.run-header .source', 'title'), `/work/project/src/${PAYLOAD}.ts`);
    assert.ok((await textOf(panel.page, '.run-header .status')).endsWith(PAYLOAD));
    assert.equal(await textOf(panel.page, '.status-line'), PAYLOAD);
    const cells = await panel.page.$$eval('.examples-table td', (tds) => tds.map((td) => td.textContent ?? ''));
    for (const field of [record.examples[0]!.input, PAYLOAD, `${best.results.find((r) => !r.correct)!.output}`]) {
      assert.ok(cells.includes(field), `a cell shows ${field.slice(0, 40)}… as text`);
    }
    assert.ok((await textOf(panel.page, '.step[data-step="1"] .step-body')).includes(PAYLOAD));
    assert.deepEqual(await panel.violations(), []);
    assert.deepEqual(panel.problems, []);
  });

  it('shows a notice that arrives before any run (e.g. an unreadable run file) as text in place of the run', async () => {
    await panel.send({ type: 'notice/show', level: 'error', message: `Could not open the run ${PAYLOAD}.json` });
    assert.equal(await textOf(panel.page, '.waiting.error'), `Could not open the run ${PAYLOAD}.json`);
    assert.equal(await panel.page.isVisible('main'), false, 'no empty run and no live buttons');
    assert.deepEqual([await panel.page.evaluate(() => window.__xss), await panel.violations(), panel.problems], [undefined, [], []]);
  });

  it('drops a malformed host message without rendering anything from it', async () => {
    const warnings: string[] = [];
    panel.page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    await panel.send({ type: 'run/show', record: { id: IMG, candidates: 'none' }, isLive: false });
    await panel.send({ type: 'run/events', runId: 'x', events: [{ type: '<script>' }] });
    assert.equal(await panel.page.isVisible('main'), false);
    assert.equal(await textOf(panel.page, '.waiting'), 'Waiting for the run…');
    assert.deepEqual(warnings, ['OPRO panel: dropped a malformed message from the host', 'OPRO panel: dropped a malformed message from the host']);
    assert.deepEqual(panel.problems, []);
  });
});
