import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example } from '../../../../src/core/dataset/types';
import { customScorerGrader, gradeFromValue } from '../../../../src/core/grading/customScorer';
import { buildJudgeMessages, parseJudgeReply } from '../../../../src/core/grading/judgePrompt';
import { checkAnswer } from '../../../../src/core/metrics/checkAnswer';
import { scratchDir } from '../../../support/scratchDir';
import { detectMetricKind } from '../../../../src/core/metrics/detectMetric';

const row = (input: string, target = 'x'): Example => ({ index: 0, line: 1, input, target, fields: { input, target } });

describe('the json metric', () => {
  it('reads JSON from a fenced reply and compares it field by field', () => {
    const verdict = checkAnswer('Here you go:\n```json\n{"name": "Ada", "age": 36, "city": "London"}\n```', '{"name":"ada","age":"36","city":"Paris"}', { kind: 'json' });
    assert.equal(verdict.correct, false);
    assert.equal(verdict.score, 2 / 3);
  });

  it('compares only the chosen fields', () => {
    assert.equal(checkAnswer('{"name":"Ada","city":"Rome"}', '{"name":"Ada","city":"Paris"}', { kind: 'json', fields: ['name'] }).correct, true);
  });

  it('gives no credit to an output that is not JSON at all', () => {
    assert.deepEqual(checkAnswer('name: Ada', '{"name":"Ada"}', { kind: 'json' }), { answer: '', correct: false, score: 0 });
  });

  it('is detected when every target is a JSON object', () => {
    assert.equal(detectMetricKind(['{"a":1}', '{"a":2,"b":[1]}']), 'json');
  });
});

describe('the LLM judge prompt', () => {
  it('puts the rubric, input, reference and answer in one user message under a fixed system message', () => {
    const [system, user] = buildJudgeMessages('Be kind.', { input: 'Q?', expected: 'A', output: 'B' });
    assert.equal(system?.role, 'system');
    assert.equal(user?.content, 'Rubric:\nBe kind.\n\nInput:\nQ?\n\nReference answer:\nA\n\nAnswer to grade:\nB');
  });

  it('reads scores as JSON, as n/10 and as percentages, clamped to [0, 1]', () => {
    assert.deepEqual(parseJudgeReply('{"score": 0.75, "reason": "ok"}'), { score: 0.75, reason: 'ok' });
    assert.equal(parseJudgeReply('Score: 7/10. Good.')?.score, 0.7);
    assert.equal(parseJudgeReply('{"score": 85}')?.score, 0.85);
    assert.equal(parseJudgeReply('I cannot grade this.'), undefined);
  });
});

describe('custom scorers', () => {
  const dir = scratchDir('opro-scorer-');

  it('accepts numbers, booleans and { score, reason }, and rejects anything else with a message', () => {
    assert.equal(gradeFromValue(0.25).score, 0.25);
    assert.deepEqual(gradeFromValue(true), { answer: '1.00', correct: true, score: 1 });
    assert.equal(gradeFromValue({ score: 0.9, reason: 'close' }).reason, 'close');
    assert.match(gradeFromValue('yes').error ?? '', /expected a number in \[0, 1\]/);
    assert.match(gradeFromValue(3).error ?? '', /expected a number/);
  });

  it('runs an async module and records a throw, a wrong type and a hang against their own examples only', async () => {
    const file = join(dir, 'scorer.mjs');
    writeFileSync(
      file,
      `export async function score({ input, expected, output, row }) {
        if (input === 'throw') throw new Error('boom');
        if (input === 'type') return 'nope';
        if (input === 'hang') { for (;;) {} }
        return { score: output === expected ? 1 : 0, reason: 'row has ' + Object.keys(row).length + ' fields' };
      }`,
    );
    // Long enough for a worker to start and load the module on a loaded machine; the hang still hits it.
    const grader = customScorerGrader({ file, timeoutMs: 2000 });
    try {
      const grades = await Promise.all([
        grader.grade('x', row('fine')),
        grader.grade('x', row('throw')),
        grader.grade('x', row('type')),
        grader.grade('x', row('hang')),
        grader.grade('y', row('wrong')),
      ]);
      assert.deepEqual(grades[0], { answer: '1.00', correct: true, score: 1, reason: 'row has 2 fields' });
      assert.match(grades[1]?.error ?? '', /score\(\) threw: boom/);
      assert.match(grades[2]?.error ?? '', /returned "nope"/);
      assert.match(grades[3]?.error ?? '', /took longer than 2000 ms/);
      assert.equal(grades[4]?.score, 0);
      const after = await grader.grade('x', row('again'));
      assert.equal(after.score, 1, 'the scorer keeps working after a hang was cut off');
    } finally {
      await grader.close?.();
    }
  });

  it('reports a module without a score export on every example', async () => {
    const file = join(dir, 'empty.js');
    writeFileSync(file, 'module.exports = { nothing: 1 };');
    const grader = customScorerGrader({ file, timeoutMs: 2000 });
    try {
      const grade = await grader.grade('x', row('a'));
      assert.match(grade.error ?? '', /does not export a function named score/);
    } finally {
      await grader.close?.();
    }
  });
});
