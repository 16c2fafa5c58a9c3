import * as vscode from 'vscode';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { TEST_MODELS_EXTENSION_ID, TEST_VENDOR, type TestModel, type TestModelsApi } from '../lmProvider/api';
import { TEST_KEY } from './fakeModels';

/** The fake server behind the test-only language model provider, and that provider's API. */
export interface TestModels {
  server: FakeServer;
  provider: TestModelsApi;
  /** Lists `models` instead, once `vscode.lm` offers exactly them; forgets what the provider and the server saw. */
  offer(models: TestModel[]): Promise<void>;
}

/** The models the suite's provider lists unless a test says otherwise. */
export const DEFAULT_TEST_MODELS: TestModel[] = [
  { id: 'fake-scorer', name: 'Fake Scorer' },
  { id: 'fake-optimizer', name: 'Fake Optimizer' },
];

/**
 * Starts the suite's OpenAI-compatible server and points the test-only provider extension
 * (test/vscode/lmProvider, the harness's second extensionDevelopmentPath) at it.
 */
export async function useTestModels(models: TestModel[] = DEFAULT_TEST_MODELS): Promise<TestModels> {
  const extension = vscode.extensions.getExtension<TestModelsApi>(TEST_MODELS_EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`${TEST_MODELS_EXTENSION_ID} is not loaded: the harness passes test/vscode/lmProvider as a second extensionDevelopmentPath`);
  }
  const provider = await extension.activate();
  const server = await startFakeLlmServer({ apiKey: TEST_KEY });
  const offer = async (list: TestModel[]): Promise<void> => {
    provider.configure({ baseUrl: server.url, apiKey: TEST_KEY, models: list });
    server.resetStats();
    await untilOffered(list.map((m) => m.id));
  };
  await offer(models);
  return { server, provider, offer };
}

/** VS Code re-reads a provider's models after its change event; waits until it offers `ids`. */
async function untilOffered(ids: string[]): Promise<void> {
  const wanted = [...ids].sort().join(',');
  for (let attempt = 0; attempt < 100; attempt++) {
    const offered = (await vscode.lm.selectChatModels({ vendor: TEST_VENDOR })).map((m) => m.id).sort().join(',');
    if (offered === wanted) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`vscode.lm never offered the test models ${wanted}`);
}
