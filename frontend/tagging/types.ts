/** Shapes shared by <earmark-workspace> and <earmark-recorder>, as the server sends and takes them. */

/** One assessment criterion of the assessed units (attribute `criteria-json`). */
export interface Criterion {
  id: number;
  /** What the assessor types: the AC number, or "<unit suffix>/<number>" when the number occurs in two units. */
  key: string;
  number: string;
  unit: string;
  lo: number;
  loTitle: string;
  text: string;
}

/** One tag (attribute `tags-json`, and the `tag` of a server answer). */
export interface Tag {
  id: number;
  version: number;
  startMs: number;
  /** Non-null for a span. */
  endMs: number | null;
  criterionIds: number[];
  note: string | null;
  /** The planned question this tag marks as asked here (made with the question's "Tag all"); fixed when made. */
  questionPosition?: number | null;
  createdBy?: string | null;
  updatedBy?: string | null;
}

/** The values of a tag that the assessor changes. */
export interface TagValues {
  startMs: number;
  endMs: number | null;
  criterionIds: number[];
  note: string | null;
  /** Sent only when a tag is made (or made again by an undo); a change never alters it. */
  questionPosition?: number | null;
}

/** What a change of tags came to: the saved tag, or the server's (or the browser's) reason for refusing. */
export type Outcome = { ok: true; tag?: Tag } | { ok: false; message: string };

/** The element's `$server` as Vaadin provides it for the @ClientCallable methods. */
export interface TagServer {
  createTag(json: string): Promise<string>;
  updateTag(json: string): Promise<string>;
  deleteTag(json: string): Promise<string>;
}

export function valuesOf(tag: Tag): TagValues {
  return {
    startMs: tag.startMs,
    endMs: tag.endMs,
    criterionIds: [...tag.criterionIds],
    note: tag.note,
    questionPosition: tag.questionPosition ?? null,
  };
}

/** Parses a JSON array attribute; anything unreadable counts as empty (and is reported on the console). */
export function parseJsonArray<T>(text: string | null, what: string): T[] {
  if (!text) {
    return [];
  }
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch (e) {
    console.warn(`Earmark: ${what} is not valid JSON`, e);
    return [];
  }
}
