import assert from 'node:assert/strict';
import { makeRunRecord } from './fixtures';
import { usePanelPerTest } from './harness';
import { bestFirst, textOf } from './queries';

/** An instruction that reads "Pay now, xy" but holds an override, an isolate, a zero-width space and two tag characters ("IG"). */
const HIDDEN = 'Pay \u202Eevil\u202C now\u200B, \u2066x\u2069y \u{E0049}\u{E0047}';
/** Every character the panel must never show raw. */
const RAW = /[\u202A-\u202E\u2066-\u2069\u200B\u{E0000}-\u{E007F}]/u;
/** How the panel shows `HIDDEN`: each such character as its code point. */
const SHOWN = 'Pay U+202EevilU+202C nowU+200B, U+2066xU+2069y U+E0049U+E0047';

describe('invisible and bidi characters in model text', () => {
  const current = usePanelPerTest();

  it('shows each one as a visible marker wherever the panel shows text, and inserts and edits the text unchanged', async () => {
    const panel = current();
    const record = makeRunRecord({ payload: HIDDEN });
    const best = bestFirst(record.candidates)[0]!;
    const wrong = best.results.findIndex((r) => !r.correct);
    best.results[wrong] = { ...best.results[wrong]!, reason: `The judge says ${HIDDEN}` };
    record.steps[0]!.rejected.push({ text: HIDDEN, reason: 'duplicate' });
    await panel.send({ type: 'run/show', record, isLive: false });
    await panel.send({ type: 'notice/show', level: 'error', message: `A notice ${HIDDEN}` });
    await panel.page.click('.inspector-root > summary');
    await panel.page.click('.step[data-step="1"] > summary');

    const leaks = await panel.page.evaluate((source) => {
      const raw = new RegExp(source, 'u');
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE && raw.test(node.textContent ?? '')) {
          found.push(`text in <${node.parentElement?.tagName.toLowerCase()} class="${node.parentElement?.className}">`);
        }
        if (node instanceof Element) {
          found.push(...[...node.attributes].filter((a) => a.name !== 'value' && raw.test(a.value)).map((a) => `${a.name} of <${node.tagName.toLowerCase()}>`));
        }
      }
      return found;
    }, RAW.source);
    assert.deepEqual(leaks, [], 'no raw invisible or bidi character anywhere on the page');

    for (const region of ['.candidates-table', '.instruction-full', '.examples-table', '.step[data-step="1"]', '.status-line', '.run-header']) {
      const labels = await panel.page.$$eval(`${region} .invisible-char`, (els) => els.map((e) => e.textContent));
      assert.ok(labels.includes('U+202E'), `${region} shows U+202E: ${labels.join(' ')}`);
    }
    assert.equal(await textOf(panel.page, '.instruction-full'), best.instruction.replace(HIDDEN, SHOWN));
    assert.equal(await panel.page.getAttribute('.instruction-full .invisible-char', 'title'), 'U+202E RIGHT-TO-LEFT OVERRIDE: invisible in the text, kept when it is inserted or copied');
    const tagTitle = await panel.page.$$eval('.instruction-full .invisible-char', (els) => els.map((e) => e.getAttribute('title')).find((t) => t?.startsWith('U+E0049')));
    assert.equal(tagTitle, 'U+E0049 TAG CHARACTER (hides “I”): invisible in the text, kept when it is inserted or copied');

    const before = (await panel.posted()).length;
    await panel.page.click('.candidates-table tbody tr:first-child button[data-action="insert"]');
    const inserted = (await panel.postedSince(before)).map((m) => (m.type === 'prompt/insert' ? [m.type, m.text] : [m.type]));
    assert.deepEqual(inserted, [['prompt/insert', best.instruction]], 'the text inserted is the text as the model wrote it');
    await panel.page.click('.details button[data-action="edit"]');
    assert.equal(await panel.page.inputValue('#draft'), best.instruction);
    assert.equal(
      await textOf(panel.page, '.draft-invisible'),
      'Holds invisible characters, kept as they are: U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING, U+200B ZERO WIDTH SPACE, ' +
        'U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE, U+E0049 TAG CHARACTER (hides “I”), U+E0047 TAG CHARACTER (hides “G”).',
    );
    assert.deepEqual(await panel.violations(), []);
    assert.deepEqual(panel.problems, []);
  });

  it('leaves ordinary text alone: emoji sequences, Persian with its zero-width non-joiner, tabs and line breaks', async () => {
    const panel = current();
    const plain = 'Family 👨‍👩‍👧 ❤️ and می‌خواهم\tthen\na new line';
    const record = makeRunRecord({ payload: plain });
    await panel.send({ type: 'run/show', record, isLive: false });
    assert.equal(await panel.page.locator('.invisible-char').count(), 0);
    assert.ok((await textOf(panel.page, '.instruction-full')).endsWith(plain));
  });
});
