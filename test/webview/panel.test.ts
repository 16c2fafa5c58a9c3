import assert from 'node:assert/strict';
import type { RunEvent } from '../../src/core/events';
import { eventsOf } from './fixtureEvents';
import { makeRunRecord, SEED_INSTRUCTION } from './fixtures';
import { PanelHarness, type PanelPage } from './harness';
import { bestFirst, rowIds, rowSelector, RUN_FILE, selectedRowId, textOf } from './queries';

describe('the run panel in Chromium', () => {
  let harness: PanelHarness;
  let panel: PanelPage;
  const record = makeRunRecord();
  const ranked = bestFirst(record.candidates);
  const baseline = record.candidates.find((c) => c.origin === 'seed')!;

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
    assert.deepEqual(await panel.violations(), [], 'no CSP violation');
    assert.deepEqual(panel.problems, [], 'no console error');
    await panel.page.close();
  });

  it('announces panel/ready before posting anything else', async () => {
    assert.deepEqual(await panel.posted(), [{ type: 'panel/ready' }]);
  });

  it('renders a finished run: header, chart canvas, best-first table and the baseline marked', async () => {
    await panel.send({ type: 'run/show', record, isLive: false, runFile: RUN_FILE });
    const header = await textOf(panel.page, '.run-header');
    assert.match(header, /Prompt at solver\.ts:42/);
    assert.match(header, /Finished: all steps done/);
    assert.match(header, /gsm8k-sample\.jsonl · 50 rows · 40 train \/ 10 validation/);
    assert.match(header, /scorer gpt-4o-mini · optimizer gpt-4o/);
    assert.match(header, /Best92\.5% \(baseline 55%\) of 81 candidates/);
    assert.match(header, /Calls3,330 \(40 cached, 1 failed\)/);
    assert.match(header, /Cost≈ \$0\.\d{4}/);
    const canvas = await panel.page.$eval('.chart-plot canvas', (c) => (c as HTMLCanvasElement).width);
    assert.ok(canvas > 0, 'the chart is drawn');
    assert.deepEqual(await rowIds(panel.page), ranked.map((c) => c.id));
    const baselineRow = rowSelector(baseline.id);
    assert.equal(await textOf(panel.page, `${baselineRow} .badge`), 'baseline');
    assert.equal(await textOf(panel.page, `${baselineRow} .col-score`), '55% (22/40)');
    assert.equal(await selectedRowId(panel.page), ranked[0]?.id, 'the best is selected by default');
  });

  it('names VS Code models by name and vendor, and shows their request count instead of a dollar figure', async () => {
    const copilot = { provider: 'vscode-lm', model: 'gpt-4o-mini', label: 'GPT-4o mini · Copilot', vendor: 'copilot', temperature: 0, maxTokens: 1024 };
    const viaCopilot = { ...record, config: { ...record.config, scorer: copilot, optimizer: { ...copilot, temperature: 1 } } };
    await panel.send({ type: 'run/show', record: viaCopilot, isLive: false, runFile: RUN_FILE });
    const header = await textOf(panel.page, '.run-header');
    assert.match(header, /Modelsscorer GPT-4o mini · Copilot; optimizer GPT-4o mini · Copilot/);
    assert.match(header, /Costnot priced: 3,330 requests to Copilot, which counts them against your plan \(premium requests\)/);
    assert.doesNotMatch(header, /\$/);
    await panel.send({ type: 'run/show', record: { ...record, usage: { ...record.usage, calls: 0, promptTokens: 0, completionTokens: 0, byModel: {} } }, isLive: true, runFile: RUN_FILE });
    assert.doesNotMatch(await textOf(panel.page, '.run-header'), /Cost/, 'nothing paid yet: no cost, never "≈ $0.0000"');
  });

  it('lists the run notes with their fix, from the record and from live runWarning events', async () => {
    const warning = { kind: 'temperature' as const, role: 'scorer' as const, message: '`o4-mini` takes no temperature but its default.', fix: 'Use a model that takes temperature 0.' };
    await panel.send({ type: 'run/show', record: { ...record, warnings: [warning] }, isLive: true, runFile: RUN_FILE });
    assert.equal(await textOf(panel.page, '.run-header .warnings'), `${warning.message} ${warning.fix}`);
    const truncated = { kind: 'truncated' as const, message: '3 answers were cut at the token limit.' };
    await panel.send({ type: 'run/events', runId: record.id, events: [{ type: 'runWarning', warning: truncated }, { type: 'runWarning', warning: truncated }] });
    const items = await panel.page.$$eval('.run-header .warnings li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(items, [`${warning.message} ${warning.fix}`, truncated.message], 'each note once');
  });

  it('shows examples cut off or failed as such, left out of the score, with what to do', async () => {
    const [first, ...others] = baseline.results;
    const results = [{ ...first!, correct: false, status: 'truncated' as const, answer: '' }, { ...others[0]!, correct: false, status: 'errored' as const, output: '', error: '503' }, ...others.slice(1)];
    const graded = results.slice(2);
    const candidate = { ...baseline, results, total: graded.length, correct: graded.filter((r) => r.correct).length, truncated: 1, errored: 1, incomplete: true };
    const edited = { ...record, candidates: record.candidates.map((c) => (c.id === baseline.id ? candidate : c)) };
    await panel.send({ type: 'run/show', record: edited, isLive: false, runFile: RUN_FILE });
    assert.match(await textOf(panel.page, `${rowSelector(baseline.id)} .col-score`), /\(\d+\/38\) · 1 cut off · 1 failed$/);
    await panel.page.click(rowSelector(baseline.id));
    // The per-example table arrives with the host's answer to candidate/details.
    await panel.page.waitForSelector('.examples-table tr.errored');
    const verdicts = await panel.page.$$eval('.examples-table tr.truncated .col-ok, .examples-table tr.errored .col-ok', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(verdicts.sort(), ['cut off', 'failed']);
    assert.match(await textOf(panel.page, '.examples > p'), /wrong of 38, 2 not graded \(cut off or failed\)/);
    assert.match(await textOf(panel.page, '.examples-table tr.errored .col-answer'), /resume the run to ask again/);
  });

  it('updates the table live from batched events and keeps the user’s selection and scroll', async () => {
    const events = eventsOf(record);
    await panel.send({ type: 'run/events', runId: record.id, events: events.slice(0, 10) });
    assert.match(await textOf(panel.page, '.run-header .status'), /^Running: step 1\/10$/);
    await panel.page.click(rowSelector(baseline.id));
    await panel.page.evaluate(() => window.scrollTo(0, 300));
    let shown = (await rowIds(panel.page)).length;
    for (let at = 10; at < events.length; at += 20) {
      await panel.send({ type: 'run/events', runId: record.id, events: events.slice(at, at + 20) as RunEvent[] });
      const rows = (await rowIds(panel.page)).length;
      assert.ok(rows >= shown, 'rows only get added');
      shown = rows;
      assert.equal(await selectedRowId(panel.page), baseline.id);
      assert.equal(await textOf(panel.page, '.instruction-full'), SEED_INSTRUCTION);
      assert.equal(await panel.page.evaluate(() => window.scrollY), 300);
    }
    assert.equal(shown, record.candidates.length);
    assert.match(await textOf(panel.page, '.run-header .status'), /^Finished: all steps done$/);
    assert.equal((await panel.state()).selectedId, baseline.id);
  });

  it('lists the selected instruction’s examples failures first, and Enter on a row opens its dataset line', async () => {
    const candidate = ranked.find((c) => c.validation === undefined && c.correct < c.total)!;
    await panel.send({ type: 'run/show', record, isLive: false });
    await panel.page.click(`${rowSelector(candidate.id)} .col-instruction`);
    const classes = await panel.page.$$eval('.examples-table tbody tr', (rows) => rows.map((r) => r.className));
    const wrong = candidate.total - candidate.correct;
    assert.deepEqual(classes, [...Array<string>(wrong).fill('wrong'), ...Array<string>(candidate.correct).fill('correct')]);
    const firstFailure = candidate.results.filter((r) => !r.correct).sort((a, b) => a.example - b.example)[0]!;
    await panel.page.focus('.examples-table tbody tr');
    await panel.page.keyboard.press('Enter');
    assert.deepEqual(await panel.postedSince(1), [{ type: 'example/open', requestId: 1, runId: record.id, exampleIndex: firstFailure.example }]);
  });

  it('shows partial credit, the grader’s reason and an evaluation stopped early', async () => {
    const copy = structuredClone(record);
    const best = bestFirst(copy.candidates)[0]!;
    best.partial = true;
    const failure = best.results.find((r) => !r.correct)!;
    Object.assign(failure, { score: 0.5, reason: 'Right method, wrong rounding.' });
    await panel.send({ type: 'run/show', record: copy, isLive: false });
    assert.notEqual((await rowIds(panel.page))[0], best.id, 'a partly scored candidate ranks after the fully scored ones');
    assert.match(await textOf(panel.page, `${rowSelector(best.id)} .col-score`), /^92\.5% \(37\/40, partial\)$/);
    await panel.page.click(`${rowSelector(best.id)} .col-instruction`);
    // The per-example table arrives with the host's answer to candidate/details.
    await panel.page.waitForSelector('.examples-table tbody tr .reason');
    const firstRow = '.examples-table tbody tr';
    const rows = await panel.page.$$eval(firstRow, (trs) => trs.map((tr) => [tr.querySelector('.col-ok')?.textContent, tr.querySelector('.reason')?.textContent]));
    assert.deepEqual(rows.find(([, reason]) => reason !== undefined), ['✗ 50%', 'Right method, wrong rounding.']);
  });

  it('tells apart long instructions that open alike: first words, an ellipsis, then the part that differs', async () => {
    const opening = 'Read the problem twice, write down every quantity it gives with its unit, solve it step by step, check each step, and then';
    const alike = structuredClone(record);
    const [first, second] = bestFirst(alike.candidates);
    first!.instruction = `${opening} reply with the final number only.`;
    second!.instruction = `${opening} reply with one short sentence.`;
    await panel.send({ type: 'run/show', record: alike, isLive: false });
    const cells = await panel.page.$$eval('.candidates-table tbody tr', (rows) =>
      rows.slice(0, 2).map((r) => ({ text: r.querySelector('.instruction-text')?.textContent, title: (r.querySelector('.instruction-text') as HTMLElement).title })),
    );
    assert.deepEqual(cells, [
      { text: 'Read the problem … the final number only.', title: first!.instruction },
      { text: 'Read the problem … one short sentence.', title: second!.instruction },
    ]);
    assert.equal(await textOf(panel.page, '.instruction-full'), first!.instruction, 'the selected row’s whole text is in the details');
  });

  it('filters the table by the text in the filter box', async () => {
    await panel.send({ type: 'run/show', record, isLive: false });
    await panel.page.fill('.filter', 'DEEP breath');
    const expected = ranked.filter((c) => c.instruction.toLowerCase().includes('deep breath'));
    assert.ok(expected.length > 1 && expected.length < ranked.length);
    assert.deepEqual(await rowIds(panel.page), expected.map((c) => c.id));
    assert.equal(await textOf(panel.page, '.candidates .count'), `${expected.length} of ${expected.length} matching`);
    await panel.page.fill('.filter', '');
    assert.equal((await rowIds(panel.page)).length, ranked.length);
  });

  it('restores the selection and filter from its saved state and keeps the run file there', async () => {
    await panel.page.close();
    const picked = ranked[5]!;
    const filter = picked.instruction.split(' ')[2]!;
    panel = await harness.open({ state: { runFile: RUN_FILE, runId: record.id, selectedId: picked.id, filter } });
    await panel.send({ type: 'run/show', record, isLive: false, runFile: RUN_FILE });
    assert.equal(await selectedRowId(panel.page), picked.id);
    assert.equal(await panel.page.inputValue('.filter'), filter);
    assert.deepEqual(await panel.state(), { runFile: RUN_FILE, runId: record.id, selectedId: picked.id, filter });
  });

  it('selects a row with the keyboard: arrow keys move between rows and Enter selects', async () => {
    await panel.send({ type: 'run/show', record, isLive: false });
    await panel.page.focus('.candidates-table tbody tr');
    await panel.page.keyboard.press('ArrowDown');
    await panel.page.keyboard.press('ArrowDown');
    await panel.page.keyboard.press('Enter');
    assert.equal(await selectedRowId(panel.page), ranked[2]?.id);
  });

  it('asks the host for per-example results and meta-prompts only when they are shown, once each', async () => {
    await panel.send({ type: 'run/show', record, isLive: false });
    const fetchedIds = async (): Promise<string[]> => (await panel.fetched()).map((m) => (m.type === 'candidate/details' ? `c:${m.candidateId}` : m.type === 'step/details' ? `s:${m.step}` : m.type));
    assert.deepEqual(await fetchedIds(), [`c:${ranked[0]!.id}`], 'the selected (best) candidate only');
    await panel.page.click(`${rowSelector(ranked[1]!.id)} .col-instruction`);
    await panel.page.locator('.examples-table').waitFor();
    await panel.page.click(`${rowSelector(ranked[0]!.id)} .col-instruction`);
    await panel.page.click('.inspector-root > summary');
    await panel.page.click('.step[data-step="2"] > summary');
    await panel.page.locator('.step[data-step="2"] pre.raw').first().waitFor();
    await panel.page.click('.step[data-step="2"] > summary');
    await panel.page.click('.step[data-step="2"] > summary');
    assert.deepEqual(await fetchedIds(), [`c:${ranked[0]!.id}`, `c:${ranked[1]!.id}`, 's:2'], 'going back asks nothing again');
    const rows = await panel.page.$$eval('.examples-table tbody tr', (trs) => trs.length);
    assert.equal(rows, ranked[0]!.results.length + (ranked[0]!.validation?.results.length ?? 0));
  });

  it('shows the exact meta-prompt and the raw optimizer replies of a step when opened', async () => {
    await panel.send({ type: 'run/show', record, isLive: false });
    await panel.page.click('.inspector-root > summary');
    await panel.page.click('.step[data-step="1"] > summary');
    const step = record.steps[0]!;
    assert.equal(await textOf(panel.page, '.step[data-step="1"] pre.raw'), step.metaPrompt);
    const replies = await panel.page.$$eval('.step[data-step="1"] .replies pre', (pres) => pres.map((p) => p.textContent));
    assert.deepEqual(replies, step.replies);
  });

  it('shows the instruction and score of the point under the mouse, and selects it on click', async () => {
    await panel.send({ type: 'run/show', record, isLive: false });
    await panel.page.locator('.u-over').scrollIntoViewIfNeeded();
    const box = (await panel.page.locator('.u-over').boundingBox())!;
    await panel.page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await panel.page.waitForSelector('.chart-tooltip:not([hidden])');
    const tip = await textOf(panel.page, '.chart-tooltip-text');
    const candidate = record.candidates.find((c) => c.instruction === tip);
    assert.ok(candidate !== undefined, 'the tooltip shows a candidate’s instruction');
    assert.match(await textOf(panel.page, '.chart-tooltip strong'), new RegExp(` · step ${candidate.step} · ${candidate.tokens} tokens$`));
    await panel.page.mouse.down();
    await panel.page.mouse.up();
    assert.equal(await selectedRowId(panel.page), candidate.id);
  });
});
