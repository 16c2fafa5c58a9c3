import { createHash } from 'node:crypto';
import { withDefaults } from '../../src/core/defaults';
import { createRandom, shuffled, type Random } from '../../src/core/random';
import type { ExampleResult, RunRecord, RunStatus, RunUsage, ScoredCandidate, SplitScore, StepRecord } from '../../src/core/runRecord';
import { candidateView, stepView, type RunView } from '../../src/core/runView';
import { candidateDetailsValue, demoDetails } from '../../src/extension/panel/exampleRows';
import type { CandidateDetailsValue, StepDetailsValue } from '../../src/webview/protocol';
import { makeInstruction, makeMetaPrompt, makeOutput, makeProblem } from './fixtureText';

export interface FixtureOptions {
  /** @default 1 */
  seed?: number;
  /** @default 10 */
  steps?: number;
  /** Candidates proposed per step. @default 8 */
  perStep?: number;
  /** Dataset rows. @default 50 */
  rows?: number;
  /** Rows held out for validation. @default 10 */
  validationRows?: number;
  /** @default 'finished' */
  status?: RunStatus;
  /** Planted in the best instruction, its wrong outputs, dataset fields, a meta-prompt, a reply and the paths. */
  payload?: string;
}

type Example = RunRecord['examples'][number];

export const SEED_INSTRUCTION = "Let's think step by step.";
const START = Date.parse('2025-11-20T09:30:00.000Z');

function candidateId(instruction: string): string {
  return createHash('sha256').update(instruction).digest('hex').slice(0, 16);
}

/** Scores `indices` so that `round(score * n)` of them are right, picked at random. */
function scoreSplit(examples: Example[], indices: number[], score: number, random: Random): SplitScore {
  const correctCount = Math.round(Math.max(0, Math.min(1, score)) * indices.length);
  const right = new Set(shuffled(indices, random).slice(0, correctCount));
  const results: ExampleResult[] = indices.map((index) => {
    const example = examples[index] as Example;
    const correct = right.has(index);
    const answer = correct ? example.target : String(Number(example.target) + 1 + Math.floor(random() * 9));
    return { example: index, output: makeOutput(example.input, answer), answer, correct };
  });
  return { score: indices.length === 0 ? 0 : correctCount / indices.length, correct: correctCount, total: indices.length, results };
}

function usageFor(candidates: number, trainSize: number, proposals: number): RunUsage {
  const scorer = { calls: candidates * trainSize, cachedCalls: trainSize, failedCalls: 0, retries: 2, promptTokens: candidates * trainSize * 140, completionTokens: candidates * trainSize * 60 };
  const optimizer = { calls: proposals, cachedCalls: 0, failedCalls: 1, retries: 0, promptTokens: proposals * 950, completionTokens: proposals * 45 };
  return {
    calls: scorer.calls + optimizer.calls,
    cachedCalls: scorer.cachedCalls,
    failedCalls: 1,
    retries: 2,
    promptTokens: scorer.promptTokens + optimizer.promptTokens,
    completionTokens: scorer.completionTokens + optimizer.completionTokens,
    byModel: { 'scorer:gpt-4o-mini': scorer, 'optimizer:gpt-4o': optimizer },
  };
}

interface Builder {
  random: Random;
  examples: Example[];
  train: number[];
  taken: Set<string>;
  candidates: ScoredCandidate[];
}

function addCandidate(b: Builder, fields: Pick<ScoredCandidate, 'instruction' | 'step' | 'ordinal' | 'origin'>, score: number): ScoredCandidate {
  const scoredAt = new Date(START + (b.candidates.length + 1) * 7000).toISOString();
  const split = scoreSplit(b.examples, b.train, score, b.random);
  const candidate: ScoredCandidate = { id: candidateId(fields.instruction), ...fields, ...split, tokens: Math.ceil(fields.instruction.length / 4), scoredAt };
  b.candidates.push(candidate);
  return candidate;
}

function makeStep(b: Builder, step: number, count: number, steps: number): StepRecord {
  const history = b.candidates.map((c) => ({ instruction: c.instruction, score: c.score }));
  const exemplars = shuffled(b.train, b.random).slice(0, 3);
  const metaPrompt = makeMetaPrompt(history, exemplars.map((i) => b.examples[i] as Example));
  const accepted: string[] = [];
  for (let k = 0; k < count; k++) {
    const instruction = makeInstruction(b.random, b.taken);
    const trend = 0.58 + 0.3 * (1 - Math.exp((-3 * step) / steps));
    addCandidate(b, { instruction, step, ordinal: k, origin: 'optimizer' }, trend + (b.random() - 0.5) * 0.16);
    accepted.push(instruction);
  }
  const duplicate = b.candidates[0]?.instruction ?? '';
  const replies = [...accepted.map((text) => `<INS>${text}</INS>`), `<INS>${duplicate}</INS>`];
  return { step, metaPrompt, exemplars, replies, accepted, rejected: [{ text: duplicate, reason: 'duplicate' }], done: true };
}

