import assert from 'node:assert/strict';
import { bestCandidate, compareCandidates, rankCandidates, type Rankable } from '../../../src/core/ranking';
import { objectiveFields } from '../../../src/core/run/objective';
import type { RunRecord, ScoredCandidate } from '../../../src/core/runRecord';
import { reportRun } from '../../../src/core/run/runReport';
import type { RunView } from '../../../src/core/runView';
import { runToCsv } from '../../../src/extension/runs/exportFormats';
import { finishedToast } from '../../../src/extension/runs/finishedToast';
import { advanceProgress, initialProgress } from '../../../src/extension/runs/progressText';
import { rankRun } from '../../../src/webview/ranking';

const LAMBDA = 0.01;

function scored(id: string, instruction: string, score: number, at: { step: number; ordinal: number; lengthPenalty?: number; partial?: boolean }): ScoredCandidate {
  return {
    id,
    instruction,
    score,
    correct: Math.round(score * 20),
    total: 20,
    results: [],
    step: at.step,
    ordinal: at.ordinal,
    origin: at.step === 0 ? 'seed' : 'optimizer',
    ...objectiveFields(instruction, score, at.lengthPenalty ?? 0),
    ...(at.partial === true ? { partial: true } : {}),
    scoredAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A run where the highest raw score (b, long) loses to a shorter one (c) once length costs λ per token. */
function penalizedRun(): RunRecord & RunView {
  const long = 'Work through the problem step by step, double-check every step, show all of your work, and end with the final answer.';
  const candidates = [
    scored('a', 'Solve the problem.', 0.5, { step: 0, ordinal: 0, lengthPenalty: LAMBDA }),
    scored('b', long, 0.9, { step: 1, ordinal: 0, lengthPenalty: LAMBDA }),
    scored('c', 'Solve it step by step.', 0.85, { step: 1, ordinal: 1, lengthPenalty: LAMBDA }),
  ];
  return {
    id: 'run-penalty',
    status: 'finished',
    config: { seedInstructions: ['Solve the problem.'], steps: 1, lengthPenalty: LAMBDA },
    candidates,
    steps: [],
    usage: { calls: 0, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0, byModel: {} },
  } as unknown as RunRecord & RunView;
}

const t = (message: string, ...args: (string | number)[]): string => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));

function at(step: number, ordinal: number, score: number, extra: Partial<Rankable> = {}): Rankable {
  return { score, step, ordinal, ...extra };
}

describe('the one ranking rule (core/ranking.ts)', () => {
  it('ranks by objective when there is one, else by score; ties by step, then proposal order', () => {
    const items = [at(2, 0, 0.8), at(1, 1, 0.8), at(1, 0, 0.8), at(0, 0, 0.9, { objective: 0.7 }), at(3, 0, 0.75)];
    assert.deepEqual(rankCandidates(items), [items[2], items[1], items[0], items[4], items[3]]);
  });

  it('puts partly scored candidates after every fully scored one, whatever their score', () => {
    const partial = at(1, 0, 1, { partial: true });
    const full = at(1, 1, 0.2);
    assert.equal(bestCandidate([partial, full]), full);
    assert.equal(bestCandidate([partial]), partial, 'a partial one is best only when nothing was fully scored');
    assert.ok(compareCandidates(full, partial) < 0);
  });

  it('finds the same best by a linear scan as by sorting', () => {
    const items = Array.from({ length: 50 }, (_, i) => at(i % 7, i, ((i * 37) % 11) / 10, i % 5 === 0 ? { partial: true } : {}));
    assert.equal(bestCandidate(items), rankCandidates(items)[0]);
    assert.equal(bestCandidate([]), undefined);
  });

  it('lets a length penalty change the winner, and every front end names that same winner', () => {
    const record = penalizedRun();
    const rawBest = record.candidates.reduce((x, y) => (y.score > x.score ? y : x));
    assert.equal(rawBest.id, 'b', 'the fixture: b has the highest raw score');
    assert.equal(bestCandidate(record.candidates)?.id, 'c', 'with λ, the shorter c wins');
    assert.equal(bestCandidate(record.candidates.map(({ objective: _o, ...c }) => c))?.id, 'b', 'without λ, b wins');

    const panelFirst = rankRun(record).best?.id;
    const toastInsert = finishedToast(record.candidates, t)?.insert?.id;
    const cliBest = reportRun(record, 'run.json').best?.instruction;
    const csvFirst = runToCsv({ ...record, dataset: { file: 'd' }, metric: { kind: 'number' }, train: [], validation: [] } as unknown as RunRecord).split('\r\n')[1]?.split(',')[1];
    let progress = initialProgress();
    for (const candidate of record.candidates) {
      progress = advanceProgress(progress, { type: 'candidateScored', candidate, usage: record.usage });
    }
    assert.deepEqual(
      { panelFirst, toastInsert, cliBest, csvFirst, progressBest: progress.bestScore },
      { panelFirst: 'c', toastInsert: 'c', cliBest: 'Solve it step by step.', csvFirst: 'c', progressBest: 0.85 },
    );
  });

  it('says the paired verdict in the finished toast when it is about the winner, and only then', () => {
    const record = penalizedRun();
    const verdict = { test: 'mcnemar' as const, rows: 40, difference: 0.2, pValue: 0.01, wins: 9, losses: 1, verdict: 'better' as const, baselineId: 'a', sentence: 'better than your prompt on 40 validation rows (p = 0.01)' };
    assert.equal(finishedToast(record.candidates, t, { ...verdict, candidateId: 'c' })?.message, 'OPRO finished: the best prompt scores 85% (yours: 50%), better than your prompt on 40 validation rows (p = 0.01).');
    assert.equal(finishedToast(record.candidates, t, { ...verdict, candidateId: 'b' })?.message, 'OPRO finished: the best prompt scores 85% (yours: 50%).', 'a verdict about another candidate is not said');
  });

  it('offers no Insert Best when the user prompt stays the winner', () => {
    const record = penalizedRun();
    const seedOnly = record.candidates.filter((c) => c.origin === 'seed');
    assert.deepEqual(finishedToast(seedOnly, t), { message: 'OPRO finished: no candidate beat your prompt (50%).', insert: undefined });
  });
});
