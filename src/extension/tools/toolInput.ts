import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { OproError } from '../../core/errors';
import { POSITIONS, type Position } from '../../core/prompt/position';

/** Which prompt a tool works on: a workspace file and 1-based lines, else the active editor's selection. */
export interface PromptRangeInput {
  file?: string;
  startLine?: number;
  endLine?: number;
}

/** What both tools take besides the prompt. */
export interface DatasetInput {
  dataset: string;
  position?: Position;
  inputColumn?: string;
  targetColumn?: string;
}

/** `#optimizePrompt`'s input (package.json `languageModelTools[0].inputSchema`). */
export interface OptimizePromptInput extends PromptRangeInput, DatasetInput {
  steps?: number;
  showPanel?: boolean;
}

/** `#evaluatePrompt`'s input. */
export interface EvaluatePromptInput extends DatasetInput {
  instructions: string[];
}

/** A path a model gave: absolute, or relative to the first workspace folder. */
export function workspacePath(path: string): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (isAbsolute(path) || root === undefined) {
    return path;
  }
  return join(root, path);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isCount = (value: unknown, min: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min;

function fail(field: string, expected: string, value: unknown): never {
  throw new OproError('config', `Expected \`${field}\` to be ${expected}, got ${JSON.stringify(value)}.`);
}

/** Checks the fields both tools share; models send what they like, so every field is checked. */
function checkDatasetInput(raw: Record<string, unknown>): DatasetInput {
  if (!isText(raw.dataset)) {
    fail('dataset', 'the path of a dataset file', raw.dataset);
  }
  if (raw.position !== undefined && !(POSITIONS as readonly unknown[]).includes(raw.position)) {
    fail('position', `one of ${POSITIONS.join(', ')}`, raw.position);
  }
  for (const key of ['inputColumn', 'targetColumn'] as const) {
    if (raw[key] !== undefined && !isText(raw[key])) {
      fail(key, 'a column name', raw[key]);
    }
  }
  return raw as unknown as DatasetInput;
}

export function checkOptimizeInput(raw: unknown): OptimizePromptInput {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  checkDatasetInput(input);
  if (input.file !== undefined && !isText(input.file)) {
    fail('file', 'a file path', input.file);
  }
  for (const key of ['startLine', 'endLine'] as const) {
    if (input[key] !== undefined && !isCount(input[key], 1)) {
      fail(key, 'a line number ≥ 1', input[key]);
    }
  }
  if (input.steps !== undefined && !isCount(input.steps, 0)) {
    fail('steps', 'a whole number ≥ 0', input.steps);
  }
  return input as unknown as OptimizePromptInput;
}

export function checkEvaluateInput(raw: unknown): EvaluatePromptInput {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  checkDatasetInput(input);
  const { instructions } = input;
  if (!Array.isArray(instructions) || instructions.length === 0 || !instructions.every(isText)) {
    fail('instructions', 'a non-empty list of prompts', instructions);
  }
  return input as unknown as EvaluatePromptInput;
}
