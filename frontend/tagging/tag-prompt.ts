/**
 * The tag prompt: one line where the assessor types the ACs of a new tag (or of the selected one), or a
 * note. It is always on screen; when idle it says how to start. Suggestions follow what is typed (Tab
 * completes, ↑/↓ choose); Enter saves, Esc cancels. Refusals (the browser's or the server's) show in the
 * prompt's alert line and the text stays, so the assessor can correct it.
 */
import type { CriteriaIndex } from './criteria';
import type { Outcome } from './types';
import { el } from './dom';

export type PromptMode = 'create' | 'acs' | 'note';

export interface PromptRequest {
  mode: PromptMode;
  /** Shown before the input: "New tag at 2m 41s", "ACs of the tag at 2m 43s", … */
  label: string;
  text: string;
  /**
   * Called on Enter with the typed ACs (create, acs) or the note (note); `enterAt` is the Enter
   * keydown's time stamp (performance.now() clock). The prompt closes when the outcome is ok.
   */
  commit: (value: { ids: number[]; note: string | null }, enterAt: number) => Promise<Outcome>;
  /** Called when the prompt closes without saving (Esc, or replaced by another request). */
  cancel?: () => void;
}

const SEPARATOR_AT_END = /[\s,;+&]$/;

export class TagPrompt {
  readonly element: HTMLElement;
  private readonly labelEl: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly hint: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly alert: HTMLElement;
  private request: PromptRequest | null = null;
  private suggestions: { key: string }[] = [];
  private highlighted = 0;
  /** Saves on their way to the server. */
  private pending = 0;
  private readonly listId: string;

  constructor(private readonly criteria: () => CriteriaIndex, private readonly idleText: () => string) {
    this.listId = `tag-prompt-suggestions-${Math.random().toString(36).slice(2, 8)}`;
    this.labelEl = el('span', 'tag-prompt-label');
    this.input = el('input', 'tag-prompt-input') as HTMLInputElement;
    this.input.type = 'text';
    this.input.autocomplete = 'off';
    this.input.spellcheck = false;
    this.input.setAttribute('role', 'combobox');
    this.input.setAttribute('aria-autocomplete', 'list');
    this.input.setAttribute('aria-expanded', 'false');
    this.input.setAttribute('aria-controls', this.listId);
    this.hint = el('span', 'tag-prompt-hint');
    this.list = el('ul', 'tag-prompt-suggestions') as HTMLUListElement;
    this.list.id = this.listId;
    this.list.setAttribute('role', 'listbox');
    this.list.hidden = true;
    this.alert = el('div', 'tag-prompt-message');
    this.alert.setAttribute('role', 'alert');
    const line = el('div', 'tag-prompt-line', [this.labelEl, this.input, this.hint]);
    this.element = el('div', 'tag-prompt', [line, this.list, this.alert]);
    this.input.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.input.addEventListener('input', () => this.onInput());
    this.list.addEventListener('mousedown', (e) => {
      // Keep the focus in the input while choosing a suggestion with the mouse.
      e.preventDefault();
      const item = (e.target as HTMLElement).closest('li');
      if (item && item.dataset.index) {
        this.highlighted = Number(item.dataset.index);
        this.complete();
      }
    });
    this.showIdle();
  }

  get isOpen(): boolean {
    return this.request !== null;
  }

  get mode(): PromptMode | null {
    return this.request ? this.request.mode : null;
  }

  get hasFocus(): boolean {
    return document.activeElement === this.input;
  }

  /** The input, so that a host can tell its own keys from the prompt's. */
  get inputElement(): HTMLInputElement {
    return this.input;
  }

  setEnabled(enabled: boolean): void {
    this.input.disabled = !enabled;
    if (!enabled && this.request) {
      this.cancel();
    }
    if (!this.request) {
      this.showIdle();
    }
  }

  open(request: PromptRequest): void {
    if (this.request) {
      const previous = this.request;
      this.request = null;
      previous.cancel?.();
    }
    this.request = request;
    this.element.classList.add('open');
    this.element.dataset.mode = request.mode;
    this.labelEl.textContent = request.label;
    this.input.value = request.text;
    this.input.placeholder = request.mode === 'note' ? 'Note (Enter saves, empty removes the note)' : 'ACs, e.g. 3.1 3.2';
    this.input.setAttribute('aria-label', request.mode === 'note' ? 'Note for the tag' : 'ACs for the tag');
    this.hint.textContent = request.mode === 'note' ? 'Enter saves · Esc cancels' : 'Tab completes · Enter saves · Esc cancels';
    this.clearMessage();
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
    this.updateSuggestions();
  }

  cancel(): void {
    const request = this.request;
    this.clearMessage();
    this.close();
    request?.cancel?.();
  }

  /** Shows a refusal (role=alert) under the prompt. */
  showError(message: string): void {
    this.alert.textContent = message;
    this.alert.classList.add('error');
  }

  clearMessage(): void {
    this.alert.textContent = '';
    this.alert.classList.remove('error');
  }

  private close(): void {
    this.request = null;
    this.element.classList.remove('open');
    delete this.element.dataset.mode;
    this.input.value = '';
    this.hideSuggestions();
    if (document.activeElement === this.input) {
      this.input.blur();
    }
    this.showIdle();
  }

  private showIdle(): void {
    this.labelEl.textContent = this.input.disabled ? '' : 'Tag';
    this.input.placeholder = this.idleText();
    this.input.setAttribute('aria-label', 'ACs for a new tag');
    this.hint.textContent = '';
  }

