/** `{{column}}` placeholders: names are letters, digits, `_`, `-`, `.` and spaces, trimmed. */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The distinct placeholder names of a template, in first-seen order. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!names.includes(name)) {
      names.push(name);
    }
  }
  return names;
}

export function hasPlaceholders(text: string): boolean {
  return placeholdersOf(text).length > 0;
}

/** Fills each placeholder with the row's field; an unknown name is left as written. */
export function fillTemplate(template: string, fields: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(fields, name) ? (fields[name] as string) : whole));
}

/** True when `candidate` uses exactly the same set of placeholders as `original`. */
export function samePlaceholders(original: string, candidate: string): boolean {
  const a = new Set(placeholdersOf(original));
  const b = new Set(placeholdersOf(candidate));
  return a.size === b.size && [...a].every((name) => b.has(name));
}
