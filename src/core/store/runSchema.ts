// The shapes a run's files must have when they are opened, as valibot schemas (bundled, no runtime
// dependency of its own). Objects are loose: a field added by a later release of the same format is
// kept, never an error. Only what the code reads is required.
import * as v from 'valibot';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const STATUSES = ['running', 'finished', 'cancelled', 'failed'] as const;
const STOP_REASONS = ['steps', 'target', 'patience', 'maxCalls', 'maxTokens', 'maxCost', 'cancelled', 'failed'] as const;

const modelUsage = v.looseObject({ calls: v.number(), cachedCalls: v.number(), failedCalls: v.number(), promptTokens: v.number(), completionTokens: v.number() });
const usage = v.looseObject({ ...modelUsage.entries, byModel: v.record(v.string(), modelUsage) });
const model = v.looseObject({ model: v.string() });
const runError = v.looseObject({ kind: v.string(), message: v.string() });

const config = v.looseObject({
  seedInstructions: v.array(v.string()),
  steps: count,
  scorer: model,
  optimizer: model,
  position: v.string(),
});

const dataset = v.looseObject({ file: v.string(), fingerprint: v.string(), rows: count });

/** The run header (`<run>.json`, format 2). */
export const headerSchema = v.looseObject({
  format: v.literal('opro-run'),
  version: v.number(),
  id: v.pipe(v.string(), v.minLength(1)),
  createdAt: v.string(),
  updatedAt: v.string(),
  status: v.picklist(STATUSES),
  stopReason: v.optional(v.picklist(STOP_REASONS)),
  error: v.optional(runError),
  config,
  metric: v.looseObject({ kind: v.string() }),
  dataset,
  trainRows: count,
  validationRows: count,
  usage,
  totals: v.looseObject({ candidates: count, stepsDone: count }),
  meta: v.optional(v.record(v.string(), v.unknown())),
});

const split = v.looseObject({ score: v.number(), correct: count, total: count });
const detailsRef = v.object({ offset: count, length: count });

const candidate = v.looseObject({
  ...split.entries,
  id: v.string(),
  instruction: v.string(),
  step: v.number(),
  ordinal: v.number(),
  origin: v.picklist(['seed', 'optimizer', 'user']),
  scoredAt: v.string(),
});

const step = v.looseObject({
  step: count,
  exemplars: v.array(v.number()),
  accepted: v.array(v.string()),
  replies: count,
  failedReplies: count,
  rejected: count,
  done: v.boolean(),
});

/** One line of the event log (`<run>.log.jsonl`). */
export const logEntrySchema = v.variant('type', [
  v.looseObject({ type: v.literal('candidateScored'), candidate, details: detailsRef, usage }),
  v.looseObject({ type: v.literal('stepProposed'), step, details: detailsRef, usage }),
  v.looseObject({ type: v.literal('stepFinished'), step: count, usage }),
  v.looseObject({ type: v.literal('validationScored'), candidateId: v.string(), validation: split, details: detailsRef, usage }),
  v.looseObject({
    type: v.literal('statusChanged'),
    at: v.string(),
    status: v.picklist(STATUSES),
    stopReason: v.optional(v.picklist(STOP_REASONS)),
    error: v.optional(runError),
    usage,
  }),
]);

/** One row of `<run>.examples.jsonl`. */
export const exampleSchema = v.looseObject({
  index: count,
  line: count,
  input: v.string(),
  target: v.string(),
  fields: v.optional(v.record(v.string(), v.string())),
  split: v.optional(v.picklist(['train', 'validation'])),
});

/** A version 1 run file (the whole run in one JSON document), as far as migration reads it. */
export const legacyRunSchema = v.looseObject({
  version: v.literal(1),
  id: v.pipe(v.string(), v.minLength(1)),
  createdAt: v.string(),
  updatedAt: v.string(),
  status: v.picklist(STATUSES),
  config,
  metric: v.looseObject({ kind: v.string() }),
  dataset,
  examples: v.array(exampleSchema),
  train: v.array(count),
  validation: v.array(count),
  candidates: v.array(v.looseObject({ ...candidate.entries, results: v.array(v.unknown()) })),
  steps: v.array(v.looseObject({ step: count, metaPrompt: v.string(), replies: v.array(v.string()), accepted: v.array(v.string()), rejected: v.array(v.unknown()), done: v.boolean() })),
  usage,
});

/**
 * Checks `value` against `schema`; on failure the message says what is wrong and where, e.g.
 * "`config.scorer.model`: expected string, got undefined" (the first two problems).
 */
export function checkShape<S extends v.GenericSchema>(schema: S, value: unknown): { ok: true; value: v.InferOutput<S> } | { ok: false; problem: string } {
  const result = v.safeParse(schema, value);
  if (result.success) {
    return { ok: true, value: result.output };
  }
  const problems = result.issues.slice(0, 2).map((issue) => {
    const path = v.getDotPath(issue);
    const where = path === null ? 'the top level' : `\`${path}\``;
    return issue.received === 'undefined' ? `${where}: missing` : `${where}: expected ${issue.expected ?? 'something else'}, got ${issue.received}`;
  });
  return { ok: false, problem: problems.join('; ') };
}
