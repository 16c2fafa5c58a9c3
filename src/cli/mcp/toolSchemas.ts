/**
 * The MCP tools `opro mcp` offers, as JSON Schemas (draft 2020-12, as MCP asks). Every input schema
 * refuses unknown properties: there is no way to pass an API key or an endpoint in a call, so a key
 * never lands in a client's log of tool arguments and a call cannot send it elsewhere. No schema has
 * `oneOf`/`anyOf` at its top (some model APIs refuse those in tool parameters): "prompt or
 * promptFile" is checked when the call runs.
 */

const SCORE = { type: 'number', minimum: 0, maximum: 1 } as const;
const INTERVAL = { type: ['array', 'null'], items: SCORE, minItems: 2, maxItems: 2, description: '95% interval [low, high]: Wilson for an accuracy, a seeded bootstrap for partial credit; null when nothing was graded.' } as const;

/** Dataset and scoring options shared by optimize and evaluate. */
const DATASET_OPTIONS = {
  dataset: { type: 'string', minLength: 1, description: "Dataset file (JSONL, JSON array, CSV or TSV) with an input column and an expected-answer column; relative to the server's working folder." },
  inputColumn: { type: 'string', description: 'Column holding the input. Default: detected (question, input, prompt, text, query).' },
  targetColumn: { type: 'string', description: 'Column holding the expected answer. Default: detected (answer, target, output, label, expected).' },
  metric: { enum: ['number', 'choice', 'boolean', 'exact', 'contains', 'regex', 'json'], description: "How an answer is checked against the expected one. Default: detected from the dataset's answers." },
  position: { enum: ['Q_begin', 'Q_end', 'before_Q', 'A_begin', 'system', 'template'], description: 'Where the prompt goes relative to each input. Default: template when the prompt has {{column}} placeholders, else before the input (Q_begin).' },
  scorerModel: { type: 'string', description: "Model that answers the dataset's inputs. Default: the server's." },
  maxCalls: { type: 'integer', minimum: 0, description: 'Stop before paying for more model calls than this (cached answers are free). 0: no limit.' },
} as const;

const CANDIDATE = {
  type: 'object',
  properties: {
    instruction: { type: 'string' },
    score: SCORE,
    correct: { type: 'integer' },
    total: { type: 'integer' },
    ci95: INTERVAL,
    validation: { type: ['object', 'null'] },
    step: { type: 'integer' },
    origin: { enum: ['seed', 'optimizer', 'user'] },
    prompt: { type: 'string', description: 'The prompt to use: the instruction, followed by its demonstrations when it has some.' },
    demos: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, line: { type: 'integer' } } }, description: 'Training rows shown as demonstrations.' },
  },
  required: ['instruction', 'score', 'correct', 'total', 'ci95'],
} as const;

const RUN_REPORT = {
  type: 'object',
  properties: {
    runId: { type: 'string' },
    runFile: { type: 'string' },
    status: { enum: ['running', 'finished', 'cancelled', 'failed'] },
    stopReason: { type: ['string', 'null'] },
    best: { anyOf: [CANDIDATE, { type: 'null' }] },
    baseline: { anyOf: [CANDIDATE, { type: 'null' }] },
    comparison: {
      type: ['object', 'null'],
      description: 'The best prompt against the original on the validation rows: exact McNemar test (accuracy) or paired bootstrap, its p-value and a plain sentence.',
      properties: { test: { enum: ['mcnemar', 'pairedBootstrap'] }, rows: { type: 'integer' }, difference: { type: 'number' }, pValue: { type: 'number' }, verdict: { enum: ['better', 'worse', 'indistinguishable'] }, sentence: { type: 'string' } },
    },
    steps: { type: 'integer' },
    totalSteps: { type: 'integer' },
    calls: { type: 'integer' },
    tokens: { type: 'integer' },
    warnings: {
      type: 'array',
      description: 'What the run learned its user should know (a model without temperature 0, a refused parameter, truncated or failed answers), each with the fix when there is one.',
      items: { type: 'object', properties: { kind: { type: 'string' }, message: { type: 'string' }, fix: { type: 'string' } }, required: ['kind', 'message'] },
    },
  },
  required: ['runId', 'runFile', 'status', 'best', 'baseline', 'calls'],
} as const;

