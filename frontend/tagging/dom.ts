/**
 * Small DOM helpers. Text is always set with textContent: user-provided text (notes, AC texts, names)
 * never goes through innerHTML.
 */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  content?: string | Array<Node | string | null | undefined>,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  if (typeof content === 'string') {
    element.textContent = content;
  } else if (content) {
    for (const child of content) {
      if (child != null) {
        element.append(child);
      }
    }
  }
  return element;
}

export function button(className: string, text: string, label?: string): HTMLButtonElement {
  const b = el('button', className, text);
  b.type = 'button';
  if (label) {
    b.setAttribute('aria-label', label);
    b.title = label;
  }
  return b;
}

/** A status line (role=status) that can also show an error. */
export class StatusLine {
  readonly element: HTMLElement;
  private timer: number | undefined;

  constructor(className: string) {
    this.element = el('div', className);
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
  }

  say(message: string, fadeAfterMs = 0): void {
    window.clearTimeout(this.timer);
    this.element.textContent = message;
    this.element.classList.remove('error');
    if (fadeAfterMs > 0) {
      this.timer = window.setTimeout(() => {
        if (this.element.textContent === message) {
          this.element.textContent = '';
        }
      }, fadeAfterMs);
    }
  }

  error(message: string): void {
    window.clearTimeout(this.timer);
    this.element.textContent = message;
    this.element.classList.add('error');
  }
}
