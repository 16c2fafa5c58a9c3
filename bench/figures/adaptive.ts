import type { Emit } from '../report';
export async function adaptiveEvaluation(_emit: Emit): Promise<void> {}
