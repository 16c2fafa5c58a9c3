import { PROVIDER_PROFILES, type ProviderProfile } from './providerProfiles';

/** True when the URL's path has a version segment (`/v1`, `/v1beta`, `/api/v1`, `/openai/v1`). */
export function hasVersion(path: string): boolean {
  return /\/v\d+[a-z0-9]*(?:\/|$)/i.test(path);
}

function knownProfileFor(url: URL): ProviderProfile | undefined {
  const host = url.hostname.toLowerCase();
  return Object.values(PROVIDER_PROFILES).find((p: ProviderProfile) => p.baseUrl !== undefined && p.hosts?.includes(host) === true);
}

/**
 * Base URLs worth trying instead of `baseUrl`, best first: a known provider's own one for its host,
 * the URL without a pasted `/chat/completions`, or with `/v1` added. Empty when nothing is likely.
 */
export function suggestBaseUrls(baseUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return [];
  }
  if (/\.azure\.com$/i.test(url.hostname)) {
    // Azure's deployment URLs have no /v1: the client builds them from the resource URL.
    return [];
  }
  const out: string[] = [];
  const known = knownProfileFor(url)?.baseUrl;
  if (known !== undefined && known !== baseUrl) {
    out.push(known);
  }
  const path = url.pathname.replace(/\/+$/, '');
  const stripped = path.replace(/\/(?:chat\/completions|completions|models)$/i, '');
  if (stripped !== path) {
    out.push(`${url.origin}${stripped}`);
  }
  if (!hasVersion(stripped)) {
    out.push(`${url.origin}${stripped}/v1`);
    // A path that is another API's (Ollama's `/api`): the server's own root with /v1.
    out.push(`${url.origin}/v1`);
  }
  return [...new Set(out)].filter((candidate) => candidate !== baseUrl);
}
