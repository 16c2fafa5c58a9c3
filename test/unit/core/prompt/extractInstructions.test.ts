import assert from 'node:assert/strict';
import { acceptProposals, extractInstruction } from '../../../../src/core/prompt/extractInstructions';

describe('extractInstruction', () => {
  it('takes the text between the first <INS> and </INS>, cleaned and capitalized', () => {
    assert.equal(extractInstruction('Sure! <INS> **think** it through.</INS> Hope this helps <INS>x</INS>', 'INS'), 'Think it through.');
  });

  it('reads from the start without an opening tag and to the end without a closing one', () => {
    assert.equal(extractInstruction('solve carefully.</INS>', 'INS'), 'Solve carefully.');
    assert.equal(extractInstruction('<INS>check units', 'INS'), 'Check units');
  });

  it('uses <Start> tags for A_begin and keeps non-ASCII text intact (official defect: crash on a curly apostrophe)', () => {
    assert.equal(extractInstruction('<Start>let’s go — étape par étape</Start>', 'Start'), 'Let’s go — étape par étape');
    assert.equal(extractInstruction('<INS>éviter les erreurs</INS>', 'INS'), 'Éviter les erreurs');
  });
});

describe('acceptProposals', () => {
  it('drops empty, duplicate, too long, tagged and placeholder-breaking proposals and says why', () => {
    const seen = new Set(['Old one.']);
    const outcome = acceptProposals(
      ['<INS>New {{q}}.</INS>', '<INS>New {{q}}.</INS>', '<INS>Old one.</INS>', '<INS></INS>', `<INS>${'x'.repeat(30)} {{q}}</INS>`, '<INS>Use <INS> here {{q}}</INS>', '<INS>Lost it.</INS>', '<INS>Made {{up}} {{q}}.</INS>'],
      { tag: 'INS', maxLength: 25, seen, template: 'Q: {{q}}' },
    );
    assert.deepEqual(outcome.accepted, ['New {{q}}.']);
    assert.deepEqual(
      outcome.rejected.map((r) => r.reason),
      ['duplicate', 'duplicate', 'empty', 'tooLong', 'hasTag', 'placeholders', 'placeholders'],
    );
    assert.ok(seen.has('New {{q}}.'));
  });

  it('ignores failed calls (empty replies) without counting them as rejections', () => {
    assert.deepEqual(acceptProposals(['', '<INS>A.</INS>'], { tag: 'INS', maxLength: 500, seen: new Set() }), { accepted: ['A.'], rejected: [] });
  });
});