  private onInput(): void {
    if (!this.request) {
      // Typing into the idle prompt: the host decides what that starts (see TaggingSession).
      this.input.dispatchEvent(new CustomEvent('prompt-idle-input', { bubbles: true, detail: { text: this.input.value } }));
      return;
    }
    this.clearMessage();
    this.updateSuggestions();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (!this.request) {
      if (e.key === 'Escape') {
        this.input.value = '';
        this.input.blur();
      }
      return;
    }
    e.stopPropagation();
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        if (!e.repeat) {
          void this.submit(e.timeStamp || performance.now());
        }
        break;
      case 'Escape':
        e.preventDefault();
        this.cancel();
        break;
      case 'Tab':
        if (this.request.mode !== 'note') {
          e.preventDefault();
          this.complete();
        }
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        if (this.suggestions.length > 0) {
          e.preventDefault();
          const n = this.suggestions.length;
          this.highlighted = (this.highlighted + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
          this.renderHighlight();
        }
        break;
      default:
        break;
    }
  }

  /**
   * Enter: checks what was typed, then closes the prompt at once (so that the next tag can be typed while
   * this one is saved). A refusal brings the prompt back with the text and the reason; if another prompt
   * is open by then, the reason shows under it.
   */
  private async submit(enterAt: number): Promise<void> {
    const request = this.request;
    if (!request) {
      return;
    }
    const text = this.input.value;
    let value: { ids: number[]; note: string | null };
    if (request.mode === 'note') {
      const note = text.trim();
      value = { ids: [], note: note.length > 0 ? note : null };
    } else {
      const parsed = this.criteria().parse(text);
      if (parsed.errors.length > 0) {
        this.showError(parsed.errors.join(' '));
        return;
      }
      if (parsed.ids.length === 0) {
        this.showError('Type at least one AC (for example 3.1), or press Esc to cancel.');
        return;
      }
      value = { ids: parsed.ids, note: null };
    }
    // The request leaves first; closing the prompt (DOM work) comes after.
    let saving: Promise<Outcome>;
    try {
      saving = request.commit(value, enterAt);
    } catch (e) {
      saving = Promise.reject(e);
    }
    this.close();
    this.pending++;
    this.element.classList.add('saving');
    let outcome: Outcome;
    try {
      outcome = await saving;
    } catch (e) {
      outcome = { ok: false, message: String((e as Error)?.message || e) };
    }
    this.pending--;
    this.element.classList.toggle('saving', this.pending > 0);
    if (outcome.ok) {
      return;
    }
    if (!this.request) {
      // Back as it was, with the reason.
      this.open({ ...request, text });
      this.hint.textContent = 'Correct and press Enter, or Esc to cancel';
      this.showError(outcome.message);
    } else {
      this.showError(`Not saved (${request.label}: ${text.trim() || 'no note'}): ${outcome.message}`);
    }
  }

  private currentToken(): string {
    const value = this.input.value.substring(0, this.input.selectionStart ?? this.input.value.length);
    if (SEPARATOR_AT_END.test(value)) {
      return '';
    }
    const parts = value.split(/[\s,;+&]+/);
    return parts[parts.length - 1] || '';
  }

  private updateSuggestions(): void {
    if (!this.request || this.request.mode === 'note') {
      this.hideSuggestions();
      return;
    }
    const token = this.currentToken();
    const found = this.criteria().suggest(token);
    if (found.length === 0 || (found.length === 1 && found[0].key.toLowerCase() === token.toLowerCase())) {
      // Nothing to offer, or the key is already complete: show what it is, without a list to choose from.
      this.hideSuggestions();
      const exact = found[0];
      this.hint.textContent = exact ? `${exact.key}: ${exact.text}` : 'Tab completes · Enter saves · Esc cancels';
      return;
    }
    this.hint.textContent = 'Tab completes · Enter saves · Esc cancels';
    this.suggestions = found;
    this.highlighted = 0;
    const items = found.map((c, i) => {
      const item = el('li', 'tag-prompt-suggestion', [el('span', 'suggestion-key', c.key), el('span', 'suggestion-text', c.text)]);
      item.setAttribute('role', 'option');
      item.id = `${this.listId}-${i}`;
      item.dataset.index = String(i);
      return item;
    });
    this.list.replaceChildren(...items);
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.renderHighlight();
  }

  private renderHighlight(): void {
    Array.from(this.list.children).forEach((child, i) => {
      const on = i === this.highlighted;
      child.classList.toggle('highlighted', on);
      child.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    this.input.setAttribute('aria-activedescendant', `${this.listId}-${this.highlighted}`);
  }

  private hideSuggestions(): void {
    this.suggestions = [];
    this.list.hidden = true;
    this.list.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Replaces the token before the caret with the highlighted suggestion's key, and adds a space. */
  private complete(): void {
    const choice = this.suggestions[this.highlighted];
    if (!choice) {
      return;
    }
    const caret = this.input.selectionStart ?? this.input.value.length;
    const before = this.input.value.substring(0, caret);
    const after = this.input.value.substring(caret);
    const token = this.currentToken();
    const head = before.substring(0, before.length - token.length);
    const tail = after.replace(/^\S*/, '');
    const completed = `${head}${choice.key} `;
    this.input.value = completed + tail.replace(/^\s+/, '');
    this.input.setSelectionRange(completed.length, completed.length);
    this.clearMessage();
    this.updateSuggestions();
  }
}
