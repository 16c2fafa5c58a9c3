import { startFakeLlmServer, type FakeServer, type FakeServerOptions } from '../../support/fakeLlmServer';
import { setSettings } from './workspace';

/** The key the fake server expects; the harness puts it in the extension host's OPENAI_API_KEY. */
export const TEST_KEY = 'test-key';

/**
 * Starts the suite's OpenAI-compatible server inside the extension host (127.0.0.1, random port)
 * and points the extension at it with small, fast run settings.
 */
export async function useFakeModels(options: FakeServerOptions = {}, settings: Record<string, unknown> = {}): Promise<FakeServer> {
  const server = await startFakeLlmServer({ apiKey: TEST_KEY, ...options });
  await pointAt(server, settings);
  return server;
}

/** Points the extension at `server` again with the test settings (after a test changed them). */
export async function pointAt(server: FakeServer, settings: Record<string, unknown> = {}): Promise<void> {
  await setSettings({
    provider: 'openai',
    baseUrl: server.url,
    scorerModel: 'fake-scorer',
    optimizerModel: 'fake-optimizer',
    steps: 2,
    candidatesPerStep: 4,
    position: 'Q_begin',
    ...settings,
  });
}

/** The settings `useFakeModels` touches, reset to their defaults. */
export async function resetModelSettings(): Promise<void> {
  await setSettings({ provider: undefined, baseUrl: undefined, scorerModel: undefined, optimizerModel: undefined, steps: undefined, candidatesPerStep: undefined, position: undefined, concurrency: undefined });
}
