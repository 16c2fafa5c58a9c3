// The panel builds every node here. Data only ever reaches the page as text nodes or attribute
// values (never as markup), so an instruction like `<img onerror=…>` stays literal text.

export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | undefined | false;

/** Creates `<tag>` with attributes (true = present, false/undefined = absent) and text or node children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) {
      node.setAttribute(name, '');
    } else if (value !== false && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces a node's content with text (textContent never parses markup). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}

export function button(label: string, attrs: Attrs = {}): HTMLButtonElement {
  return el('button', { type: 'button', ...attrs }, [label]);
}

/**
 * Runs a DOM update that may move or replace the focused element, then puts focus back on the
 * element with the same `data-focus-key` (rows and their buttons carry one), so live updates
 * never steal the keyboard user's place.
 */
export function keepingFocus(root: HTMLElement, update: () => void): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && root.contains(active) ? active.dataset.focusKey : undefined;
  update();
  if (key === undefined || (document.activeElement !== document.body && document.activeElement !== null)) {
    return;
  }
  const again = root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
  again?.focus({ preventScroll: true });
}
