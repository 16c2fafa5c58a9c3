import assert from 'node:assert/strict';
import { renderReplacement, resolvePromptTarget, type PromptTarget } from '../../../../src/extension/literals/promptTarget';

/** Resolves with the cursor at `|` or the selection between `[` and `]` (markers removed). */
function targetAt(marked: string, languageId: string): { text: string; target: PromptTarget | undefined } {
  const cursor = marked.indexOf('|');
  const open = marked.indexOf('[');
  const text = marked.replace(/[|[\]]/g, '');
  const selection = cursor !== -1 ? { start: cursor, end: cursor } : { start: open, end: marked.indexOf(']') - 1 };
  return { text, target: resolvePromptTarget({ text, languageId, selection }) };
}

/** The file after replacing the target with `instruction`. */
function replaced(text: string, target: PromptTarget, instruction: string): string {
  return text.slice(0, target.span.start) + renderReplacement(target, instruction) + text.slice(target.span.end);
}

describe('resolvePromptTarget', () => {
  it('takes the whole literal under the cursor, decoded', () => {
    const { text, target } = targetAt('const p = "Answer \\"briefly\\"|.\\nThanks";', 'typescript');
    assert.equal(target?.value, 'Answer "briefly".\nThanks');
    assert.equal(text.slice(target.span.start, target.span.end), '"Answer \\"briefly\\".\\nThanks"');
    assert.equal(replaced(text, target, "It's 'fine'"), `const p = "It's 'fine'";`);
  });

  it('takes the literal when the cursor sits on its closing quote', () => {
    assert.equal(targetAt(`x = 'abc'|`, 'python').target?.value, 'abc');
  });

  it('takes the part of a literal that is selected and keeps the rest around it', () => {
    const { text, target } = targetAt("prompt = f'''Hello {name}.\n[Answer in {lang}]!'''", 'python');
    assert.equal(target?.value, 'Answer in {{lang}}');
    assert.equal(replaced(text, target!, 'Reply in {{lang}}; use {braces}'), "prompt = f'''Hello {name}.\nReply in {lang}; use {{braces}}!'''");
  });

  it('widens a selection that cuts through a substitution', () => {
    const { target } = targetAt('const t = `A [${na]me} B`;', 'typescript');
    assert.equal(target?.value, '{{name}}');
    assert.deepEqual(target?.placeholders, { name: '${name}' });
  });

  it('treats a selection spanning code as raw text', () => {
    const { target } = targetAt('[call("a", "b")]', 'typescript');
    assert.deepEqual(target, { span: { start: 0, end: 14 }, value: 'call("a", "b")' });
  });

  it('takes the paragraph around the cursor in Markdown', () => {
    const { text, target } = targetAt('# Title\n\nFirst line\nsec|ond line\n\nNext', 'markdown');
    assert.equal(text.slice(target!.span.start, target!.span.end), 'First line\nsecond line');
    assert.equal(target?.literal, undefined);
  });

  it('finds nothing outside literals in code, or on a blank Markdown line', () => {
    assert.equal(targetAt('const |x = 1;', 'typescript').target, undefined);
    assert.equal(targetAt('a\n|\nb', 'markdown').target, undefined);
  });

  it('turns a Go raw string into an interpreted one when the new prompt has a backtick', () => {
    const { text, target } = targetAt('p := `Say |hi`', 'go');
    assert.equal(replaced(text, target!, 'Use `code`'), 'p := "Use `code`"');
  });

  it('re-escapes JSON values', () => {
    const { text, target } = targetAt('{"prompt": "Be |nice"}', 'json');
    assert.equal(replaced(text, target!, 'Say "hi"\n'), '{"prompt": "Say \\"hi\\"\\n"}');
  });

  it('offers a template literal as a template: each variable a {{column}}, written back as code', () => {
    const { text, target } = targetAt('const p = `Review: ${review}.| Rate ${row.stars} stars`;', 'typescript');
    assert.equal(target?.value, 'Review: {{review}}. Rate {{stars}} stars');
    assert.deepEqual(target?.placeholders, { review: '${review}', stars: '${row.stars}' });
    assert.equal(replaced(text, target!, 'Rate the review {{review}} with {{stars}} stars. Use `code`.'), 'const p = `Rate the review ${review} with ${row.stars} stars. Use \\`code\\`.`;');
  });

  it('maps f-string fields with conversions and format specs, and keeps doubled braces as text', () => {
    const { text, target } = targetAt("msg = f'Hi {user.name!r}, {{literal}} score {score:>5}|'", 'python');
    assert.equal(target?.value, 'Hi {{name}}, {literal} score {{score}}');
    assert.equal(replaced(text, target!, '{{name}}: {{score}} {x}'), "msg = f'{user.name!r}: {score:>5} {{x}}'");
  });

  it('keeps expressions as written and names them, since no column can fill them', () => {
    const { target } = targetAt('const p = `Items: ${items.join(", ")}| for ${user}`;', 'typescript');
    assert.equal(target?.value, 'Items: ${items.join(", ")} for ${user}');
    assert.equal(target?.placeholders, undefined);
    assert.deepEqual(target?.hint?.unmapped, ['${items.join(", ")}']);
  });

  it('gives two paths with the same last name their whole paths', () => {
    const { target } = targetAt('const p = `${a.text} vs ${b.text}|`;', 'typescript');
    assert.equal(target?.value, '{{text}} vs {{b.text}}');
  });

  it('suggests the system layout for the content of a system message, in JS and Python', () => {
    for (const [source, language] of [
      ["const m = [{ role: 'system', content: 'You are a terse |assistant.' }];", 'typescript'],
      ['messages = [{"role": "system", "content": "You are a terse |assistant."}]', 'python'],
      ['m = dict(role="system", content="You are a terse |assistant.")', 'python'],
      ['SystemMessage(content="You are a terse |assistant.")', 'python'],
      ['prompt = ChatPromptTemplate.from_messages([("system", "You are a terse |assistant."), ("human", "{q}")])', 'python'],
      ['client.messages.create(system="You are a terse |assistant.", messages=msgs)', 'python'],
      ['msg := openai.ChatCompletionMessage{Role: openai.ChatMessageRoleSystem, Content: "You are a terse |assistant."}', 'go'],
    ] as const) {
      assert.equal(targetAt(source, language).target?.hint?.position, 'system', source);
    }
  });

  it('suggests nothing for a user message or a plain string', () => {
    assert.equal(targetAt("const m = { role: 'user', content: 'Summarize the |text.' };", 'typescript').target?.hint, undefined);
    assert.equal(targetAt("const p = 'Summarize the |text.';", 'typescript').target?.hint, undefined);
  });
});
