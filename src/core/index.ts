/** The library entry (dist/core.js): the engine without any front end. */
export { buildMetaPrompt, type MetaPromptOptions } from './prompt/metaPrompt';
export { buildScorerMessages } from './prompt/scorerPrompt';
export { extractInstruction } from './prompt/extractInstructions';
import { checkAnswer } from './metrics/checkAnswer';
export { checkAnswer, isCorrect } from './metrics/checkAnswer';
/** @deprecated Renamed {@link checkAnswer} ("judge" now names only the LLM judge); kept for library users of 0.1.0. */
export const judge = checkAnswer;
export { detectMetricKind } from './metrics/detectMetric';
export { loadDataset } from './dataset/loadDataset';
export { splitDataset } from './dataset/split';
export { createOpenAiClient } from './llm/openaiClient';
export { startRun, resumeRun, evaluateInstructions, scoreUserInstruction, readRunRecord, nextMetaPrompt } from './engine';
export type { EngineDeps, ResumeDeps } from './engineDeps';
export { withDefaults } from './defaults';
export { validateRunConfig } from './validateConfig';
export { OproError, DatasetError } from './errors';
export type { RunConfig } from './config';
export type { RunEvent } from './events';
export type { RunRecord, ScoredCandidate } from './runRecord';
export type { RunView, CandidateView, StepView, RunHeader } from './runView';
export { readRunHeader, readRunView } from './store/readRun';
export { listRuns, type RunSummary } from './store/listRuns';
export type { LlmClient, ChatRequest, ChatResponse, ModelConfig } from './llm/types';
