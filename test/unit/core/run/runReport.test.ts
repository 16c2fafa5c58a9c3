import assert from 'node:assert/strict';
import { fenced } from '../../../../src/core/run/runReport';

describe('a prompt quoted in a report', () => {
  it('sits in a fence longer than any backtick run inside it, so it reads back verbatim', () => {
    assert.equal(fenced('Answer.'), '```\nAnswer.\n```');
    const tricky = 'Reply with ```json\n{}\n``` and nothing else.';
    const quoted = fenced(tricky);
    assert.ok(quoted.startsWith('````\n') && quoted.endsWith('\n````'));
    assert.equal(quoted.slice(5, -5), tricky);
  });
});
