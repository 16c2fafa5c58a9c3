import type { Emit } from '../report';
export async function bundleSizes(_emit: Emit): Promise<void> {}
