/**
 * True when `answered` names the model `requested` asked for: the same name, a dated or tagged
 * version of it (`gpt-4o-mini` → `gpt-4o-mini-2024-07-18`, `llama3.1` → `llama3.1:latest`), or one
 * with a vendor prefix (`openai/gpt-4o-mini`), ignoring case.
 */
export function isSameModel(requested: string, answered: string): boolean {
  const base = (name: string): string => name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const a = base(requested);
  const b = base(answered);
  return b === a || b.startsWith(`${a}-`) || a.startsWith(`${b}-`) || b.startsWith(`${a}:`) || a.startsWith(`${b}:`);
}
