import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/llm/types';

/**
 * Core's messages as VS Code's language model API takes them. The stable API has two roles, User and
 * Assistant (a System role exists only as the proposed `languageModelSystem` API, which a published
 * extension cannot enable; VS Code 1.139 rejects it for any extension that does not declare it). So a
 * system message goes out as a User message of its own, in its place: the instruction, then the
 * question, as VS Code's guide sends instructions ("User: used for providing instructions and the
 * user's request"). Nothing is merged or reordered.
 */
export function toChatMessages(messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  return messages.map((message) =>
    message.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(message.content) : vscode.LanguageModelChatMessage.User(message.content),
  );
}
