import { OPTIMIZATION_METHODS, type RunConfig } from './config';
import { MODEL_FAMILIES, REASONING_EFFORTS } from './llm/modelFamily';
import { priceTableProblems } from './pricing';
import { METRIC_KINDS } from './metrics/types';
import { POSITIONS } from './prompt/position';
import { hasPlaceholders } from './prompt/template';

function describe(value: unknown): string {
  return `\`${String(value)}\` (${typeof value})`;
}

function checkInteger(problems: string[], name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    problems.push(`Expected \`${name}\` to be an integer ≥ ${min}, got ${describe(value)}`);
  }
}

function checkRange(problems: string[], name: string, value: unknown, max: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= max)) {
    problems.push(`Expected \`${name}\` to be a number from 0 to ${max}, got ${describe(value)}`);
  }
}

/** Every problem with a config at once (empty when it is usable). */
export function validateRunConfig(config: RunConfig): string[] {
  const problems: string[] = [];
  checkChoices(problems, config);
  checkNumbers(problems, config);
  checkCost(problems, config);
  for (const role of ['scorer', 'optimizer'] as const) {
    if (typeof config[role].model !== 'string' || config[role].model === '') {
      problems.push(`Expected \`${role}.model\` to name a model`);
    }
    checkInteger(problems, `${role}.maxTokens`, config[role].maxTokens, 1);
    const effort = config[role].reasoningEffort;
    if (effort !== undefined && !REASONING_EFFORTS.includes(effort)) {
      problems.push(`Expected \`${role}.reasoningEffort\` to be one of ${REASONING_EFFORTS.join(', ')}, got ${describe(effort)}`);
    }
  }
  for (const [pattern, family] of Object.entries(config.modelFamilies ?? {})) {
    if (!MODEL_FAMILIES.includes(family)) {
      problems.push(`Expected the family of \`${pattern}\` in \`modelFamilies\` to be reasoning or standard, got ${describe(family)}`);
    }
  }
  return problems;
}

function checkChoices(problems: string[], config: RunConfig): void {
  if (config.seedInstructions.length === 0) {
    problems.push('Expected at least one seed instruction (the prompt to optimize)');
  }
  if (typeof config.dataset?.path !== 'string' || config.dataset.path === '') {
    problems.push('Expected `dataset.path` to name a dataset file');
  }
  if (!POSITIONS.includes(config.position)) {
    problems.push(`Expected \`position\` to be one of ${POSITIONS.join(', ')}, got ${describe(config.position)}`);
  }
  if (config.position === 'template' && !config.seedInstructions.every(hasPlaceholders)) {
    problems.push('Expected the prompt to hold `{{column}}` placeholders in template position');
  }
  if (config.metric !== undefined && !METRIC_KINDS.includes(config.metric.kind)) {
    problems.push(`Expected \`metric\` to be one of ${METRIC_KINDS.join(', ')}, got ${describe(config.metric.kind)}`);
  }
  checkGrader(problems, config);
  checkModes(problems, config);
}

function checkModes(problems: string[], config: RunConfig): void {
  if (config.evaluation !== 'full' && config.evaluation !== 'adaptive') {
    problems.push(`Expected \`evaluation\` to be full or adaptive, got ${describe(config.evaluation)}`);
  }
  if (config.exemplarSelection !== 'random' && config.exemplarSelection !== 'failures') {
    problems.push(`Expected \`exemplarSelection\` to be random or failures, got ${describe(config.exemplarSelection)}`);
  }
  checkMethod(problems, config);
}

function checkMethod(problems: string[], config: RunConfig): void {
  if (config.method !== undefined && !OPTIMIZATION_METHODS.includes(config.method)) {
    problems.push(`Expected \`method\` to be ${OPTIMIZATION_METHODS.join(' or ')}, got ${describe(config.method)}`);
  }
  checkInteger(problems, 'demos', config.demos ?? 0, 0);
  checkInteger(problems, 'feedbackExamples', config.feedbackExamples ?? 1, 1);
  if ((config.demos ?? 0) > 0 && config.position === 'A_begin') {
    problems.push('Expected no `demos` with position A_begin: there the prompt starts the answer, where worked examples cannot go');
  }
  if ((config.demos ?? 0) > 0 && config.evaluation === 'adaptive') {
    problems.push('Expected `evaluation` full with `demos`: adaptive evaluation compares candidates on the same rows, and each candidate skips its own demonstration rows');
  }
}

function checkGrader(problems: string[], config: RunConfig): void {
  if (config.grader?.kind === 'judge' && config.grader.rubric.trim() === '') {
    problems.push('Expected a rubric for the LLM judge (--rubric FILE / opro.judge.rubric)');
  }
  if (config.grader?.kind === 'custom' && !/\.(c|m)?js$/.test(config.grader.module)) {
    problems.push(`Expected the custom scorer to be a .js or .mjs file, got ${describe(config.grader.module)}`);
  }
}

function checkNumbers(problems: string[], config: RunConfig): void {
  checkInteger(problems, 'steps', config.steps, 0);
  checkInteger(problems, 'candidatesPerStep', config.candidatesPerStep, 1);
  checkInteger(problems, 'maxInstructions', config.maxInstructions, 1);
  checkInteger(problems, 'exemplarsPerStep', config.exemplarsPerStep, 0);
  checkInteger(problems, 'maxInstructionLength', config.maxInstructionLength, 1);
  checkInteger(problems, 'patience', config.patience, 0);
  checkInteger(problems, 'maxCalls', config.maxCalls, 0);
  checkInteger(problems, 'maxTokens', config.maxTokens, 0);
  checkInteger(problems, 'concurrency', config.concurrency, 1);
  checkInteger(problems, 'requestTimeoutMs', config.requestTimeoutMs, 1);
  checkInteger(problems, 'maxRetries', config.maxRetries, 0);
  checkInteger(problems, 'validationTopK', config.validationTopK, 0);
  checkInteger(problems, 'seed', config.seed, 0);
  checkRange(problems, 'scoreThreshold', config.scoreThreshold, 1);
  checkRange(problems, 'lengthPenalty', config.lengthPenalty, 1);
  if (config.promptWarningBytes !== undefined) {
    checkInteger(problems, 'promptWarningBytes', config.promptWarningBytes, 0);
  }
  if (config.dataset.maxBytes !== undefined) {
    checkInteger(problems, 'dataset.maxBytes', config.dataset.maxBytes, 1);
  }
  checkRange(problems, 'targetScore', config.targetScore, 1);
  checkRange(problems, 'scorer.temperature', config.scorer.temperature, 2);
  checkRange(problems, 'optimizer.temperature', config.optimizer.temperature, 2);
  if (config.scoreBuckets !== null) {
    checkInteger(problems, 'scoreBuckets', config.scoreBuckets, 1);
  }
}

function checkCost(problems: string[], config: RunConfig): void {
  if (config.maxCost !== undefined && !(typeof config.maxCost === 'number' && config.maxCost >= 0 && Number.isFinite(config.maxCost))) {
    problems.push(`Expected \`maxCost\` to be a number of USD ≥ 0, got ${describe(config.maxCost)}`);
  }
  if (config.prices !== undefined) {
    problems.push(...priceTableProblems(config.prices));
  }
}
