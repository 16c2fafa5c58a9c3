import assert from 'node:assert/strict';
import { renderReplacement, resolvePromptTarget, type PromptTarget } from '../../../../src/extension/literals/promptTarget';
import { promptFileKind } from '../../../../src/extension/promptFiles/promptFileKind';

function target(text: string, fileName: string, selection = { start: text.length, end: text.length }): PromptTarget | undefined {
  return resolvePromptTarget({ text, languageId: 'markdown', fileName, selection });
}

function replaced(text: string, t: PromptTarget, instruction: string): string {
  return text.slice(0, t.span.start) + renderReplacement(t, instruction) + text.slice(t.span.end);
}

const PROMPT_FILE = "---\r\nmode: 'agent'\r\ndescription: Review a diff\r\n---\r\n\r\nReview ${selection} for ${input:focus:security, speed…} issues.\r\nBe brief.\r\n";

describe('prompt files', () => {
  it('tells the kinds by language id, else by name', () => {
    assert.equal(promptFileKind('/w/a.txt', 'prompt'), 'prompt');
    assert.equal(promptFileKind('/w/x.agent.md', 'markdown'), 'agent');
    assert.equal(promptFileKind('/w/.github/copilot-instructions.md', 'markdown'), 'instructions');
    assert.equal(promptFileKind('/w/chat.prompty', 'plaintext'), 'prompty');
    assert.equal(promptFileKind('/w/README.md', 'markdown'), undefined);
  });

  it('optimizes the body of a .prompt.md with its variables as columns, and keeps the front matter byte for byte', () => {
    const t = target(PROMPT_FILE, '/w/.github/prompts/review.prompt.md')!;
    assert.equal(t.value, 'Review {{selection}} for {{focus}} issues.\r\nBe brief.');
    assert.deepEqual(t.hint, { position: 'Q_begin', reason: 'promptFile' });
    const after = replaced(PROMPT_FILE, t, 'Check {{selection}} for {{focus}} problems; list each.');
    assert.equal(after, "---\r\nmode: 'agent'\r\ndescription: Review a diff\r\n---\r\n\r\nCheck ${selection} for ${input:focus:security, speed…} problems; list each.\r\n");
  });

  it('suggests the system layout for instructions and agent files', () => {
    assert.equal(target('---\napplyTo: "**/*.ts"\n---\nUse tabs.\n', '/w/ts.instructions.md')?.hint?.position, 'system');
    assert.equal(target('You are a reviewer.\n', '/w/review.agent.md')?.hint?.position, 'system');
  });

  it('takes only the selected part of a body when one is selected, else the whole body wherever the cursor is', () => {
    const text = '---\nx: 1\n---\nFirst line.\nSecond line.\n';
    assert.equal(target(text, '/w/a.prompt.md', { start: 13, end: 24 })?.value, 'First line.');
    assert.equal(target(text, '/w/a.prompt.md', { start: 2, end: 2 })?.value, 'First line.\nSecond line.');
    assert.equal(target(text, '/w/a.prompt.md', { start: 0, end: text.length })?.value, 'First line.\nSecond line.');
  });

  it('finds nothing in a prompt file with an empty body', () => {
    assert.equal(target('---\nname: x\n---\n\n', '/w/a.prompt.md'), undefined);
  });
});

describe('Prompty files', () => {
  const PROMPTY = '---\nname: Support\ninputs:\n  question:\n    type: string\n---\nsystem:\nYou are a support agent for Contoso.\nBe polite.\n\nuser:\n{{question}}\n';

  it('optimizes the system section as the system message, with the user placeholder as the input column', () => {
    const t = target(PROMPTY, '/w/support.prompty')!;
    assert.equal(t.value, 'You are a support agent for Contoso.\nBe polite.');
    assert.deepEqual(t.hint, { position: 'system', reason: 'promptySystem', inputColumn: 'question' });
    assert.equal(replaced(PROMPTY, t, 'You help Contoso customers.'), PROMPTY.replace('You are a support agent for Contoso.\nBe polite.', 'You help Contoso customers.'));
  });

  it('says when the user section is more than one placeholder', () => {
    const t = target('---\nname: x\n---\nsystem:\nBe brief.\nuser:\nContext: {{context}}\nQuestion: {{question}}\n', '/w/x.prompty');
    assert.equal(t?.hint?.isUserSectionReplaced, true);
    assert.equal(t?.hint?.inputColumn, undefined);
  });

  it('reads a body without role markers as the system message, and one with only a user section as a template', () => {
    assert.equal(target('---\nname: x\n---\nYou are terse.\n', '/w/x.prompty')?.hint?.position, 'system');
    const onlyUser = target('---\nname: x\n---\nuser:\nTranslate {{text}} to French.\n', '/w/x.prompty');
    assert.equal(onlyUser?.value, 'Translate {{text}} to French.');
    assert.equal(onlyUser?.hint, undefined);
  });
});
