/**
 * Guessing the metric a dataset needs from its targets.
 */
import type { MetricKind } from './types';

const NUMERIC = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:\/\d+)?$/u;
const OPTION_LETTER = /^\(?[a-z]\)?$/iu;
const BOOLEAN_WORD = /^(?:yes|no|true|false|valid|invalid|1|0)$/iu;
const SHORT_TARGET_WORDS = 5;

function isNumeric(target: string): boolean {
  return NUMERIC.test(target.replace(/[$,%\s]/gu, ''));
}

function isJsonObject(target: string): boolean {
  if (!target.startsWith('{')) {
    return false;
  }
  try {
    const value: unknown = JSON.parse(target);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

function averageWordCount(targets: readonly string[]): number {
  const words = targets.reduce((sum, target) => sum + target.split(/\s+/u).length, 0);
  return words / targets.length;
}

/**
 * The metric that fits every target: all numeric (after dropping `$ , %`) gives `number`, all option
 * letters (`A`, `(B)`, `c`) `choice`, all yes/no, true/false, valid/invalid or 1/0 words `boolean`,
 * all JSON objects `json`;
 * otherwise `exact` for short targets (at most 5 words on average) and `contains` for longer ones.
 * Blank targets are ignored; with none left the answer is `exact`.
 */
export function detectMetricKind(targets: string[]): MetricKind {
  const present = targets.map((target) => target.normalize('NFKC').trim()).filter((target) => target !== '');
  if (present.length === 0) {
    return 'exact';
  }
  if (present.every(isNumeric)) {
    return 'number';
  }
  if (present.every((target) => OPTION_LETTER.test(target))) {
    return 'choice';
  }
  if (present.every((target) => BOOLEAN_WORD.test(target))) {
    return 'boolean';
  }
  if (present.every(isJsonObject)) {
    return 'json';
  }
  return averageWordCount(present) <= SHORT_TARGET_WORDS ? 'exact' : 'contains';
}
