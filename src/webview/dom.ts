// The panel builds every node here. Data only ever reaches the page as text nodes or attribute
// values (never as markup), so an instruction like `<img onerror=…>` stays literal text. Invisible and
// bidi characters in that text become visible markers on the way (see invisibleChars.ts), so what the
// panel shows reads as what gets inserted.
import { codePointLabel, describeCodePoint, hasInvisible, markInvisible, splitInvisible } from './invisibleChars';

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
      node.setAttribute(name, SHOWN_ATTRIBUTES.has(name) ? markInvisible(String(value)) : String(value));
    }
  }
  append(node, children);
  return node;
}

/** Attributes a person reads (tooltips, screen-reader labels): invisible characters in them show as `[U+202E]`. */
const SHOWN_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt']);

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'string' ? textNode(child) : child);
  }
}

/**
 * Text as nodes: a plain text node, or, when the text holds invisible or bidi characters, text nodes
 * with a marker element (`U+202E`, described in its tooltip) in place of each such character.
 */
export function textNode(text: string): Node {
  if (!hasInvisible(text)) {
    return document.createTextNode(text);
  }
  const fragment = document.createDocumentFragment();
  for (const piece of splitInvisible(text)) {
    if ('text' in piece) {
      fragment.appendChild(document.createTextNode(piece.text));
    } else {
      const marker = document.createElement('span');
      marker.className = 'invisible-char';
      marker.title = `${describeCodePoint(piece.codePoint)}: invisible in the text, kept when it is inserted or copied`;
      marker.textContent = codePointLabel(piece.codePoint);
      fragment.appendChild(marker);
    }
  }
  return fragment;
}

/** Replaces a node's content with text (never parsed as markup; invisible characters shown as markers). */
export function setText(node: Node, text: string): void {
  if (hasInvisible(text)) {
    (node as ParentNode).replaceChildren(textNode(text));
  } else if (node.textContent !== text) {
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
