/**
 * Model output shown on a terminal: control characters other than newline and tab become `\uXXXX`,
 * so a reply cannot move the cursor, clear the screen or retitle the terminal.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
