import { readModelList } from '../../core/llm/endpointDiagnosis';

/** Model ids an OpenAI-compatible endpoint lists at GET {baseUrl}/models; [] when it does not answer in time. */
export async function listEndpointModels(baseUrl: string, options: { apiKey?: string; timeoutMs: number }): Promise<string[]> {
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  try {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/models`, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
    if (!response.ok) {
      return [];
    }
    const listing = readModelList(await response.json());
    return listing.kind === 'listed' ? listing.ids : [];
  } catch {
    return [];
  }
}

/** True when something answers GET {baseUrl}/models within the timeout (any HTTP status). */
export async function isEndpointUp(baseUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    await fetch(`${baseUrl.replace(/\/+$/, '')}/models`, { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
