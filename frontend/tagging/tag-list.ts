/**
 * The list of tags in time order. Rows are kept by tag id and rebuilt only when their tag changed, so
 * re-rendering after every `tags-json` costs little even with hundreds of tags; clicks are handled once,
 * on the list. Each row: `li.tag-item[data-tag-id][data-start-ms]` with the time counter, the ACs, the note
 * and (unless read-only) buttons to edit the ACs, write the note and delete.
 */
import type { CriteriaIndex } from './criteria';
import type { Tag } from './types';
import { formatRange } from './time';
import { button, el } from './dom';

export interface TagListActions {
  select(id: number, seek: boolean): void;
  editAcs(id: number): void;
  editNote(id: number): void;
  remove(id: number): void;
}

interface Row {
  element: HTMLLIElement;
  signature: string;
}

export class TagList {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLElement;
  private readonly heading: HTMLElement;
  private rows = new Map<number, Row>();
  private selected: number | null = null;
  private editable = true;

  constructor(
    private readonly criteria: () => CriteriaIndex,
    private readonly actions: TagListActions,
    private readonly options: { compact?: boolean; title?: string } = {},
  ) {
    this.heading = el('h3', 'tag-list-heading', options.title || 'Tags');
    this.list = el('ol', 'tag-list') as HTMLOListElement;
    this.list.setAttribute('aria-label', options.title || 'Tags');
    this.empty = el('p', 'tag-list-empty', 'No tags yet.');
    this.element = el('section', options.compact ? 'tag-list-panel compact' : 'tag-list-panel', [this.heading, this.empty, this.list]);
    this.list.addEventListener('click', (e) => this.onClick(e));
  }

  setEditable(editable: boolean): void {
    if (editable !== this.editable) {
      this.editable = editable;
      this.rows.clear();
    }
  }

  /** Number of tags the list shows. */
  get count(): number {
    return this.rows.size;
  }

  render(tags: readonly Tag[], selectedId: number | null): void {
    const next = new Map<number, Row>();
    const elements: HTMLLIElement[] = [];
    for (const tag of tags) {
      const signature = this.signature(tag);
      let row = this.rows.get(tag.id);
      if (!row || row.signature !== signature) {
        row = { element: this.build(tag), signature };
      }
      next.set(tag.id, row);
      elements.push(row.element);
    }
    this.rows = next;
    const children = this.list.children;
    let same = children.length === elements.length;
    for (let i = 0; same && i < elements.length; i++) {
      same = children[i] === elements[i];
    }
    if (!same) {
      this.list.replaceChildren(...elements);
    }
    this.heading.textContent = `${this.options.title || 'Tags'} (${tags.length})`;
    this.empty.hidden = tags.length > 0;
    this.select(selectedId, false);
  }

  /**
   * Shows one change without going over the other rows: the row of `changed` (made or changed; `tags` in
   * time order includes it) is built and put in its place, or the row of `removedId` is taken out.
   */
  renderOne(tags: readonly Tag[], changed: Tag | undefined, removedId: number | undefined, selectedId: number | null): void {
    if (removedId != null) {
      const row = this.rows.get(removedId);
      row?.element.remove();
      this.rows.delete(removedId);
    }
    if (changed) {
      const signature = this.signature(changed);
      let row = this.rows.get(changed.id);
      if (!row || row.signature !== signature) {
        const element = this.build(changed);
        row?.element.replaceWith(element);
        row = { element, signature };
        this.rows.set(changed.id, row);
      }
      const index = tags.indexOf(changed);
      const next = index >= 0 && index + 1 < tags.length ? this.rows.get(tags[index + 1].id) : undefined;
      if (index < 0 || (index + 1 < tags.length && !next)) {
        // Not in step with the list: draw it all.
        this.render(tags, selectedId);
        return;
      }
      const before = next ? next.element : null;
      if (row.element.parentNode !== this.list || row.element.nextSibling !== before) {
        this.list.insertBefore(row.element, before);
      }
    }
    if (this.rows.size !== tags.length) {
      this.render(tags, selectedId);
      return;
    }
    this.heading.textContent = `${this.options.title || 'Tags'} (${tags.length})`;
    this.empty.hidden = tags.length > 0;
    this.select(selectedId, false);
  }

  /** Marks the selected row; optionally scrolls it into view. */
  select(id: number | null, scroll: boolean): void {
    if (this.selected != null) {
      const old = this.rows.get(this.selected);
      if (old) {
        old.element.classList.remove('selected');
        old.element.removeAttribute('aria-current');
      }
    }
    this.selected = id;
    const row = id == null ? undefined : this.rows.get(id);
    if (row) {
      row.element.classList.add('selected');
      row.element.setAttribute('aria-current', 'true');
      if (scroll) {
        row.element.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  private signature(tag: Tag): string {
    const names = this.criteria().keysOf(tag.criterionIds).join(' ');
    return `${tag.version}|${tag.startMs}|${tag.endMs}|${names}|${tag.note ?? ''}|${tag.createdBy ?? ''}|${tag.updatedBy ?? ''}|${tag.questionPosition ?? ''}`;
  }

  private build(tag: Tag): HTMLLIElement {
    const item = el('li', tag.endMs == null ? 'tag-item' : 'tag-item span');
    item.dataset.tagId = String(tag.id);
    item.dataset.startMs = String(tag.startMs);
    if (tag.endMs != null) {
      item.dataset.endMs = String(tag.endMs);
    }
    const time = button('tag-time', formatRange(tag.startMs, tag.endMs));
    time.title = this.options.compact ? 'Select' : 'Play from here';
    const acs = el('span', 'tag-acs', this.criteria().labelOf(tag));
    const texts = tag.criterionIds.map((id) => this.criteria().get(id)).filter((c) => c).map((c) => `${c!.key}: ${c!.text}`);
    if (texts.length > 0) {
      acs.title = texts.join('\n');
    }
    item.append(time, acs);
    if (tag.questionPosition != null) {
      item.append(el('span', 'tag-question', `question ${tag.questionPosition} asked`));
    }
    if (tag.note) {
      item.append(el('span', 'tag-note', tag.note));
    }
    const by = tag.updatedBy && tag.updatedBy !== tag.createdBy ? `${tag.createdBy ?? ''}, changed by ${tag.updatedBy}` : tag.createdBy;
    if (by) {
      item.title = `Tagged by ${by}`;
    }
    if (this.editable) {
      const actions = el('span', 'tag-actions', [
        button('tag-edit', 'Edit', 'Edit the ACs (E)'),
        button('tag-note-edit', 'Note', 'Write the note (N)'),
        button('tag-delete', 'Delete', 'Delete the tag (Delete)'),
      ]);
      item.append(actions);
    }
    return item;
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const item = target.closest('li.tag-item') as HTMLLIElement | null;
    if (!item || !this.list.contains(item)) {
      return;
    }
    const id = Number(item.dataset.tagId);
    if (target.closest('.tag-edit')) {
      this.actions.select(id, false);
      this.actions.editAcs(id);
    } else if (target.closest('.tag-note-edit')) {
      this.actions.select(id, false);
      this.actions.editNote(id);
    } else if (target.closest('.tag-delete')) {
      this.actions.select(id, false);
      this.actions.remove(id);
    } else {
      this.actions.select(id, true);
    }
  }
}
