import assert from 'node:assert/strict';
import { distinctOpenings } from '../../../src/webview/distinctOpenings';

const SEED = 'Solve the arithmetic problem step by step, write down every quantity the problem gives, check each intermediate result twice, and then';

describe('distinctOpenings', () => {
  it('shows the first words and the part that differs for instructions sharing a long opening', () => {
    const a = `${SEED} reply with the number only.`;
    const b = `${SEED} reply with a sentence.`;
    const c = 'Answer briefly.';
    assert.deepEqual(Object.fromEntries(distinctOpenings([a, b, c])), {
      [a]: { lead: 'Solve the arithmetic', rest: 'the number only.' },
      [b]: { lead: 'Solve the arithmetic', rest: 'a sentence.' },
      [c]: { lead: '', rest: c },
    });
  });

  it('compares each instruction with the one it shares most with, not only its table neighbour', () => {
    const near = `${SEED} reply with the number.`;
    const nearer = `${SEED} reply with the number, nothing else.`;
    const other = `${SEED} answer in words.`;
    const openings = distinctOpenings([near, other, nearer]);
    assert.equal(openings.get(nearer)?.rest, 'number, nothing else.');
    assert.equal(openings.get(near)?.rest, 'number.');
    assert.equal(openings.get(other)?.rest, 'answer in words.');
  });

  it('keeps instructions whole when the shared opening is short, or the whole text fits in the row', () => {
    const tail = ' Think about the units, the order of operations and any remainder before you write the final answer down.';
    const texts = [`Solve the problem. Reply with a number.${tail}`, `Solve the problem. Show your work.${tail}`, `${SEED.slice(0, 90)} reply.`, `${SEED.slice(0, 90)} answer.`];
    for (const [text, opening] of distinctOpenings(texts)) {
      assert.deepEqual(opening, { lead: '', rest: text });
    }
  });

  it('starts the distinct part at a word, never inside one', () => {
    const a = `${SEED} respond kindly.`;
    const b = `${SEED} reply tersely.`;
    assert.equal(distinctOpenings([a, b]).get(a)?.rest, 'respond kindly.');
  });
});
