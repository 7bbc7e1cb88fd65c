/**
 * What tagging from the keyboard means, shared by the workspace (playback) and the recorder (live):
 * the tag book, the prompt, the tag list, the coverage panel, the selection, the reaction delay, and the
 * keys that make and change tags (an AC key, T, N, E, Delete, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, Esc).
 * The host supplies the clock (player time or recording time) and draws what it draws (the waveform).
 */
import { CriteriaIndex } from './criteria';
import { CoveragePanel } from './coverage';
import { StatusLine } from './dom';
import { isCommand } from './keyboard';
import { PlanPanel } from './plan-panel';
import { recordTagLatency } from './latency';
import { ReactionDelaySetting } from './settings';
import { TagBook, type BookChange, type ServerChange } from './tag-book';
import { TagList } from './tag-list';
import { TagPrompt } from './tag-prompt';
import { formatCounter, formatRange } from './time';
import type { Criterion, Outcome, Tag, TagServer, TagValues } from './types';

export interface TaggingHost {
  /** The current time in ms (player position, or recording time without pauses). */
  now(): number;
  /** The longest time a tag may have (the recording's duration), if known. */
  maxMs(): number | null;
  /** Why tags cannot be made now (e.g. not recording yet), or null when they can. */
  whyNotTagging(): string | null;
  /** Pause for writing a note; returns whether it paused (so that it resumes afterwards). */
  pauseForNote(): boolean;
  resumeAfterNote(): void;
  /** Redraw whatever the host draws from the book's tags (the waveform); called on every change. */
  tagsChanged(change: BookChange): void;
  /** A tag was selected (from the list, coverage or keys); `seek`: move playback to it. */
  selected(id: number | null, seek: boolean): void;
}

export class TaggingSession {
  readonly book: TagBook;
  readonly prompt: TagPrompt;
  readonly list: TagList;
  readonly coverage: CoveragePanel;
  readonly plan: PlanPanel;
  readonly delay = new ReactionDelaySetting();
  readonly status = new StatusLine('tag-status');
  criteria = new CriteriaIndex([]);
  selectedId: number | null = null;
  private readonlyMode = false;

  constructor(private readonly host: TaggingHost, server: () => TagServer | undefined, options: { compact: boolean; seekable: boolean; idleText: string }) {
    this.book = new TagBook(server);
    this.prompt = new TagPrompt(() => this.criteria, () => (this.readonlyMode ? 'Read only' : options.idleText));
    this.list = new TagList(() => this.criteria, {
      select: (id, seek) => this.select(id, seek),
      editAcs: (id) => this.editAcs(id),
      editNote: (id) => this.editNote(id),
      remove: (id) => void this.remove(id),
    }, { compact: options.compact, title: options.compact ? 'Tags made' : 'Tags' });
    this.coverage = new CoveragePanel({
      seekToFirst: options.seekable ? (tagId) => this.select(tagId, true) : undefined,
      tagNow: (criterionId) => void this.tagNow([criterionId]),
    });
    this.plan = new PlanPanel((criterionIds, questionPosition) => void this.tagNow(criterionIds, questionPosition));
    this.book.onChange((change) => this.render(change));
    this.prompt.element.addEventListener('prompt-idle-input', (e) => {
      const text = (e as CustomEvent).detail.text as string;
      if (!text) {
        return;
      }
      if (this.readonlyMode || this.host.whyNotTagging()) {
        this.prompt.inputElement.value = '';
      }
      this.startCreate(this.delayedNow(), null, text);
    });
  }

  get readonly(): boolean {
    return this.readonlyMode;
  }

  setReadonly(readonly: boolean): void {
    this.readonlyMode = readonly;
    this.list.setEditable(!readonly);
    this.coverage.setEditable(!readonly);
    this.plan.setEditable(!readonly);
    this.prompt.setEnabled(!readonly);
    this.render({ reason: 'server' });
  }

  setCriteria(criteria: Criterion[]): void {
    this.criteria = new CriteriaIndex(criteria);
    this.plan.setCriteria(this.criteria);
    this.render({ reason: 'server' });
  }

  setTags(tags: Tag[]): void {
    this.book.setFromServer(tags);
  }

  /** One committed change the server pushed (`applyTagChange`). */
  applyServerChange(json: string): void {
    try {
      this.book.applyServerChange(JSON.parse(json) as ServerChange);
    } catch (e) {
      console.warn('Earmark: a tag change from the server could not be read', e);
    }
  }

  /** The time of a key press less the reaction delay, never below 0. */
  delayedNow(): number {
    return Math.max(0, this.host.now() - this.delay.value);
  }

  select(id: number | null, seek: boolean): void {
    this.selectedId = this.book.get(id)?.id ?? null;
    this.list.select(this.selectedId, true);
    this.host.selected(this.selectedId, seek);
  }

  /** The tag that N and E act on: the selected one, else the last one made here. */
  target(): Tag | undefined {
    return this.book.get(this.selectedId) || this.book.get(this.book.lastMadeId);
  }

