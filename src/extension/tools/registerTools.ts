import * as vscode from 'vscode';
import { TOOL_NAMES } from '../agentIds';
import type { Services } from '../services';
import { estimatedCostFigure } from './confirmation';
import { EvaluatePromptTool } from './evaluatePromptTool';
import { OptimizePromptTool } from './optimizePromptTool';

/** Registers `#optimizePrompt` and `#evaluatePrompt` for Copilot's agent mode and any chat that uses tools. */
export function registerTools(services: Services): vscode.Disposable[] {
  return [
    vscode.lm.registerTool(TOOL_NAMES.optimizePrompt, new OptimizePromptTool(services, estimatedCostFigure)),
    vscode.lm.registerTool(TOOL_NAMES.evaluatePrompt, new EvaluatePromptTool(services, estimatedCostFigure)),
  ];
}
