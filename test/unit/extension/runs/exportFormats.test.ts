import assert from 'node:assert/strict';
import type { RunRecord, ScoredCandidate } from '../../../../src/core/runRecord';
import { runToCsv, runToMarkdown } from '../../../../src/extension/runs/exportFormats';

function candidate(id: string, instruction: string, score: number, step: number): ScoredCandidate {
  return { id, instruction, score, step, ordinal: 0, origin: step === 0 ? 'seed' : 'optimizer', correct: Math.round(score * 10), total: 10, results: [], scoredAt: '2026-01-01T00:00:00.000Z' };
}

const record = {
  id: 'run-1',
  status: 'finished',
  stopReason: 'steps',
  createdAt: '2026-01-01T00:00:00.000Z',
  config: { seedInstructions: ['Solve it.'], steps: 1, position: 'Q_begin', scorer: { model: 's' }, optimizer: { model: 'o' } },
  dataset: { file: 'data.jsonl', rows: 10 },
  metric: { kind: 'number' },
  train: [0, 1],
  validation: [2],
  steps: [{ done: true }],
  usage: { calls: 3, promptTokens: 10, completionTokens: 5 },
  candidates: [candidate('a', 'Solve it.', 0.5, 0), candidate('b', 'Say "why", then | answer,\nbriefly', 0.9, 1)],
} as unknown as RunRecord;

describe('run exports', () => {
  it('CSV: one row per candidate, best first, quoted where needed', () => {
    assert.equal(
      runToCsv(record),
      'rank,id,step,origin,score,correct,total,validationScore,scoredAt,instruction\r\n' +
        '1,b,1,optimizer,0.9,9,10,,2026-01-01T00:00:00.000Z,"Say ""why"", then | answer,\nbriefly"\r\n' +
        '2,a,0,seed,0.5,5,10,,2026-01-01T00:00:00.000Z,Solve it.\r\n',
    );
  });

  it('Markdown: setup, best prompt and a table that survives pipes and newlines', () => {
    const md = runToMarkdown(record);
    assert.match(md, /^# OPRO run run-1\n/);
    assert.match(md, /## Best prompt\n\nTraining 90%\n\n```text\nSay "why", then \| answer,\nbriefly\n```/);
    assert.match(md, /\| 1 \| 90% \| – \| 1 \| optimizer \| Say "why", then \\\| answer,<br>briefly \|/);
    assert.match(md, /^- Scorer: `s` · optimizer: `o` · position Q_begin$/m);
  });

  it('Markdown names a VS Code model by name and vendor, with its id', () => {
    const copilot = { model: 'gpt-5-mini', label: 'GPT-5 mini · Copilot' };
    const md = runToMarkdown({ ...record, config: { ...record.config, scorer: copilot, optimizer: copilot } } as unknown as RunRecord);
    assert.match(md, /^- Scorer: GPT-5 mini · Copilot \(`gpt-5-mini`\) · optimizer: GPT-5 mini · Copilot \(`gpt-5-mini`\) · position Q_begin$/m);
  });
});
