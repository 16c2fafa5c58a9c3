/**
 * Files whose body is a prompt: VS Code's prompt files (`.prompt.md`), instructions
 * (`.instructions.md`, `copilot-instructions.md`), custom agents and chat modes (`.agent.md`,
 * `.chatmode.md`), and Prompty files (`.prompty`).
 */
export type PromptFileKind = 'prompt' | 'instructions' | 'agent' | 'prompty';

/** The language ids VS Code (and the Prompty extension) give those files. */
const BY_LANGUAGE: Readonly<Record<string, PromptFileKind>> = {
  prompt: 'prompt',
  instructions: 'instructions',
  chatagent: 'agent',
  chatmode: 'agent',
  prompty: 'prompty',
};

/** Name endings, for a VS Code that does not know the languages (or a file opened as Markdown). */
const BY_SUFFIX: readonly (readonly [string, PromptFileKind])[] = [
  ['.prompt.md', 'prompt'],
  ['.instructions.md', 'instructions'],
  ['copilot-instructions.md', 'instructions'],
  ['.agent.md', 'agent'],
  ['.chatmode.md', 'agent'],
  ['.prompty', 'prompty'],
];

/** Glob of the same files, for the CodeLens selector. */
export const PROMPT_FILE_GLOB = '**/{*.prompt.md,*.instructions.md,copilot-instructions.md,*.agent.md,*.chatmode.md,*.prompty}';

/** What kind of prompt file a document is (by language id, else by name), or undefined for any other file. */
export function promptFileKind(fileName: string, languageId: string): PromptFileKind | undefined {
  const byLanguage = BY_LANGUAGE[languageId];
  if (byLanguage !== undefined) {
    return byLanguage;
  }
  const name = fileName.toLowerCase();
  return BY_SUFFIX.find(([suffix]) => name.endsWith(suffix))?.[1];
}
