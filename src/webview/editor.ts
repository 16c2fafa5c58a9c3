import { button, el, setText } from './dom';
import { invisibleCharactersOf } from './invisibleChars';

/** Human in the loop: edit a candidate or write a new one and have the run score it. */
export class Editor {
  readonly textarea = el('textarea', { id: 'draft', rows: 4, spellcheck: 'false', placeholder: 'Write an instruction, or use “Edit and score…” on a candidate' });
  /** A text box cannot box characters the way the panel does elsewhere, so it says which ones the draft holds. */
  private readonly invisibleNote = el('p', { class: 'draft-invisible', role: 'status', hidden: true });
  readonly root = el('section', { class: 'editor', 'aria-labelledby': 'editor-title' }, [
    el('h2', { id: 'editor-title' }, [el('label', { for: 'draft' }, ['Try your own instruction'])]),
    el('p', { class: 'muted' }, ['It is scored on the training examples and joins the history the optimizer sees in its next step.']),
    this.textarea,
    this.invisibleNote,
    el('div', { class: 'actions' }, [button('Score it', { 'data-action': 'score' })]),
  ]);

  constructor() {
    this.textarea.addEventListener('input', () => this.noteInvisible());
  }

  get draft(): string {
    return this.textarea.value;
  }

  setDraft(text: string): void {
    this.textarea.value = text;
    this.noteInvisible();
  }

  private noteInvisible(): void {
    const found = invisibleCharactersOf(this.textarea.value);
    this.invisibleNote.hidden = found.length === 0;
    setText(this.invisibleNote, found.length === 0 ? '' : `Holds invisible characters, kept as they are: ${found.join(', ')}.`);
  }

  focus(): void {
    this.textarea.focus();
    this.root.scrollIntoView({ block: 'nearest' });
  }
}
