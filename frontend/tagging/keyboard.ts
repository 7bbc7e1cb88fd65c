/** Keyboard helpers: when shortcuts apply, and the on-screen list of shortcuts (toggled with "?"). */
import { button, el } from './dom';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Whether the element takes typed text (so single-key shortcuts must leave it alone). */
export function isTextField(node: EventTarget | null | undefined): boolean {
  if (!(node instanceof HTMLElement)) {
    return false;
  }
  if (node.isContentEditable) {
    return true;
  }
  if (node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) {
    return true;
  }
  if (node instanceof HTMLInputElement) {
    return TEXT_INPUT_TYPES.has(node.type);
  }
  return false;
}

/**
 * Whether a keydown is for the host's shortcuts: not in a text field, not inside an open overlay that
 * is not the host's, and coming from the page itself or from inside the host.
 */
export function isShortcutEvent(e: KeyboardEvent, host: HTMLElement): boolean {
  if (e.defaultPrevented || e.isComposing) {
    return false;
  }
  const path = e.composedPath();
  const origin = path[0];
  if (isTextField(origin)) {
    return false;
  }
  if (!host.isConnected) {
    return false;
  }
  // A Vaadin dialog or another overlay holds the focus: its keys are its own.
  for (const node of path) {
    if (node instanceof HTMLElement && node !== host && /-overlay$/.test(node.localName)) {
      return false;
    }
  }
  if (origin === document.body || origin === document.documentElement || origin === document || origin === window) {
    return true;
  }
  return path.includes(host);
}

/** Whether Ctrl (or ⌘ on a Mac) is down, and no other modifier but the ones allowed. */
export function isCommand(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey;
}

export interface Shortcut {
  keys: string[];
  does: string;
}

/**
 * The shortcut list of tagging as it happens (the live recorder and the remote room): what `title` heads, with the
 * note key's effect (`note`) told as it is there.
 */
export function liveTaggingShortcuts(title: string, note: string): Array<{ title: string; shortcuts: Shortcut[] }> {
  return [
    {
      title,
      shortcuts: [
        { keys: ['an AC number, e.g. 3.1'], does: 'Starts a tag at that moment less the reaction delay; type more ACs separated by spaces or commas' },
        { keys: ['Tab'], does: 'Complete the suggested AC' },
        { keys: ['Enter'], does: 'Save the tag (or the note, or the ACs)' },
        { keys: ['Esc'], does: 'Cancel' },
        { keys: ['T'], does: 'Tag the current moment (less the reaction delay), then type the ACs' },
        { keys: ['N'], does: note },
        { keys: ['E'], does: 'Change the ACs of the selected tag' },
        { keys: ['Q'], does: 'Go to the planned questions: Tab moves between their ACs, Enter tags this moment with one' },
        { keys: ['Delete', 'Backspace'], does: 'Delete the selected tag' },
        { keys: ['Ctrl+Z'], does: 'Undo your last change' },
        { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'Redo' },
      ],
    },
    { title: 'Help', shortcuts: [{ keys: ['?'], does: 'Show or hide this list' }] },
  ];
}

/** The shortcut list (class `shortcut-help`), hidden until toggled. */
export class ShortcutHelp {
  readonly element: HTMLElement;

  constructor(title: string, groups: Array<{ title: string; shortcuts: Shortcut[] }>) {
    const close = button('shortcut-help-close', '×', 'Close the list of shortcuts');
    close.addEventListener('click', () => this.toggle(false));
    const sections = groups.map((group) => {
      const rows = group.shortcuts.map((s) => {
        const keys = el('dt', 'shortcut-keys');
        s.keys.forEach((k, i) => {
          if (i > 0) {
            keys.append(' or ');
          }
          keys.append(el('kbd', undefined, k));
        });
        return [keys, el('dd', 'shortcut-does', s.does)];
      });
      return el('section', 'shortcut-group', [el('h4', undefined, group.title), el('dl', undefined, rows.flat())]);
    });
    this.element = el('div', 'shortcut-help', [el('div', 'shortcut-help-head', [el('h3', undefined, title), close]), ...sections]);
    this.element.setAttribute('role', 'dialog');
    this.element.setAttribute('aria-label', title);
    this.element.hidden = true;
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  toggle(open = this.element.hidden): void {
    this.element.hidden = !open;
  }
}
