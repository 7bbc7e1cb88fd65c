/**
 * Coverage: every AC of the assessed units, grouped by unit and learning outcome, with how many tags
 * evidence it and the first time counter; ACs with no tag are marked "not yet evidenced". Rows are
 * built once per set of criteria; a change of tags only updates counts and counters.
 */
import type { CriteriaIndex } from './criteria';
import type { Criterion, Tag } from './types';
import { formatCounter } from './time';
import { button, el } from './dom';

export interface CoverageActions {
  /** Seek to (and select) the first tag of an AC; absent where there is nothing to seek (recording). */
  seekToFirst?(tagId: number): void;
  /** Tag the current moment with this AC (no reaction delay). */
  tagNow(criterionId: number): void;
}

interface CoverageRow {
  row: HTMLLIElement;
  count: HTMLElement;
  first: HTMLButtonElement | HTMLElement;
  missing: HTMLElement;
  tagButton: HTMLButtonElement | null;
  lastCount: number;
  lastFirst: string;
}

export class CoveragePanel {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  private rows = new Map<number, CoverageRow>();
  private builtFor: CriteriaIndex | null = null;
  private builtEditable = true;
  private editable = true;

  constructor(private readonly actions: CoverageActions) {
    this.summary = el('p', 'coverage-summary');
    this.summary.setAttribute('aria-live', 'polite');
    this.body = el('div', 'coverage-units');
    this.element = el('section', 'coverage', [el('h3', 'coverage-heading', 'Coverage'), this.summary, this.body]);
    this.body.addEventListener('click', (e) => this.onClick(e));
  }

  setEditable(editable: boolean): void {
    this.editable = editable;
  }

  render(criteria: CriteriaIndex, tags: readonly Tag[]): void {
    if (this.builtFor !== criteria || this.builtEditable !== this.editable) {
      this.build(criteria);
    }
    const counts = new Map<number, number>();
    const first = new Map<number, Tag>();
    for (const tag of tags) {
      for (const id of tag.criterionIds) {
        counts.set(id, (counts.get(id) || 0) + 1);
        const known = first.get(id);
        if (!known || tag.startMs < known.startMs) {
          first.set(id, tag);
        }
      }
    }
    let evidenced = 0;
    for (const [id, row] of this.rows) {
      const count = counts.get(id) || 0;
      const firstTag = first.get(id);
      const firstText = firstTag ? formatCounter(firstTag.startMs) : '';
      if (count > 0) {
        evidenced++;
      }
      if (count !== row.lastCount) {
        row.count.textContent = String(count);
        row.count.setAttribute('aria-label', count === 1 ? '1 tag' : `${count} tags`);
        row.row.classList.toggle('uncovered', count === 0);
        row.missing.hidden = count > 0;
        row.lastCount = count;
      }
      if (firstText !== row.lastFirst) {
        row.first.textContent = firstText;
        row.first.hidden = !firstTag;
        if (row.first instanceof HTMLButtonElement) {
          // The name starts with the time shown, so that speech input ("click 2m 41s") finds the button.
          row.first.setAttribute('aria-label', `${firstText}: play the first tag of AC ${row.row.dataset.criterionKey}`);
        }
        row.lastFirst = firstText;
      }
      if (firstTag) {
        row.first.dataset.tagId = String(firstTag.id);
        row.first.dataset.startMs = String(firstTag.startMs);
      } else {
        delete row.first.dataset.tagId;
        delete row.first.dataset.startMs;
      }
    }
    const total = this.rows.size;
    this.summary.textContent = `${evidenced} of ${total} ACs evidenced`;
    this.summary.classList.toggle('complete', total > 0 && evidenced === total);
  }

  private build(criteria: CriteriaIndex): void {
    this.builtFor = criteria;
    this.builtEditable = this.editable;
    this.rows.clear();
    const units = new Map<string, Map<number, Criterion[]>>();
    for (const c of criteria.all) {
      let los = units.get(c.unit);
      if (!los) {
        los = new Map();
        units.set(c.unit, los);
      }
      const list = los.get(c.lo) || [];
      list.push(c);
      los.set(c.lo, list);
    }
    const sections: HTMLElement[] = [];
    for (const [unit, los] of units) {
      const loSections: HTMLElement[] = [];
      for (const [lo, list] of los) {
        const title = list[0]?.loTitle;
        const items = list.map((c) => this.buildRow(c));
        loSections.push(el('div', 'coverage-lo', [
          el('h5', 'coverage-lo-title', title ? `LO ${lo} ${title}` : `LO ${lo}`),
          el('ul', 'coverage-list', items),
        ]));
      }
      sections.push(el('div', 'coverage-unit', [el('h4', 'coverage-unit-title', `Unit ${unit}`), ...loSections]));
    }
    if (sections.length === 0) {
      sections.push(el('p', 'coverage-empty', 'This discussion has no assessed units yet.'));
    }
    this.body.replaceChildren(...sections);
  }

  private buildRow(c: Criterion): HTMLLIElement {
    const count = el('span', 'coverage-count', '0');
    const first: HTMLButtonElement | HTMLElement = this.actions.seekToFirst
      ? button('coverage-first', '', `Play the first tag of AC ${c.key}`)
      : el('span', 'coverage-first');
    first.hidden = true;
    const missing = el('span', 'coverage-missing', 'not yet evidenced');
    const key = el('span', 'coverage-key', c.key);
    const text = el('span', 'coverage-text', c.text);
    text.title = c.text;
    const row = el('li', 'coverage-row uncovered', [key, text, count, first, missing]);
    row.dataset.criterionKey = c.key;
    row.dataset.criterionId = String(c.id);
    let tagButton: HTMLButtonElement | null = null;
    if (this.editable) {
      tagButton = button('coverage-tag', 'Tag', `Tag the current moment with AC ${c.key}`);
      row.append(tagButton);
    }
    this.rows.set(c.id, { row, count, first, missing, tagButton, lastCount: 0, lastFirst: '' });
    return row;
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const row = target.closest('li.coverage-row') as HTMLElement | null;
    if (!row) {
      return;
    }
    const id = Number(row.dataset.criterionId);
    if (target.closest('.coverage-tag')) {
      this.actions.tagNow(id);
    } else if (target.closest('button.coverage-first') && this.actions.seekToFirst) {
      const tagId = Number((target.closest('.coverage-first') as HTMLElement).dataset.tagId);
      if (Number.isFinite(tagId)) {
        this.actions.seekToFirst(tagId);
      }
    }
  }
}
