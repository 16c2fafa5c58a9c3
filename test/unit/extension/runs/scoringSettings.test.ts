import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { resolveScoring, type ScoringContext } from '../../../../src/extension/runs/scoringSettings';
import { normalizeSettings } from '../../../../src/extension/settingValues';

const settingsOf = (raw: Record<string, unknown>) => normalizeSettings((key) => raw[key]);

/** A workspace at /ws holding `files`; reading anything else fails like the file system does. */
function workspace(files: Record<string, string>, overrides: Partial<ScoringContext> = {}): ScoringContext {
  return {
    workspaceRoot: '/ws',
    isTrusted: true,
    readText: async (file) => {
      const text = files[file];
      if (text === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
      }
      return text;
    },
    isFile: async (file) => file in files,
    ...overrides,
  };
}

async function configError(promise: Promise<unknown>): Promise<OproError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof OproError && err.kind === 'config', `expected a config error, got ${String(err)}`);
  return err;
}

describe('resolveScoring', () => {
  it('leaves auto to core and maps rule metrics, with opro.jsonFields only for json', async () => {
    const ws = workspace({});
    assert.deepEqual(await resolveScoring(settingsOf({}), ws), {});
    assert.deepEqual(await resolveScoring(settingsOf({ 'opro.metric': 'contains', 'opro.jsonFields': ['a'] }), ws), { metric: { kind: 'contains' } });
    assert.deepEqual(await resolveScoring(settingsOf({ 'opro.metric': 'json' }), ws), { metric: { kind: 'json' } });
    assert.deepEqual(await resolveScoring(settingsOf({ 'opro.metric': 'json', 'opro.jsonFields': ['name', 'age'] }), ws), { metric: { kind: 'json', fields: ['name', 'age'] } });
  });

  it('grades with the inline rubric, or with the rubric file, which wins when both are set', async () => {
    const ws = workspace({ '/ws/rubrics/reply.md': '# Rubric\nPolite and correct.\n' });
    assert.deepEqual(await resolveScoring(settingsOf({ 'opro.metric': 'judge', 'opro.judge.rubric': 'Short answers win.' }), ws), { grader: { kind: 'judge', rubric: 'Short answers win.' } });
    const both = settingsOf({ 'opro.metric': 'judge', 'opro.judge.rubric': 'ignored', 'opro.judge.rubricFile': 'rubrics/reply.md' });
    assert.deepEqual(await resolveScoring(both, ws), { grader: { kind: 'judge', rubric: '# Rubric\nPolite and correct.' } });
  });

  it('names the missing rubric file and the setting to fix', async () => {
    const err = await configError(resolveScoring(settingsOf({ 'opro.metric': 'judge', 'opro.judge.rubricFile': 'rubrics/gone.md' }), workspace({})));
    assert.equal(err.message, "Cannot read the judge's rubric file rubrics/gone.md (no such file). Create it, or point opro.judge.rubricFile at a text file in the workspace.");
    assert.equal(err.setting, 'opro.judge.rubricFile');
  });

  it('refuses a judge without a rubric, and an empty rubric file', async () => {
    const none = await configError(resolveScoring(settingsOf({ 'opro.metric': 'judge' }), workspace({})));
    assert.match(none.message, /^The LLM judge needs a rubric, but no rubric is set\./);
    assert.equal(none.setting, 'opro.judge.rubric');
    const empty = await configError(resolveScoring(settingsOf({ 'opro.metric': 'judge', 'opro.judge.rubricFile': 'r.md' }), workspace({ '/ws/r.md': ' \n' })));
    assert.match(empty.message, /but r\.md is empty\./);
  });

  it('resolves the custom scorer against the workspace folder', async () => {
    const ws = workspace({ '/ws/scorers/score.mjs': 'export const score = () => 1;' });
    assert.deepEqual(await resolveScoring(settingsOf({ 'opro.metric': 'custom', 'opro.customScorer': 'scorers/score.mjs' }), ws), { grader: { kind: 'custom', module: '/ws/scorers/score.mjs' } });
    assert.deepEqual(await resolveScoring(settingsOf({ 'opro.metric': 'custom', 'opro.customScorer': '/ws/scorers/score.mjs' }), { ...ws, workspaceRoot: undefined }), {
      grader: { kind: 'custom', module: '/ws/scorers/score.mjs' },
    });
  });

  it('never resolves a custom scorer in an untrusted workspace, and says so', async () => {
    const err = await configError(resolveScoring(settingsOf({ 'opro.metric': 'custom', 'opro.customScorer': 's.js' }), workspace({ '/ws/s.js': '' }, { isTrusted: false })));
    assert.match(err.message, /^The custom scorer s\.js runs workspace code, and this workspace is not trusted\./);
  });

  it('explains a missing, non-JavaScript or absent scorer module, naming opro.customScorer', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /no scorer module is set/],
      [{ 'opro.customScorer': 'score.py' }, /score\.py is not a JavaScript module/],
      [{ 'opro.customScorer': 'missing.mjs' }, /missing\.mjs does not exist in the workspace/],
    ];
    for (const [raw, message] of cases) {
      const err = await configError(resolveScoring(settingsOf({ 'opro.metric': 'custom', ...raw }), workspace({})));
      assert.match(err.message, message);
      assert.equal(err.setting, 'opro.customScorer');
    }
    const noFolder = await configError(resolveScoring(settingsOf({ 'opro.metric': 'custom', 'opro.customScorer': 's.mjs' }), workspace({}, { workspaceRoot: undefined })));
    assert.match(noFolder.message, /workspace-relative path \(s\.mjs\), but no folder is open/);
  });
});
