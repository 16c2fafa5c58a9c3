/** `process.memoryUsage()` in MB at the sample where RSS peaked, and the largest of each part. */
export interface MemoryPeaks {
  atPeakRss: Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>;
  max: Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>;
}

type Usage = MemoryPeaks['max'];

function sample(): Usage {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
  return { rss: mb(rss), heapTotal: mb(heapTotal), heapUsed: mb(heapUsed), external: mb(external), arrayBuffers: mb(arrayBuffers) };
}

/** Samples memory every `everyMs` so a peak can be split into V8 heap, external memory and the rest (native, malloc). */
export function watchMemory(everyMs = 500): { stop: () => MemoryPeaks } {
  let atPeakRss = sample();
  const max = { ...atPeakRss };
  const timer = setInterval(() => {
    const now = sample();
    if (now.rss > atPeakRss.rss) {
      atPeakRss = now;
    }
    for (const key of Object.keys(max) as (keyof Usage)[]) {
      max[key] = Math.max(max[key], now[key]);
    }
  }, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return { atPeakRss, max };
    },
  };
}
