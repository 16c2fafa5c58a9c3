import assert from 'node:assert/strict';
import { looksLikePrompt } from '../../../../src/extension/literals/looksLikePrompt';

describe('looksLikePrompt', () => {
  it('accepts prose of at least 40 characters and six words', () => {
    assert.equal(looksLikePrompt('Solve the math problem and give only the final number.'), true);
  });

  it('accepts several lines of words', () => {
    assert.equal(looksLikePrompt('You are a helpful assistant.\nAnswer briefly.'), true);
  });

  it('rejects short strings, identifiers, paths, URLs and SQL', () => {
    for (const value of ['Hello world', 'some_identifier_that_is_quite_long_indeed_yes', 'https://example.com/a/very/long/path/that/goes/on', 'SELECT name, id FROM users WHERE id = 1 AND active = true']) {
      assert.equal(looksLikePrompt(value), false, value);
    }
  });
});
