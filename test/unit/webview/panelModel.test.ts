import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RunEvent } from '../../../src/core/events';
import { buildChartData, scoreRange } from '../../../src/webview/chartData';
import { findPrice, LIST_PRICES } from '../../../src/core/pricing';
import { estimateCost } from '../../../src/webview/cost';
import { filterCandidates, rankRun } from '../../../src/webview/ranking';
import { applyEvent, type ShownRun } from '../../../src/webview/runState';
import { diffWords } from '../../../src/webview/wordDiff';
import { eventsOf } from '../../webview/fixtureEvents';
import { lightRun, makeRunRecord, SEED_INSTRUCTION } from '../../webview/fixtures';

describe('the panel’s model (browser-free parts)', () => {
  const record = makeRunRecord({ steps: 4, perStep: 5, rows: 20, validationRows: 5 });

  describe('applyEvent', () => {
    it('rebuilds the finished run from its event stream, as the engine emitted it', () => {
      const [started, ...rest] = eventsOf(record) as [Extract<RunEvent, { type: 'runStarted' }>, ...RunEvent[]];
      const view: ShownRun = { record: started.record, isLive: false, currentStep: 0, totalSteps: 0 };
      applyEvent(view, started);
      rest.forEach((event) => applyEvent(view, event));
      assert.deepEqual(view.record.candidates, lightRun(record).candidates);
      assert.deepEqual(view.record.steps, lightRun(record).steps);
      assert.deepEqual([view.record.status, view.record.stopReason, view.isLive, view.currentStep, view.totalSteps], ['finished', 'steps', false, 4, 4]);
      assert.deepEqual(view.record.usage, record.usage);
    });

    it('treats a replayed candidate as an update, not a new one', () => {
      const copy = lightRun(structuredClone(record));
      const view: ShownRun = { record: copy, isLive: true, currentStep: 4, totalSteps: 4 };
      applyEvent(view, { type: 'candidateScored', candidate: { ...copy.candidates[3]!, score: 0.01 }, usage: copy.usage });
      assert.equal(view.record.candidates.length, record.candidates.length);
      assert.equal(view.record.candidates[3]?.score, 0.01);
    });
  });

  describe('rankRun and filterCandidates', () => {
    it('ranks by score, ties by step then proposal order, and finds the baseline', () => {
      const ranking = rankRun(lightRun(record));
      const keys = ranking.ranked.map((c) => [-c.score, c.step, c.ordinal]);
      const sorted = [...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
      assert.deepEqual(keys, sorted);
      assert.equal(ranking.byId.get(ranking.baselineId!)?.instruction, SEED_INSTRUCTION);
      assert.equal(ranking.rankOf.get(ranking.ranked[0]!.id), 1);
    });

    it('ranks by the length-penalized objective when the run has one', () => {
      const copy = lightRun(structuredClone(record));
      const [first, second] = [...copy.candidates].sort((a, b) => b.score - a.score);
      first!.objective = 0.1;
      second!.objective = 0.9;
      assert.deepEqual(rankRun(copy).ranked.slice(0, 1).map((c) => c.id), [second!.id]);
    });

    it('filters case-insensitively on the instruction, an empty query keeping all', () => {
      const ranked = rankRun(lightRun(record)).ranked;
      assert.deepEqual(filterCandidates(ranked, '  '), ranked);
      assert.deepEqual(filterCandidates(ranked, "LET'S THINK").map((c) => c.id), ranked.filter((c) => c.instruction.includes("Let's think")).map((c) => c.id));
    });
  });

  describe('buildChartData', () => {
    it('gives each candidate its own increasing x within its step, and a best-so-far line', () => {
      const data = buildChartData(record.candidates);
      assert.equal(data.x.length, record.candidates.length);
      data.x.forEach((x, i) => {
        assert.ok(i === 0 || x > data.x[i - 1]!, 'x increases');
        assert.ok(Math.abs(x - data.order[i]!.step) < 0.5, 'x stays within its step');
        assert.equal(data.bestSoFar[i], Math.max(...data.score.slice(0, i + 1)));
      });
      assert.equal(data.validation.filter((v) => v !== null).length, 3);
    });

    it('carries each candidate’s 95% interval in x order, null where it has none (an old run)', () => {
      const withCi = record.candidates.map((c, i) => (i % 2 === 0 ? { ...c, ci95: [c.score - 0.1, c.score + 0.05] as [number, number] } : c));
      const data = buildChartData(withCi);
      assert.deepEqual(
        data.interval,
        data.order.map((c) => c.ci95 ?? null),
      );
      assert.equal(data.interval.filter((v) => v !== null).length, Math.ceil(record.candidates.length / 2));
    });

    it('trims the score axis to the data on tenths within 0..1', () => {
      assert.deepEqual(scoreRange(0.62, 0.81), [0.5, 0.9]);
      assert.deepEqual(scoreRange(0.02, 1), [0, 1]);
      assert.deepEqual(scoreRange(null, null), [0, 1]);
    });
  });

  describe('estimateCost', () => {
    it('prices each model’s tokens, matching dated model names by prefix', () => {
      assert.equal(findPrice('gpt-4o-mini-2024-07-18'), LIST_PRICES['gpt-4o-mini']);
      const usage = { ...record.usage, byModel: { 'scorer:gpt-4o-mini': { calls: 1, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 1_000_000, completionTokens: 1_000_000 } } };
      assert.equal(estimateCost(usage), 0.75);
      assert.equal(estimateCost(usage, { 'gpt-4o-mini': { input: 1, output: 1 } }), 2, 'configured prices win');
    });

    it('shows no cost when a paid model has no known price', () => {
      const usage = { ...record.usage, byModel: { 'scorer:llama3.1:8b': { calls: 1, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 10, completionTokens: 10 } } };
      assert.equal(estimateCost(usage), undefined);
    });

    it('shows what core metered (the run’s prices, cached tokens at theirs), and nothing while core names an unpriced model', () => {
      const metered = { ...record.usage, costUsd: 0.0123 };
      assert.equal(estimateCost(metered, { 'gpt-4o-mini': { input: 100, output: 100 } }), 0.0123);
      assert.equal(estimateCost({ ...record.usage, unpricedModels: ['scorer:my-model'] }), undefined);
    });
  });

  describe('diffWords', () => {
    const join = (kind: 'same' | 'added' | 'removed') => (parts: ReturnType<typeof diffWords>) =>
      parts.filter((p) => p.kind === 'same' || p.kind === kind).map((p) => p.text).join('');

    it('marks replaced words, grouping a run of changes, and joins back into both texts', () => {
      const before = "Let's think step by step.";
      const after = "Let's work it out step by step, carefully.";
      const parts = diffWords(before, after);
      assert.deepEqual(parts, [
        { kind: 'same', text: "Let's " },
        { kind: 'removed', text: 'think' },
        { kind: 'added', text: 'work it out' },
        { kind: 'same', text: ' step by ' },
        { kind: 'removed', text: 'step.' },
        { kind: 'added', text: 'step, carefully.' },
      ]);
      assert.equal(join('removed')(parts), before);
      assert.equal(join('added')(parts), after);
    });

    it('always joins back into both texts', () => {
      const text = fc.array(fc.constantFrom('a', 'b', 'step', 'by', ' ', '  ', '\n', 'c.'), { maxLength: 30 }).map((words) => words.join(''));
      fc.assert(
        fc.property(text, text, (before, after) => {
          const parts = diffWords(before, after);
          assert.equal(join('removed')(parts), before);
          assert.equal(join('added')(parts), after);
        }),
      );
    });

    it('finds the one changed word between two 20,000-word texts (no n x m table)', () => {
      const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
      const before = words.join(' ');
      const after = words.map((w, i) => (i === 12_345 ? 'changed' : w)).join(' ');
      const parts = diffWords(before, after);
      assert.deepEqual(
        parts.filter((p) => p.kind !== 'same'),
        [
          { kind: 'removed', text: 'w12345' },
          { kind: 'added', text: 'changed' },
        ],
      );
      assert.equal(join('added')(parts), after);
    });

    it('shows texts that share almost nothing as one removal and one addition', () => {
      const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
      const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
      assert.deepEqual(diffWords(before, after), [
        { kind: 'removed', text: before },
        { kind: 'added', text: after },
      ]);
    });

    it('handles empty texts on either side', () => {
      assert.deepEqual(diffWords('', 'New text'), [{ kind: 'added', text: 'New text' }]);
      assert.deepEqual(diffWords('Old', ''), [{ kind: 'removed', text: 'Old' }]);
      assert.deepEqual(diffWords('', ''), []);
    });
  });
});
