import { button, el } from './dom';

/** Human in the loop: edit a candidate or write a new one and have the run score it. */
export class Editor {
  readonly textarea = el('textarea', { id: 'draft', rows: 4, spellcheck: 'false', placeholder: 'Write an instruction, or use “Edit and score…” on a candidate' });
  readonly root = el('section', { class: 'editor', 'aria-labelledby': 'editor-title' }, [
    el('h2', { id: 'editor-title' }, [el('label', { for: 'draft' }, ['Try your own instruction'])]),
    el('p', { class: 'muted' }, ['It is scored on the training examples and joins the history the optimizer sees in its next step.']),
    this.textarea,
    el('div', { class: 'actions' }, [button('Score it', { 'data-action': 'score' })]),
  ]);

  get draft(): string {
    return this.textarea.value;
  }

  setDraft(text: string): void {
    this.textarea.value = text;
  }

  focus(): void {
    this.textarea.focus();
    this.root.scrollIntoView({ block: 'nearest' });
  }
}
