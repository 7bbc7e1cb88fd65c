/**
 * The ACs of the assessed units, and reading what the assessor types: "3.1 3.2", "3.1, 3.2", "AC 3.1 and
 * 3.2", "301/3.1". A number that occurs in two assessed units must be written with the unit ("301/3.1").
 */
import type { Criterion, Tag } from './types';

export interface ParsedKeys {
  /** Criterion ids, in the order typed, without repeats. */
  ids: number[];
  /** Why some of the text could not be read; empty when everything was understood. */
  errors: string[];
}

/** Separators between keys, and filler words the assessor may type. */
const SEPARATORS = /[\s,;+&]+/;
const FILLERS = new Set(['ac', 'acs', 'and']);

function unitSuffix(unit: string): string {
  const dash = unit.lastIndexOf('-');
  return dash >= 0 ? unit.substring(dash + 1) : unit;
}

function normalise(token: string): string {
  let t = token.trim().toLowerCase();
  if (t.startsWith('ac') && t.length > 2 && /\d/.test(t.charAt(2))) {
    t = t.substring(2);
  }
  return t.replace(/[.:]+$/, '');
}

export class CriteriaIndex {
  readonly all: readonly Criterion[];
  private readonly byId = new Map<number, Criterion>();
  private readonly byKey = new Map<string, Criterion>();
  /** Numbers that occur in more than one unit, with every criterion carrying them. */
  private readonly byNumber = new Map<string, Criterion[]>();

  constructor(criteria: Criterion[]) {
    this.all = criteria;
    for (const c of criteria) {
      this.byId.set(c.id, c);
      this.byKey.set(c.key.toLowerCase(), c);
      const list = this.byNumber.get(c.number.toLowerCase()) || [];
      list.push(c);
      this.byNumber.set(c.number.toLowerCase(), list);
    }
    // Also accept the unit-qualified forms of every AC ("300/3.1", "8587-300/3.1"), when they are unique.
    for (const c of criteria) {
      for (const alias of [`${unitSuffix(c.unit)}/${c.number}`, `${c.unit}/${c.number}`]) {
        const k = alias.toLowerCase();
        if (!this.byKey.has(k)) {
          this.byKey.set(k, c);
        }
      }
    }
  }

  get size(): number {
    return this.all.length;
  }

  get(id: number): Criterion | undefined {
    return this.byId.get(id);
  }

  /** The criterion a typed key names, if exactly one. */
  lookup(key: string): Criterion | undefined {
    return this.byKey.get(normalise(key));
  }

  /** The keys of the tag's ACs, as the assessor types them ("3.1 3.2"); unknown ids show as "#id". */
  keysOf(ids: readonly number[]): string[] {
    return ids.map((id) => this.byId.get(id)?.key ?? `#${id}`);
  }

  /** "AC 3.1, 3.2". */
  labelOf(tag: Pick<Tag, 'criterionIds'>): string {
    const keys = this.keysOf(tag.criterionIds);
    return keys.length === 0 ? 'no AC' : `AC ${keys.join(', ')}`;
  }

  /** Reads typed keys. Unknown and ambiguous keys are reported, not guessed. */
  parse(text: string): ParsedKeys {
    const ids: number[] = [];
    const errors: string[] = [];
    for (const raw of text.split(SEPARATORS)) {
      const token = normalise(raw);
      if (!token || FILLERS.has(token)) {
        continue;
      }
      const found = this.byKey.get(token);
      if (found) {
        if (!ids.includes(found.id)) {
          ids.push(found.id);
        }
        continue;
      }
      const same = this.byNumber.get(token);
      if (same && same.length > 1) {
        errors.push(`AC ${raw.trim()} is in more than one unit: type ${same.map((c) => c.key).join(' or ')}.`);
      } else {
        errors.push(`AC ${raw.trim()} is not one of the ACs of ${this.unitList()}.`);
      }
    }
    return { ids, errors };
  }

  /** Criteria whose key (or number) starts with what is typed, best first. */
  suggest(token: string, limit = 8): Criterion[] {
    const t = normalise(token);
    if (!t || FILLERS.has(t)) {
      return [];
    }
    const exact: Criterion[] = [];
    const prefix: Criterion[] = [];
    for (const c of this.all) {
      const key = c.key.toLowerCase();
      const number = c.number.toLowerCase();
      if (key === t) {
        exact.push(c);
      } else if (key.startsWith(t) || number.startsWith(t)) {
        prefix.push(c);
      }
    }
    return [...exact, ...prefix].slice(0, limit);
  }

  private unitList(): string {
    const units = [...new Set(this.all.map((c) => c.unit))];
    if (units.length === 0) {
      return 'this discussion (it has no assessed units)';
    }
    return units.length === 1 ? `unit ${units[0]}` : `units ${units.join(', ')}`;
  }
}
