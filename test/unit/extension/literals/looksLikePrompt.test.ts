import assert from 'node:assert/strict';
import { decodeLiteral } from '../../../../src/extension/literals/codec';
import { ContextReader } from '../../../../src/extension/literals/literalContext';
import { isPromptLiteral, looksLikePrompt } from '../../../../src/extension/literals/looksLikePrompt';
import { scanLiterals } from '../../../../src/extension/literals/scanLiterals';
import type { LiteralLanguage } from '../../../../src/extension/literals/types';

/** The decoded values of the literals of `text` that get the CodeLens. */
function lensed(language: LiteralLanguage, text: string): string[] {
  const literals = scanLiterals(language, text);
  const reader = new ContextReader(text, literals);
  return literals.map((l) => decodeLiteral(text, l).value).filter((value, i) => isPromptLiteral(value, reader.read(literals[i]!), language));
}

describe('looksLikePrompt', () => {
  it('accepts prose of at least 40 characters and six words', () => {
    assert.equal(looksLikePrompt('Solve the math problem and give only the final number.'), true);
  });

  it('accepts several lines of words', () => {
    assert.equal(looksLikePrompt('You are a helpful assistant.\nAnswer briefly.'), true);
  });

  it('rejects short strings, identifiers, paths, URLs, SQL and code', () => {
    for (const value of [
      'Hello world',
      'some_identifier_that_is_quite_long_indeed_yes',
      'https://example.com/a/very/long/path/that/goes/on',
      'SELECT name, id FROM users WHERE id = 1 AND active = true',
      'function add(a, b) {\n  return a + b;\n}',
    ]) {
      assert.equal(looksLikePrompt(value), false, value);
    }
  });
});

describe('isPromptLiteral (where the CodeLens goes)', () => {
  it('skips Python docstrings and bare string statements, module, class and function alike', () => {
    const text = [
      '"""This module answers questions about the weather for the dashboard and the mobile app."""',
      'class Bot:',
      '    """A bot that answers questions about the weather for the dashboard and more."""',
      '    def ask(self):',
      "        '''Asks the model a question about the weather and returns what it said back.'''",
      '        return "You are a weather assistant. Answer in one short sentence with the temperature."',
      'SYSTEM = ("You are terse. "',
      '          "Answer in one word.")',
    ].join('\n');
    assert.deepEqual(lensed('python', text), ['You are a weather assistant. Answer in one short sentence with the temperature.', 'You are terse. ', 'Answer in one word.']);
  });

  it('skips messages to people and the log: errors, l10n, logging, assertions, UI keys', () => {
    const text = [
      "throw new Error('The dataset file could not be read because the disk was not ready yet, try again later');",
      "vscode.l10n.t('Select a prompt, or put the cursor in a string literal, to optimize it and see the results');",
      "log.info('The run finished after all of its steps and the best candidate was saved to the run file');",
      "assert.equal(x, 'the value that the test expects to see here after the whole computation is done');",
      "const item = { title: 'Optimize the prompt with OPRO on a dataset of examples and see how it scores' };",
    ].join('\n');
    assert.deepEqual(lensed('js', text), []);
  });

  it('takes a short sentence where the code says prompt: a name, a chat message, a model call', () => {
    const text = [
      "const SYSTEM_PROMPT = 'You are a pirate.';",
      "const messages = [{ role: 'user', content: 'Summarize it now.' }];",
      "await llm.invoke('Tell a joke please.');",
      "const instructions: string = 'Reply in French only.';",
    ].join('\n');
    assert.deepEqual(lensed('js', text), ['You are a pirate.', 'Summarize it now.', 'Tell a joke please.', 'Reply in French only.']);
  });

  it('skips tagged templates (gql, html, sql) but not indentation tags such as dedent', () => {
    const text = 'const q = gql`query Users { users { id name email createdAt updatedAt role team } }`;\nconst prompt = dedent`\n  You are helpful.\n  Answer briefly.\n`;';
    assert.deepEqual(lensed('js', text), ['\n  You are helpful.\n  Answer briefly.\n']);
  });

  it('takes long prose the code says nothing about, but never a short identifier', () => {
    const text = "const a = 'Classify the sentiment of the following customer review as positive, negative or neutral.';\nconst b = 'gpt-4o-mini';";
    assert.deepEqual(lensed('js', text), ['Classify the sentiment of the following customer review as positive, negative or neutral.']);
  });

  it('in JSON, takes only values under prompt-like keys', () => {
    const text = '{"prompt": "Translate the text.", "question": "What is the capital of France, and which river flows through it today?"}';
    assert.deepEqual(lensed('json', text), ['Translate the text.']);
  });
});
