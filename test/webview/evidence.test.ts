import assert from 'node:assert/strict';
import { candidatePrompt } from '../../src/core/run/candidatePrompt';
import type { RunRecord, ScoredCandidate } from '../../src/core/runRecord';
import { comparePaired, describeComparison } from '../../src/core/stats/pairedComparison';
import { wilsonInterval } from '../../src/core/stats/wilson';
import { makeRunRecord } from './fixtures';
import { usePanelPerTest } from './harness';
import { bestFirst, rowSelector, RUN_FILE, textOf } from './queries';

const pct = (x: number): string => (x * 100).toFixed(1);

/** The fixture run as the engine now saves it: every score with its interval, the best with two demonstrations, the paired verdict. */
function evidenceRun(): { record: RunRecord; best: ScoredCandidate } {
  const base = makeRunRecord();
  const withCi = <T extends { correct: number; total: number }>(split: T): T => ({ ...split, ci95: wilsonInterval(split.correct, split.total) });
  const candidates = base.candidates.map((c) => ({ ...withCi(c), ...(c.validation === undefined ? {} : { validation: withCi(c.validation) }) }));
  const best = bestFirst(candidates)[0]!;
  const demos = base.train.slice(0, 2);
  const withDemos = { ...best, demos, tokens: (best.tokens ?? 0) + 60 };
  const seed = candidates.find((c) => c.origin === 'seed')!;
  const comparison = comparePaired(best.results, seed.results);
  const record: RunRecord = {
    ...base,
    candidates: candidates.map((c) => (c.id === best.id ? withDemos : c)),
    comparison: { candidateId: best.id, baselineId: seed.id, ...comparison, sentence: describeComparison(comparison) },
  };
  return { record, best: withDemos };
}

describe('the panel’s evidence: intervals, the paired verdict, demonstrations, the trade-off', () => {
  const current = usePanelPerTest();
  const { record, best } = evidenceRun();

  it('shows each score with its 95% interval in the table and the header, and the verdict against your prompt', async () => {
    const panel = current();
    await panel.send({ type: 'run/show', record, isLive: false, runFile: RUN_FILE });
    const [low, high] = best.ci95!;
    assert.equal(await textOf(panel.page, `${rowSelector(best.id)} .col-score .ci`), `${pct(low)}–${pct(high)}%`);
    const [vLow, vHigh] = best.validation!.ci95!;
    assert.equal(await textOf(panel.page, `${rowSelector(best.id)} .col-validation .ci`), `${pct(vLow)}–${pct(vHigh)}%`);
    const header = await textOf(panel.page, '.run-header');
    assert.ok(header.includes(`Best92.5% [${pct(low)}–${pct(high)}%]`), header);
    assert.ok(header.includes(`EvidenceThe best is ${record.comparison!.sentence}.`), header);
    assert.equal(await panel.page.getAttribute('.evidence', 'class'), `evidence verdict-${record.comparison!.verdict}`);
    assert.match(await textOf(panel.page, '.details .muted'), new RegExp(`train 92\\.5% \\(37/40\\), 95% CI ${pct(low)}–${pct(high)}%`));
  });

  it('draws each score’s interval on the trajectory chart, and nothing where a score has none', async () => {
    const panel = current();
    const pixels = async (shown: RunRecord): Promise<string> => {
      await panel.send({ type: 'run/show', record: shown, isLive: false, runFile: RUN_FILE });
      return panel.page.$eval('section.chart:not(.tradeoff) canvas', (c) => (c as HTMLCanvasElement).toDataURL());
    };
    const strip = <T extends { ci95?: unknown }>(split: T): T => {
      const { ci95: _ci95, ...rest } = split;
      return rest as T;
    };
    const bare = { ...record, candidates: record.candidates.map((c) => ({ ...strip(c), ...(c.validation === undefined ? {} : { validation: strip(c.validation) }) })) };
    assert.notEqual(await pixels(record), await pixels(bare), 'the whiskers change the picture');
    assert.equal(await pixels(bare), await pixels(bare), 'the same run draws the same picture');
  });

  it('lists a candidate’s demonstrations with their dataset lines and its whole prompt, and inserts, copies and diffs that prompt', async () => {
    const panel = current();
    await panel.send({ type: 'run/show', record, isLive: false, runFile: RUN_FILE });
    assert.equal(await textOf(panel.page, `${rowSelector(best.id)} .demos-badge`), '+2 demos');
    const lines = await panel.page.$$eval('.demos-list button', (buttons) => buttons.map((b) => b.textContent));
    assert.deepEqual(lines, best.demos!.map((row) => `line ${record.examples[row]!.line}`));
    assert.equal(await textOf(panel.page, '.prompt-full'), candidatePrompt(best, record));
    const skip = (await panel.posted()).length;
    await panel.page.click('.details button[data-action="openExample"]');
    await panel.page.click('.details button[data-action="insert"]');
    await panel.page.click('.details button[data-action="copy"]');
    await panel.page.click('.details button[data-action="diff"]');
    const posted = (await panel.postedSince(skip)).map((message) => {
      const { requestId: _requestId, ...rest } = message as { requestId?: number };
      return rest;
    });
    assert.deepEqual(posted, [
      { type: 'example/open', runId: record.id, exampleIndex: best.demos![0] },
      { type: 'prompt/insert', runId: record.id, text: best.instruction, candidateId: best.id },
      { type: 'prompt/copy', text: best.instruction, runId: record.id, candidateId: best.id },
      { type: 'prompt/diff', runId: record.id, text: best.instruction, candidateId: best.id },
    ]);
  });

  it('shows the trade-off chart only when the prompts’ costs differ or length is penalized', async () => {
    const panel = current();
    await panel.send({ type: 'run/show', record, isLive: false, runFile: RUN_FILE });
    assert.equal(await panel.page.isVisible('.chart.tradeoff'), true, 'a prompt with demonstrations costs more per call');
    assert.ok((await panel.page.$eval('.chart.tradeoff canvas', (c) => (c as HTMLCanvasElement).width)) > 0);
    const plain = makeRunRecord();
    await panel.send({ type: 'run/show', record: plain, isLive: false, runFile: RUN_FILE });
    assert.equal(await panel.page.isVisible('.chart.tradeoff'), false);
    await panel.send({ type: 'run/show', record: { ...plain, config: { ...plain.config, lengthPenalty: 0.001 } }, isLive: false, runFile: RUN_FILE });
    assert.equal(await panel.page.isVisible('.chart.tradeoff'), true);
  });
});
