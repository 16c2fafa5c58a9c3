import type { Emit } from '../report';
export async function harnessFigures(_emit: Emit): Promise<void> {}
