import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../../../../src/core/config';
import { resumeRun, startRun } from '../../../../src/core/engine';
import { OproError } from '../../../../src/core/errors';
import { OPENAI_BASE_URL } from '../../../../src/core/llm/openaiClient';
import type { ModelConfig } from '../../../../src/core/llm/types';
import { restoreCredentials, resumeConfig, withRecordedEndpoints } from '../../../../src/core/run/resumeConfig';
import type { RunRecord } from '../../../../src/core/runRecord';
import { scriptedModels } from '../../../support/scriptedClient';
import { syntheticConfig, syntheticWorkspace } from '../../../support/syntheticRun';

const FILE = '/runs/r.json';
const ENDPOINT = 'http://127.0.0.1:9/v1';
const model = (extra: Partial<ModelConfig> = {}): ModelConfig => ({ model: 'm', temperature: 0, maxTokens: 16, baseUrl: ENDPOINT, ...extra });
const saved = (extra: Partial<RunConfig> = {}): RunConfig => ({ ...syntheticConfig(ENDPOINT, 'd.jsonl'), scorer: model(), optimizer: model(), ...extra });

function configError(fn: () => unknown): OproError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof OproError && err.kind === 'config', String(err));
    assert.ok(err.message.startsWith(`${FILE}: `), err.message);
    return err;
  }
  return assert.fail('expected a config error');
}

describe('resuming a saved run: keys and endpoints', () => {
  it('puts the key back into the scorer, the optimizer and the judge, and never into a VS Code model', () => {
    const config = saved({ judge: model({ model: 'judge' }) });
    const keyed = restoreCredentials(config, { apiKey: 'sk-1' });
    assert.deepEqual([keyed.scorer.apiKey, keyed.optimizer.apiKey, keyed.judge?.apiKey], ['sk-1', 'sk-1', 'sk-1']);
    const lm = restoreCredentials(saved({ scorer: model({ provider: 'vscode-lm', baseUrl: undefined }), optimizer: model({ provider: 'groq' }), judge: model({ provider: 'azure' }) }), { apiKey: 'sk-1' });
    assert.deepEqual([lm.scorer.apiKey, lm.optimizer.apiKey, lm.judge?.apiKey], [undefined, 'sk-1', 'sk-1'], 'every provider core serves (groq, azure…) gets the key');
    assert.equal(restoreCredentials(config, {}), config);
  });

  it('writes the default endpoint into a new run, so the file says where its requests went', () => {
    const config = withRecordedEndpoints(saved({ scorer: model({ baseUrl: undefined }), optimizer: model({ baseUrl: ' ' }), judge: model({ provider: 'vscode-lm', baseUrl: undefined }) }));
    assert.deepEqual([config.scorer.baseUrl, config.optimizer.baseUrl, config.judge?.baseUrl], [OPENAI_BASE_URL, OPENAI_BASE_URL, undefined]);
  });

  it('stops, saying what to set, when a role has no recorded endpoint, instead of falling back to api.openai.com', () => {
    const err = configError(() => resumeConfig(FILE, saved({ optimizer: model({ provider: 'mistral', baseUrl: undefined }) }), { credentials: { apiKey: 'sk-1' } }));
    assert.match(err.message, /does not record the endpoint of its optimizer model/);
    assert.match(err.hint ?? '', /"baseUrl".*config\.optimizer.*--base-url/);
    const noScorer = configError(() => resumeConfig(FILE, { ...saved(), scorer: undefined as unknown as ModelConfig }, {}));
    assert.match(noScorer.message, /does not record its scorer model \(config\.scorer\)/);
  });

  it('uses the endpoint the user names only where the run file records none, and never to move a recorded one', () => {
    const older = saved({ scorer: model({ baseUrl: undefined }), optimizer: model({ baseUrl: undefined }), judge: model({ provider: 'vscode-lm', baseUrl: undefined }) });
    const config = resumeConfig(FILE, older, { baseUrl: 'http://127.0.0.1:7/v1', credentials: { apiKey: 'sk-1' } });
    assert.deepEqual([config.scorer.baseUrl, config.optimizer.baseUrl, config.judge?.baseUrl, config.scorer.apiKey], ['http://127.0.0.1:7/v1', 'http://127.0.0.1:7/v1', undefined, 'sk-1']);
    assert.match(configError(() => resumeConfig(FILE, saved(), { baseUrl: 'https://elsewhere.example/v1' })).message, /talks only to the run's own endpoint/);
    assert.equal(resumeConfig(FILE, saved(), { baseUrl: `${ENDPOINT}/` }).scorer.baseUrl, ENDPOINT);
  });

  it('refuses a patch that would send any role, the judge included, to another endpoint', () => {
    const moveScorer = (c: RunConfig): RunConfig => ({ ...c, scorer: { ...c.scorer, baseUrl: 'https://api.openai.com/v1' } });
    assert.match(configError(() => resumeConfig(FILE, saved(), { patchConfig: moveScorer })).message, /the scorer would move from openai http:\/\/127\.0\.0\.1:9\/v1 to openai https:\/\/api\.openai\.com\/v1/);
    const addJudge = (c: RunConfig): RunConfig => ({ ...c, judge: model({ baseUrl: 'https://other.example/v1' }) });
    assert.match(configError(() => resumeConfig(FILE, saved(), { patchConfig: addJudge })).message, /the judge would move/);
    assert.equal(resumeConfig(FILE, saved(), { patchConfig: (c) => ({ ...c, steps: 99 }) }).steps, 99);
  });

  it('never creates a client for a run file that lost its scorer endpoint: the key goes nowhere', async () => {
    const ws = syntheticWorkspace(12);
    const models = scriptedModels(['<INS>Solve it.</INS>']);
    const runFile = join(ws.dir, 'run.json');
    await startRun(syntheticConfig(ENDPOINT, ws.datasetPath, { steps: 1, candidatesPerStep: 1 }), { runFile, createClient: models.createClient });
    const record = JSON.parse(readFileSync(runFile, 'utf8')) as RunRecord;
    delete record.config.scorer.baseUrl;
    writeFileSync(runFile, JSON.stringify({ ...record, status: 'cancelled' }));
    const asked: ModelConfig[] = [];
    const createClient = (m: ModelConfig): ReturnType<typeof models.createClient> => {
      asked.push(m);
      return models.createClient(m);
    };
    await assert.rejects(resumeRun(runFile, { runFile, createClient, credentials: { apiKey: 'sk-secret' }, patchConfig: (c) => ({ ...c, steps: 2 }) }), /does not record the endpoint of its scorer model/);
    assert.deepEqual(asked, []);
  });
});