  /**
   * Handles the tagging keys; returns whether the key was used. The host calls this only for keydowns
   * that are shortcuts (not typed into a text field).
   */
  handleKey(e: KeyboardEvent): boolean {
    const key = e.key;
    if (isCommand(e) && (key === 'z' || key === 'Z' || key === 'y' || key === 'Y')) {
      if (this.readonlyMode) {
        return false;
      }
      if (key === 'y' || key === 'Y' || e.shiftKey) {
        void this.redo();
      } else {
        void this.undo();
      }
      return true;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) {
      return false;
    }
    if (key === 'Escape') {
      if (this.prompt.isOpen) {
        this.prompt.cancel();
        return true;
      }
      return false;
    }
    if (this.readonlyMode) {
      return false;
    }
    if (/^[0-9]$/.test(key)) {
      // The anchor is the time of this first keystroke, less the reaction delay.
      this.startCreate(this.delayedNow(), null, key);
      return true;
    }
    switch (key) {
      case 't':
      case 'T':
        this.startCreate(this.delayedNow(), null, '');
        return true;
      case 'n':
      case 'N':
        this.editNote(this.target()?.id ?? null);
        return true;
      case 'e':
      case 'E':
        this.editAcs(this.target()?.id ?? null);
        return true;
      case 'q':
      case 'Q':
        if (!this.plan.focusFirstAc()) {
          this.status.say('This discussion has no planned questions.', 4000);
        }
        return true;
      case 'Delete':
      case 'Backspace':
        if (this.selectedId != null) {
          void this.remove(this.selectedId);
        } else {
          this.status.say('Select a tag first (click it in the list, or press , or .).', 5000);
        }
        return true;
      default:
        return false;
    }
  }

  /** Opens the prompt for a new tag at `startMs` (a span when `endMs` is given). */
  startCreate(startMs: number, endMs: number | null, text: string, onDone?: (ok: boolean) => void): void {
    const why = this.host.whyNotTagging();
    if (why) {
      this.prompt.showError(why);
      return;
    }
    let start = Math.max(0, Math.round(startMs));
    let end = endMs == null ? null : Math.max(0, Math.round(endMs));
    const max = this.host.maxMs();
    if (max != null && max > 0) {
      start = Math.min(start, max);
      end = end == null ? null : Math.min(end, max);
    }
    if (end != null && end < start) {
      [start, end] = [end, start];
    }
    if (end != null && end === start) {
      end = null;
    }
    this.prompt.open({
      mode: 'create',
      label: end == null ? `New tag at ${formatCounter(start)}` : `New span ${formatRange(start, end)}`,
      text,
      commit: async (value, enterAt) => {
        const outcome = await this.book.create({ startMs: start, endMs: end, criterionIds: value.ids, note: null });
        if (outcome.ok && outcome.tag) {
          this.afterCreate(outcome.tag, enterAt);
          onDone?.(true);
        }
        return outcome;
      },
      cancel: () => onDone?.(false),
    });
  }

  /**
   * Tags the current moment (no reaction delay) with these ACs: the coverage panel's and the plan's buttons; a
   * question's "Tag all" also marks that question as asked here (its talk-time figures start here).
   */
  async tagNow(criterionIds: number[], questionPosition?: number): Promise<void> {
    if (this.readonlyMode) {
      return;
    }
    const why = this.host.whyNotTagging();
    if (why) {
      this.prompt.showError(why);
      return;
    }
    const startMs = Math.max(0, Math.round(this.host.now()));
    const outcome = await this.book.create({ startMs, endMs: null, criterionIds: [...criterionIds], note: null,
      questionPosition: questionPosition ?? null });
    if (outcome.ok && outcome.tag) {
      this.prompt.clearMessage();
      this.afterCreate(outcome.tag, null);
    } else if (!outcome.ok) {
      this.prompt.showError(outcome.message);
    }
  }

  editAcs(id: number | null): void {
    const tag = this.book.get(id);
    if (this.readonlyMode) {
      return;
    }
    if (!tag) {
      this.status.say('Select a tag first (click it in the list, or press , or .).', 5000);
      return;
    }
    this.select(tag.id, false);
    this.prompt.open({
      mode: 'acs',
      label: `ACs of the tag at ${formatRange(tag.startMs, tag.endMs)}`,
      text: this.criteria.keysOf(tag.criterionIds).join(' '),
      commit: async (value) => {
        const outcome = await this.book.update(tag.id, (current) => ({ ...this.values(current), criterionIds: value.ids }));
        if (outcome.ok) {
          this.status.say(`Saved: ${formatRange(tag.startMs, tag.endMs)} ${this.criteria.labelOf({ criterionIds: value.ids })}.`, 5000);
        }
        return outcome;
      },
    });
  }

