/**
 * The reaction delay: tags placed from the keyboard go this much earlier than the key press, because the
 * assessor presses the key after hearing the moment. The server's `reaction-delay-ms` is the default; the
 * assessor's own choice is kept in localStorage and wins.
 */
import { el } from './dom';
import { formatSeconds } from './time';

const STORAGE_KEY = 'earmark.reactionDelayMs';
const DEFAULT_MS = 2000;
const MAX_MS = 10000;

function stored(): number | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (raw == null) {
      return null;
    }
    const value = Number(raw);
    return Number.isFinite(value) && value >= 0 && value <= MAX_MS ? value : null;
  } catch {
    return null;
  }
}

export class ReactionDelaySetting {
  readonly element: HTMLDetailsElement;
  private readonly summaryValue: HTMLElement;
  private readonly input: HTMLInputElement;
  private attributeDefault = DEFAULT_MS;
  private listeners: Array<(ms: number) => void> = [];

  constructor() {
    this.summaryValue = el('span', 'reaction-delay-value');
    const summary = el('summary', 'tag-settings-summary', ['Reaction delay ', this.summaryValue]);
    this.input = el('input', 'reaction-delay-input') as HTMLInputElement;
    this.input.type = 'number';
    this.input.min = '0';
    this.input.max = String(MAX_MS / 1000);
    this.input.step = '0.1';
    const label = el('label', 'reaction-delay-label', ['Tags made from the keyboard go ', this.input, ' seconds before the key press.']);
    const reset = el('button', 'reaction-delay-reset', 'Use the default');
    reset.type = 'button';
    reset.addEventListener('click', () => {
      try {
        window.localStorage.removeItem(STORAGE_KEY);
      } catch {
        /* storage unavailable: nothing kept anyway */
      }
      this.changed();
    });
    this.input.addEventListener('change', () => {
      const seconds = Number(this.input.value);
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_MS / 1000) {
        this.input.value = String(this.value / 1000);
        return;
      }
      try {
        window.localStorage.setItem(STORAGE_KEY, String(Math.round(seconds * 1000)));
      } catch {
        /* storage unavailable: the value holds for this page only */
        this.attributeDefault = Math.round(seconds * 1000);
      }
      this.changed();
    });
    // Keys typed here are the field's own.
    this.input.addEventListener('keydown', (e) => e.stopPropagation());
    this.element = el('details', 'tag-settings', [summary, el('div', 'tag-settings-body', [label, reset])]) as HTMLDetailsElement;
    this.changed();
  }

  /** The delay in milliseconds. */
  get value(): number {
    return stored() ?? this.attributeDefault;
  }

  /** Sets the server's default (attribute `reaction-delay-ms`). */
  setDefault(raw: string | null): void {
    const value = Number(raw);
    this.attributeDefault = raw != null && raw !== '' && Number.isFinite(value) && value >= 0 ? Math.min(value, MAX_MS) : DEFAULT_MS;
    this.changed();
  }

  onChange(listener: (ms: number) => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    const ms = this.value;
    this.summaryValue.textContent = formatSeconds(ms);
    this.input.value = String(ms / 1000);
    this.listeners.forEach((l) => l(ms));
  }
}
