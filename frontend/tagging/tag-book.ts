/**
 * The tags of a discussion as this browser knows them, and every change the assessor makes to them.
 *
 * The server's `tags-json` is the source of truth when the page opens: {@link TagBook.setFromServer} replaces
 * what is known. After that the server pushes each committed change on its own (anyone's, this browser's
 * too): {@link TagBook.applyServerChange} applies it unless what is known is as new already (versions), and
 * a deleted tag never comes back. Changes go to the server one at a time, in the order they were asked for (a nudge computes its new
 * time from the tag as it is when its turn comes), and a successful answer is applied at once, without
 * waiting for the next `tags-json`. The assessor's own changes can be undone and redone; a tag deleted and
 * made again gets a new id from the server, which the undo history follows.
 */
import type { Outcome, Tag, TagServer, TagValues } from './types';
import { valuesOf } from './types';

type Change =
  | { kind: 'create'; id: number; values: TagValues }
  | { kind: 'update'; id: number; before: TagValues; after: TagValues }
  | { kind: 'delete'; id: number; values: TagValues };

export interface BookChange {
  /**
   * 'server': a new tags-json, or (with `tag` or `removedId`) one change the server pushed; 'local': a change
   * confirmed by the server; 'revert': a refused change.
   */
  reason: 'server' | 'local' | 'revert';
  /** The one tag that was created or changed, if the change is about one tag. */
  tag?: Tag;
  /** The one tag that was deleted, if the change is a deletion. */
  removedId?: number;
}

/** One committed change as the server pushes it: a tag made or changed, or the id of a deleted one. */
export interface ServerChange {
  tag?: Tag;
  deletedId?: number;
}

const UNDO_LIMIT = 100;

function byTime(a: Tag, b: Tag): number {
  return a.startMs - b.startMs || a.id - b.id;
}

function sameValues(a: TagValues, b: TagValues): boolean {
  return a.startMs === b.startMs && a.endMs === b.endMs && a.note === b.note
    && a.criterionIds.length === b.criterionIds.length && a.criterionIds.every((id, i) => id === b.criterionIds[i]);
}

export class TagBook {
  private byId = new Map<number, Tag>();
  private ordered: Tag[] = [];
  /** Tags known to be deleted: a late change to one of them does not bring it back. */
  private deleted = new Set<number>();
  /** How many changes the server has pushed (for tests and measurements). */
  pushedChanges = 0;
  private undoStack: Change[] = [];
  private redoStack: Change[] = [];
  /** Id of a tag deleted by undo or redo → id of the tag made again in its place. */
  private alias = new Map<number, number>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Jobs asked for and not yet settled. */
  private waiting = 0;
  private listeners: Array<(change: BookChange) => void> = [];
  /** The tag this browser made last (for N and E when nothing is selected). */
  lastMadeId: number | null = null;

  constructor(private readonly server: () => TagServer | undefined) {}

  onChange(listener: (change: BookChange) => void): void {
    this.listeners.push(listener);
  }

  /** Every tag, in time order. */
  get tags(): readonly Tag[] {
    return this.ordered;
  }

