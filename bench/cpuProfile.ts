import { Session, type Profiler } from 'node:inspector/promises';

/** Where CPU time went, by who owns the code that ran (self time, in ms). */
export type CpuAreas = Record<string, number>;

const AREAS: [string, (url: string) => boolean][] = [
  ['engine (src/core)', (url) => url.includes('/src/core/')],
  ['openai SDK', (url) => url.includes('/node_modules/openai/')],
  ['fetch (undici, web streams)', (url) => url.startsWith('node:internal/deps/undici') || url.startsWith('node:internal/webstreams')],
  ['module loading', (url) => url.startsWith('node:internal/modules')],
  ['node core (net, streams, timers…)', (url) => url.startsWith('node:')],
];

function areaOf(node: Profiler.ProfileNode): string | undefined {
  const { url, functionName } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') {
    return undefined;
  }
  if (functionName === '(garbage collector)') {
    return 'garbage collector';
  }
  if (url === '') {
    return 'native builtins (JSON, buffers, syscalls…)';
  }
  return AREAS.find(([, matches]) => matches(url))?.[0] ?? 'other (tsx, test support)';
}

function summarize(profile: Profiler.Profile): CpuAreas {
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0)));
  const areas: CpuAreas = {};
  for (const node of profile.nodes) {
    const area = areaOf(node);
    if (area !== undefined) {
      areas[area] = (areas[area] ?? 0) + (selfUs.get(node.id) ?? 0) / 1000;
    }
  }
  return areas;
}

/** Runs `task` under the V8 sampling profiler of this process and sums self time by area. */
export async function profileAreas<T>(task: () => Promise<T>): Promise<{ result: T; areas: CpuAreas }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await task();
    const { profile } = await session.post('Profiler.stop');
    return { result, areas: summarize(profile) };
  } finally {
    session.disconnect();
  }
}