const RUN_REF = { type: 'string', minLength: 1, description: "A run id (as returned by optimize) or the path of its run file; ids are looked up in .opro/runs/ of the server's working folder." };

/** What `tools/list` returns. */
export const TOOLS = [
  {
    name: 'optimize',
    title: 'Optimize a prompt (OPRO)',
    description:
      'Improves a prompt with OPRO: an optimizer model proposes new instructions from the best so far and their scores, a scorer model answers every dataset row with each, and accuracy on the expected answers is the score. Spends model calls: about steps × candidates × rows. Returns the best prompt, its score with a 95% interval, the original prompt\'s score and the saved run file (resume it with the resume tool).',
    inputSchema: {
      type: 'object',
      properties: {
        prompt: { type: 'string', minLength: 1, description: 'The prompt (instruction) to improve. Give this or promptFile.' },
        promptFile: { type: 'string', minLength: 1, description: 'Or: a text file holding the prompt.' },
        ...DATASET_OPTIONS,
        steps: { type: 'integer', minimum: 0, maximum: 200, description: 'Optimization steps. Default 10.' },
        candidates: { type: 'integer', minimum: 1, maximum: 16, description: 'New prompts proposed per step. Default 8.' },
        optimizerModel: { type: 'string', description: 'Model that proposes prompts. Default: the scorer model.' },
        validation: { type: 'number', minimum: 0, maximum: 0.9, description: 'Share of rows held out to check the best prompts at the end, e.g. 0.2. Default 0.' },
        seed: { type: 'integer', minimum: 0, description: 'Seeds the split, the exemplars and the optimizer. Default 0.' },
      },
      required: ['dataset'],
      additionalProperties: false,
    },
    outputSchema: RUN_REPORT,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  },
  {
    name: 'evaluate',
    title: 'Score prompts on a dataset',
    description:
      'Scores one or more prompts on every row of a dataset without optimizing: each prompt\'s accuracy with its 95% interval and correct/total counts. Spends one model call per prompt and row (cached answers are free).',
    inputSchema: {
      type: 'object',
      properties: {
        prompts: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 20, description: 'The prompts to score. Give this or promptFile.' },
        promptFile: { type: 'string', minLength: 1, description: 'Or: a text file holding the one prompt to score.' },
        ...DATASET_OPTIONS,
      },
      required: ['dataset'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { dataset: { type: 'string' }, results: { type: 'array', items: CANDIDATE } },
      required: ['dataset', 'results'],
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  {
    name: 'resume',
    title: 'Resume an OPRO run',
    description: 'Continues a cancelled, failed or interrupted run from its saved file; finished work is not paid again. `steps` may raise the number of steps to reach.',
    inputSchema: {
      type: 'object',
      properties: { run: RUN_REF, steps: { type: 'integer', minimum: 0, maximum: 200, description: 'Total steps the run should reach. Default: as started.' } },
      required: ['run'],
      additionalProperties: false,
    },
    outputSchema: RUN_REPORT,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  },
  {
    name: 'show-run',
    title: 'Show a saved OPRO run',
    description: 'Reads a saved run without calling any model: its status, best prompt, original prompt, and the top prompts with scores and 95% intervals.',
    inputSchema: {
      type: 'object',
      properties: { run: RUN_REF, top: { type: 'integer', minimum: 1, maximum: 50, description: 'How many of the best prompts to list. Default 5.' } },
      required: ['run'],
      additionalProperties: false,
    },
    outputSchema: { ...RUN_REPORT, properties: { ...RUN_REPORT.properties, top: { type: 'array', items: CANDIDATE } }, required: [...RUN_REPORT.required, 'top'] },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
] as const;

export type ToolName = (typeof TOOLS)[number]['name'];
