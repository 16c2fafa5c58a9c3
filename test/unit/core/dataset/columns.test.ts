import assert from 'node:assert/strict';
import { ColumnChoiceError, DatasetError } from '../../../../src/core/errors';
import { detectColumns, loadDataset } from '../../../../src/core/dataset';
import { rejectsWithDatasetError, writeDataset } from './tempDataset';

const FILE = 'data.csv';

function detectionError(columns: string[], options: Parameters<typeof detectColumns>[2] = {}): DatasetError {
  try {
    detectColumns(FILE, columns, options);
  } catch (err) {
    assert.ok(err instanceof DatasetError);
    assert.equal(err.file, FILE);
    assert.equal(err.line, undefined);
    return err;
  }
  assert.fail('expected detectColumns to throw');
}

describe('detectColumns: choosing columns', () => {
  it('picks the first known name in priority order', () => {
    assert.deepEqual(detectColumns(FILE, ['text', 'label', 'input', 'output', 'question']), {
      inputColumn: 'question',
      targetColumn: 'output',
    });
  });

  it('matches known names in any case', () => {
    assert.deepEqual(detectColumns(FILE, ['ID', 'QUESTION', 'Expected']), { inputColumn: 'QUESTION', targetColumn: 'Expected' });
  });

  it('prefers an exact name to a higher-priority name in another case', () => {
    assert.deepEqual(detectColumns(FILE, ['Question', 'input', 'Answer', 'target']), {
      inputColumn: 'input',
      targetColumn: 'target',
    });
  });

  it('uses the columns the user named, exactly or in another case', () => {
    assert.deepEqual(detectColumns(FILE, ['problem', 'Solution', 'answer'], { inputColumn: 'problem', targetColumn: 'solution' }), {
      inputColumn: 'problem',
      targetColumn: 'Solution',
    });
  });

  it('does not reuse a user-chosen target as the detected input', () => {
    assert.deepEqual(detectColumns(FILE, ['question', 'prompt'], { targetColumn: 'question' }), {
      inputColumn: 'prompt',
      targetColumn: 'question',
    });
  });
});

describe('detectColumns: errors', () => {
  it('rejects a user-named column that does not exist, listing the columns', () => {
    const err = detectionError(['question', 'answer'], { targetColumn: 'gold' });
    assert.equal(
      err.message,
      'data.csv: there is no target column `gold` among [question, answer]. ' +
        'Set the target column (--target-column / opro.targetColumn) to one of those names',
    );
  });

  it('rejects the same column as input and target', () => {
    const err = detectionError(['question', 'answer'], { inputColumn: 'answer' });
    assert.match(err.message, /the input and target columns are both `answer`/);
  });

  it('explains how to name or choose a target column when none is found', () => {
    const err = detectionError(['question', 'reply']);
    assert.equal(
      err.message,
      'data.csv: no target column among [question, reply]. ' +
        'Name one column answer/target/output/label/expected, or set the target column (--target-column / opro.targetColumn)',
    );
  });

  it('explains how to name or choose an input column when none is found', () => {
    const err = detectionError(['problem', 'answer']);
    assert.equal(
      err.message,
      'data.csv: no input column among [problem, answer]. ' +
        'Name one column question/input/prompt/text/query, or set the input column (--input-column / opro.inputColumn)',
    );
  });

  it('shortens a long column list in messages', () => {
    const columns = Array.from({ length: 25 }, (_, i) => `c${i}`);
    assert.match(detectionError(columns).message, /\[c0, c1, .*c19, … 5 more\]/);
  });
});

describe('detectColumns: what a front end needs to ask', () => {
  it('says which role has no column and lists every column of the file, so the extension can ask without reading it again', async () => {
    for (const [columns, options, role, offered] of [
      [['prompt_text', 'gold'], {}, 'target', ['prompt_text', 'gold']],
      [['body', 'answer'], {}, 'input', ['body', 'answer']],
      [['question', 'answer'], { targetColumn: 'nope' }, 'target', ['question', 'answer']],
      [['question', 'answer'], { inputColumn: 'answer', targetColumn: 'answer' }, 'target', ['question', 'answer']],
    ] as const) {
      const err = detectionError([...columns], options);
      assert.ok(err instanceof ColumnChoiceError, err.message);
      assert.deepEqual([err.role, err.columns], [role, offered]);
    }
    const file = writeDataset('unnamed.jsonl', '{"q": "1+1", "a": "2"}\n{"q": "2+2", "a": "4", "note": "x"}\n');
    await assert.rejects(loadDataset(file), (err: unknown) => err instanceof ColumnChoiceError && err.role === 'target' && err.columns.join() === 'q,a,note');
  });

  it('keeps a placeholder that names no column a plain dataset error (no column choice fixes it)', () => {
    const err = detectionError(['question', 'answer'], { templateColumns: ['topic'] });
    assert.equal(err instanceof ColumnChoiceError, false);
  });
});

describe('detectColumns: template mode', () => {
  it('allows a dataset without an input column', () => {
    assert.deepEqual(detectColumns(FILE, ['city', 'country', 'answer'], { templateColumns: ['city', 'country'] }), {
      inputColumn: undefined,
      targetColumn: 'answer',
    });
  });

  it('still detects an input column when one exists', () => {
    assert.deepEqual(detectColumns(FILE, ['question', 'answer'], { templateColumns: ['question'] }).inputColumn, 'question');
  });

  it('lists every placeholder that names no column, and the columns there are', () => {
    const err = detectionError(['city', 'answer'], { templateColumns: ['city', 'country', 'year', 'country'] });
    assert.match(err.message, /placeholders \{\{country\}\}, \{\{year\}\} name no column; the columns are \[city, answer\]/);
    assert.match(err.message, /Rename the placeholders/);
  });
});

describe('loadDataset in template mode', () => {
  it('builds the input from the row fields as key: value lines without the target', async () => {
    const file = writeDataset('template.jsonl', '{"city": "Paris", "year": 1900, "answer": "France"}\n');
    const dataset = await loadDataset(file, { templateColumns: ['city', 'year'] });
    assert.equal(dataset.inputColumn, undefined);
    assert.deepEqual(dataset.examples[0], {
      index: 0,
      line: 1,
      input: 'city: Paris\nyear: 1900',
      target: 'France',
      fields: { city: 'Paris', year: '1900', answer: 'France' },
    });
  });

  it('reports placeholders that name no column of the file', async () => {
    const file = writeDataset('template.csv', 'city,answer\nParis,France\n');
    await rejectsWithDatasetError(loadDataset(file, { templateColumns: ['town'] }), file, {
      line: undefined,
      includes: ['{{town}}', '[city, answer]'],
    });
  });
});
