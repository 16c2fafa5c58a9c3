/** Languages whose string literals get an "Optimize prompt" CodeLens (each has an `onLanguage` activation event). */
export const CODE_LANGUAGES: readonly string[] = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python', 'go', 'json', 'jsonc'];
/** VS Code's prompt file languages (`chatmode` in older releases, `chatagent` now) and Prompty's, which get one at the top. */
export const PROMPT_FILE_LANGUAGES: readonly string[] = ['prompt', 'instructions', 'chatagent', 'chatmode', 'prompty'];
