/**
 * Answer checking: the metrics that decide whether a model output answers its target.
 */
export { checkAnswer, isCorrect } from './checkAnswer';
export { detectMetricKind } from './detectMetric';
export { extractNumber } from './number';
export type { ExtractNumberOptions } from './number';
export * from './types';