  get(id: number | null | undefined): Tag | undefined {
    return id == null ? undefined : this.byId.get(this.resolve(id));
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  setFromServer(tags: Tag[]): void {
    this.byId = new Map(tags.map((t) => [t.id, t]));
    this.reorder();
    this.emit({ reason: 'server' });
  }

  /** One change pushed by the server; ignored when this browser knows the tag as new already. */
  applyServerChange(change: ServerChange): void {
    this.pushedChanges++;
    if (change.deletedId != null) {
      this.forget(change.deletedId, 'server');
      return;
    }
    const tag = change.tag;
    if (!tag || this.deleted.has(tag.id)) {
      return;
    }
    const known = this.byId.get(tag.id);
    if (known && known.version >= tag.version) {
      return;
    }
    this.put(tag, 'server');
  }

  create(values: TagValues): Promise<Outcome> {
    return this.enqueue(async () => {
      const outcome = await this.sendCreate(values);
      if (outcome.ok && outcome.tag) {
        this.lastMadeId = outcome.tag.id;
        this.record({ kind: 'create', id: outcome.tag.id, values: valuesOf(outcome.tag) });
      }
      return outcome;
    });
  }

  /** Changes a tag; `change` gets the tag as it is when the change's turn comes. */
  update(id: number, change: (tag: Tag) => TagValues): Promise<Outcome> {
    return this.enqueue(async () => {
      const tag = this.get(id);
      if (!tag) {
        return { ok: false, message: 'That tag no longer exists: someone may have deleted it.' } as Outcome;
      }
      const before = valuesOf(tag);
      const after = change(tag);
      if (sameValues(before, after)) {
        return { ok: true, tag } as Outcome;
      }
      const outcome = await this.sendUpdate(tag, after);
      if (outcome.ok && outcome.tag) {
        this.record({ kind: 'update', id: outcome.tag.id, before, after: valuesOf(outcome.tag) });
      }
      return outcome;
    });
  }

  remove(id: number): Promise<Outcome> {
    return this.enqueue(async () => {
      const tag = this.get(id);
      if (!tag) {
        return { ok: false, message: 'That tag no longer exists: someone may have deleted it.' } as Outcome;
      }
      const outcome = await this.sendDelete(tag);
      if (outcome.ok) {
        this.record({ kind: 'delete', id: tag.id, values: valuesOf(tag) });
      }
      return outcome;
    });
  }

  /** Undoes the assessor's last change; null when there is nothing to undo. */
  undo(): Promise<Outcome & { what?: string }> | null {
    if (this.undoStack.length === 0) {
      return null;
    }
    return this.enqueue(async () => {
      const change = this.undoStack[this.undoStack.length - 1];
      if (!change) {
        return { ok: false, message: 'Nothing to undo.' };
      }
      const outcome = await this.apply(change, 'undo');
      if (outcome.ok) {
        this.undoStack.pop();
        this.redoStack.push(change);
      }
      return { ...outcome, what: this.describe(change, 'undo') };
    });
  }

  redo(): Promise<Outcome & { what?: string }> | null {
    if (this.redoStack.length === 0) {
      return null;
    }
    return this.enqueue(async () => {
      const change = this.redoStack[this.redoStack.length - 1];
      if (!change) {
        return { ok: false, message: 'Nothing to redo.' };
      }
      const outcome = await this.apply(change, 'redo');
      if (outcome.ok) {
        this.redoStack.pop();
        this.undoStack.push(change);
      }
      return { ...outcome, what: this.describe(change, 'redo') };
    });
  }

  /** Redraws everything from what the server last said (after a refused change, e.g. a dragged marker). */
  revert(): void {
    this.emit({ reason: 'revert' });
  }

  private async apply(change: Change, direction: 'undo' | 'redo'): Promise<Outcome> {
    const id = this.resolve(change.id);
    const current = this.byId.get(id);
    const remake = async (values: TagValues) => {
      const outcome = await this.sendCreate(values);
      if (outcome.ok && outcome.tag) {
        this.alias.set(id, outcome.tag.id);
      }
      return outcome;
    };
    const missing: Outcome = { ok: false, message: 'That tag no longer exists: someone may have deleted it.' };
    if (change.kind === 'create') {
      if (direction === 'undo') {
        return current ? this.sendDelete(current) : missing;
      }
      return remake(change.values);
    }
    if (change.kind === 'delete') {
      if (direction === 'undo') {
        return remake(change.values);
      }
      return current ? this.sendDelete(current) : missing;
    }
    if (!current) {
      return missing;
    }
    return this.sendUpdate(current, direction === 'undo' ? change.before : change.after);
  }

  private describe(change: Change, direction: 'undo' | 'redo'): string {
    const verb = direction === 'undo' ? 'Undone' : 'Redone';
    const what = change.kind === 'create' ? 'making a tag' : change.kind === 'delete' ? 'deleting a tag' : 'a change to a tag';
    return `${verb}: ${what}.`;
  }

  private record(change: Change): void {
    this.undoStack.push(change);
    if (this.undoStack.length > UNDO_LIMIT) {
      this.undoStack.shift();
    }
    this.redoStack = [];
  }

  private resolve(id: number): number {
    let current = id;
    for (let guard = 0; guard < 1000 && this.alias.has(current); guard++) {
      current = this.alias.get(current)!;
    }
    return current;
  }

  private async sendCreate(values: TagValues): Promise<Outcome> {
    const outcome = await this.call('createTag', {
      startMs: Math.round(values.startMs),
      endMs: values.endMs == null ? null : Math.round(values.endMs),
      criterionIds: values.criterionIds,
      note: values.note,
      questionPosition: values.questionPosition ?? null,
    });
    if (outcome.ok && outcome.tag) {
      this.put(outcome.tag);
    }
    return outcome;
  }

  private async sendUpdate(tag: Tag, values: TagValues): Promise<Outcome> {
    const outcome = await this.call('updateTag', {
      id: tag.id,
      version: tag.version,
      startMs: Math.round(values.startMs),
      endMs: values.endMs == null ? null : Math.round(values.endMs),
      criterionIds: values.criterionIds,
      note: values.note,
    });
    if (outcome.ok && outcome.tag) {
      this.put(outcome.tag);
    } else if (!outcome.ok) {
      this.revert();
    }
    return outcome;
  }

  private async sendDelete(tag: Tag): Promise<Outcome> {
    const outcome = await this.call('deleteTag', { id: tag.id, version: tag.version });
    if (outcome.ok) {
      this.forget(tag.id, 'local');
    } else {
      this.revert();
    }
    return outcome;
  }

  /** Adds or replaces one tag, keeping the time order without sorting everything again. */
  private put(tag: Tag, reason: 'local' | 'server' = 'local'): void {
    const known = this.byId.get(tag.id);
    if (known && known.version > tag.version) {
      // A push from the server got here first with a newer version.
      return;
    }
    this.byId.set(tag.id, tag);
    if (known) {
      this.ordered.splice(this.ordered.indexOf(known), 1);
    }
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byTime(this.ordered[mid], tag) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    this.ordered.splice(low, 0, tag);
    this.emit({ reason, tag });
  }

  private forget(id: number, reason: 'local' | 'server'): void {
    this.deleted.add(id);
    const known = this.byId.get(id);
    if (!known) {
      return;
    }
    this.byId.delete(id);
    this.ordered.splice(this.ordered.indexOf(known), 1);
    this.emit({ reason, removedId: id });
  }

  private async call(method: keyof TagServer, body: object): Promise<Outcome> {
    const server = this.server();
    if (!server || typeof server[method] !== 'function') {
      return { ok: false, message: 'Earmark is not connected to the server: reload the page and try again.' };
    }
    try {
      const answer = await server[method](JSON.stringify(body));
      const parsed = typeof answer === 'string' ? JSON.parse(answer) : answer;
      if (parsed && parsed.ok === true) {
        return { ok: true, tag: parsed.tag };
      }
      return { ok: false, message: (parsed && parsed.message) || 'The server refused the change.' };
    } catch (e) {
      return { ok: false, message: `The change could not be saved: ${(e as Error)?.message || e}. Check the connection and try again.` };
    }
  }

  /**
   * Runs the job after those already asked for; with none waiting it starts now, in the caller's task, so
   * that its request leaves before the caller goes on (e.g. closing the prompt).
   */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const start = (): Promise<T> => {
      try {
        return job();
      } catch (e) {
        return Promise.reject(e);
      }
    };
    const next = this.waiting === 0 ? start() : this.queue.then(start, start);
    this.waiting++;
    const settled = next.then(() => this.waiting--, () => this.waiting--);
    this.queue = settled;
    return next;
  }

  private reorder(): void {
    this.ordered = [...this.byId.values()].sort(byTime);
  }

  private emit(change: BookChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (e) {
        console.error('Earmark: tag listener failed', e);
      }
    }
  }
}