/** A realistic run record (GSM8K-style task, upward trend, failures per example, validation of the top 3). */
export function makeRunRecord(options: FixtureOptions = {}): RunRecord {
  const { seed = 1, steps = 10, perStep = 8, rows = 50, validationRows = 10, status = 'finished' } = options;
  const random = createRandom(seed);
  const examples: Example[] = Array.from({ length: rows }, (_, index) => ({ index, line: index + 1, ...makeProblem(random) }));
  const order = shuffled(examples.map((e) => e.index), random);
  const validation = order.slice(0, validationRows).sort((a, b) => a - b);
  const train = order.slice(validationRows).sort((a, b) => a - b);
  const b: Builder = { random, examples, train, taken: new Set([SEED_INSTRUCTION]), candidates: [] };
  addCandidate(b, { instruction: SEED_INSTRUCTION, step: 0, ordinal: 0, origin: 'seed' }, 0.56);
  const stepRecords = Array.from({ length: steps }, (_, i) => makeStep(b, i + 1, perStep, steps));
  if (status === 'finished') {
    for (const c of [...b.candidates].sort((x, y) => y.score - x.score).slice(0, 3)) {
      c.validation = scoreSplit(examples, validation, c.score - 0.04 + (random() - 0.5) * 0.1, random);
    }
  }
  if (status === 'running') {
    const last = stepRecords[stepRecords.length - 1];
    stepRecords[stepRecords.length - 1] = { ...(last as StepRecord), done: false };
  }
  const config = withDefaults({
    seedInstructions: [SEED_INSTRUCTION],
    dataset: { path: '/work/project/data/gsm8k-sample.jsonl', validation: validationRows },
    steps,
    candidatesPerStep: perStep,
    scorer: { model: 'gpt-4o-mini' },
    optimizer: { model: 'gpt-4o' },
  });
  const record: RunRecord = {
    version: 1,
    id: `run-${seed}-${steps}x${perStep}`,
    createdAt: new Date(START).toISOString(),
    updatedAt: new Date(START + b.candidates.length * 7000).toISOString(),
    status,
    ...(status === 'running' ? {} : { stopReason: status === 'finished' ? 'steps' : status }),
    ...(status === 'failed' ? { error: { kind: 'rateLimit', message: 'The endpoint kept answering 429 Too Many Requests.' } } : {}),
    config,
    metric: { kind: 'number', decimals: 2 },
    dataset: { file: config.dataset.path, format: 'jsonl', fingerprint: 'f'.repeat(64), columns: ['question', 'answer'], inputColumn: 'question', targetColumn: 'answer', rows, skipped: 0 },
    examples,
    train,
    validation,
    candidates: b.candidates,
    steps: stepRecords,
    usage: usageFor(b.candidates.length, train.length, steps * (perStep + 1)),
    meta: { source: { file: '/work/project/src/solver.ts', line: 42, languageId: 'typescript' }, originalText: SEED_INSTRUCTION },
  };
  return options.payload === undefined ? record : plantPayload(record, options.payload);
}

/** The best candidate's instruction and wrong outputs, two dataset fields, step 1's prompt and a reply, the paths. */
function plantPayload(record: RunRecord, payload: string): RunRecord {
  const best = [...record.candidates].sort((a, b) => b.score - a.score)[0] as ScoredCandidate;
  best.instruction = `${best.instruction} ${payload}`;
  best.results = best.results.map((r) => (r.correct ? r : { ...r, output: `${r.output} ${payload}`, answer: payload }));
  const [first, second] = record.examples;
  if (first !== undefined && second !== undefined) {
    first.input = `${first.input} ${payload}`;
    second.target = payload;
  }
  const step = record.steps[0];
  if (step !== undefined) {
    record.steps[0] = { ...step, metaPrompt: `${step.metaPrompt}\n${payload}`, replies: [...step.replies, payload] };
  }
  record.meta = { source: { file: `/work/project/src/${payload}.ts`, line: 7, languageId: 'typescript' }, originalText: SEED_INSTRUCTION };
  record.dataset.file = `/work/project/data/${payload}.jsonl`;
  return record;
}

/** The light view the host sends for `record` (core's own conversion). */
export function lightRun(record: RunRecord): RunView {
  const { examples: _examples, train, validation, candidates, steps, ...rest } = record;
  return { ...rest, trainRows: train.length, validationRows: validation.length, candidates: candidates.map(candidateView), steps: steps.map(stepView) };
}

/** What the host answers to the panel's detail requests for `record`, by candidate id and step. */
export interface DetailAnswers {
  candidates: Record<string, CandidateDetailsValue>;
  steps: Record<string, StepDetailsValue>;
}

export function detailAnswers(record: RunRecord): DetailAnswers {
  const candidates = Object.fromEntries(
    record.candidates.map((c) => [c.id, { ...candidateDetailsValue({ candidateId: c.id, train: c.results, validation: c.validation?.results ?? [], examples: record.examples }), ...demoDetails(c, record) }]),
  );
  const steps = Object.fromEntries(record.steps.map((s) => [String(s.step), { kind: 'stepDetails' as const, step: s.step, metaPrompt: s.metaPrompt, replies: s.replies, rejected: s.rejected }]));
  return { candidates, steps };
}