  editNote(id: number | null): void {
    const tag = this.book.get(id);
    if (this.readonlyMode) {
      return;
    }
    if (!tag) {
      this.status.say('Select a tag first (click it in the list, or press , or .).', 5000);
      return;
    }
    this.select(tag.id, false);
    const paused = this.host.pauseForNote();
    let saved = false;
    this.prompt.open({
      mode: 'note',
      label: `Note for ${formatRange(tag.startMs, tag.endMs)} ${this.criteria.labelOf(tag)}`,
      text: tag.note || '',
      commit: async (value) => {
        const outcome = await this.book.update(tag.id, (current) => ({ ...this.values(current), note: value.note }));
        if (outcome.ok) {
          saved = true;
          this.status.say(value.note ? 'Note saved.' : 'Note removed.', 4000);
          if (paused) {
            this.host.resumeAfterNote();
          }
        }
        return outcome;
      },
      cancel: () => {
        if (paused && !saved) {
          this.host.resumeAfterNote();
        }
      },
    });
  }

  /** Moves the selected tag (both ends of a span) by `deltaMs`. */
  nudge(deltaMs: number): void {
    if (this.readonlyMode) {
      return;
    }
    const tag = this.book.get(this.selectedId);
    if (!tag) {
      this.status.say('Select a tag first (click it in the list, or press , or .).', 5000);
      return;
    }
    const max = this.host.maxMs();
    void this.book.update(tag.id, (current) => {
      const values = this.values(current);
      let delta = deltaMs;
      if (values.startMs + delta < 0) {
        delta = -values.startMs;
      }
      const end = values.endMs ?? values.startMs;
      if (max != null && max > 0 && end + delta > max) {
        delta = max - end;
      }
      return { ...values, startMs: values.startMs + delta, endMs: values.endMs == null ? null : values.endMs + delta };
    }).then((outcome) => this.report(outcome, (t) => `Moved to ${formatRange(t.startMs, t.endMs)}.`));
  }

  /** Saves new times for a tag (dragged on the waveform). */
  move(id: number, startMs: number, endMs: number | null): void {
    void this.book.update(id, (current) => ({
      ...this.values(current),
      startMs: Math.max(0, Math.round(startMs)),
      endMs: endMs == null ? null : Math.max(0, Math.round(endMs)),
    })).then((outcome) => this.report(outcome, (t) => `Moved to ${formatRange(t.startMs, t.endMs)}.`));
  }

  async remove(id: number): Promise<void> {
    if (this.readonlyMode) {
      return;
    }
    const tag = this.book.get(id);
    if (!tag) {
      return;
    }
    const described = `${formatRange(tag.startMs, tag.endMs)} ${this.criteria.labelOf(tag)}`;
    const outcome = await this.book.remove(id);
    if (outcome.ok) {
      if (this.selectedId === id) {
        this.select(null, false);
      }
      this.status.say(`Deleted the tag ${described}. Ctrl+Z brings it back.`, 8000);
      this.prompt.clearMessage();
    } else {
      this.prompt.showError(outcome.message);
    }
  }

  async undo(): Promise<void> {
    const pending = this.book.undo();
    if (!pending) {
      this.status.say('Nothing to undo.', 3000);
      return;
    }
    const outcome = await pending;
    if (outcome.ok) {
      this.status.say(outcome.what || 'Undone.', 5000);
      this.prompt.clearMessage();
    } else {
      this.prompt.showError(`Could not undo: ${outcome.message}`);
    }
  }

  async redo(): Promise<void> {
    const pending = this.book.redo();
    if (!pending) {
      this.status.say('Nothing to redo.', 3000);
      return;
    }
    const outcome = await pending;
    if (outcome.ok) {
      this.status.say(outcome.what || 'Redone.', 5000);
      this.prompt.clearMessage();
    } else {
      this.prompt.showError(`Could not redo: ${outcome.message}`);
    }
  }

  private report(outcome: Outcome, success: (tag: Tag) => string): void {
    if (outcome.ok) {
      if (outcome.tag) {
        this.status.say(success(outcome.tag), 4000);
      }
      this.prompt.clearMessage();
    } else {
      this.prompt.showError(outcome.message);
    }
  }

  private afterCreate(tag: Tag, enterAt: number | null): void {
    // The book has already drawn the confirmed tag (its change listeners run synchronously).
    this.select(tag.id, false);
    this.status.say(`Tagged ${formatRange(tag.startMs, tag.endMs)} ${this.criteria.labelOf(tag)}. N adds a note.`, 6000);
    if (enterAt != null) {
      recordTagLatency(enterAt);
    }
  }

  private values(tag: Tag): TagValues {
    return { startMs: tag.startMs, endMs: tag.endMs, criterionIds: [...tag.criterionIds], note: tag.note };
  }

  private render(change: BookChange): void {
    const tags = this.book.tags;
    if (this.selectedId != null && !this.book.get(this.selectedId)) {
      this.selectedId = null;
    }
    if (change.tag || change.removedId != null) {
      this.list.renderOne(tags, change.tag, change.removedId, this.selectedId);
    } else {
      this.list.render(tags, this.selectedId);
    }
    this.coverage.render(this.criteria, tags);
    this.host.tagsChanged(change);
  }
}
