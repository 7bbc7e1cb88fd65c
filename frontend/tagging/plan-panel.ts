/**
 * The discussion's plan beside the tagging: the agreed questions in order, each with the ACs it is meant to
 * evidence, and whether the learner has had the plan. One click on an AC tags the current moment with it;
 * "Tag all" tags it with all the question's ACs and marks the question asked at that moment (talk time gives figures
 * per question from there). A collapsible side panel (`details`), open by default.
 */
import type { CriteriaIndex } from './criteria';
import { button, el } from './dom';

/** One agreed question (attribute `plan-json`). */
export interface PlannedQuestion {
  position: number;
  text: string;
  criterionIds: number[];
}

/** The plan (attribute `plan-json`): its questions, and whether it was shared with and acknowledged by the learner. */
export interface PlanInfo {
  questions: PlannedQuestion[];
  shared: boolean;
  acknowledged: boolean;
}

export function parsePlan(text: string | null): PlanInfo | null {
  if (!text) {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<PlanInfo>;
    return {
      questions: Array.isArray(value.questions) ? value.questions : [],
      shared: value.shared === true,
      acknowledged: value.acknowledged === true,
    };
  } catch (e) {
    console.warn('Earmark: plan-json is not valid JSON', e);
    return null;
  }
}

/** What to tell the assessor before recording when the learner has not had the plan; null when they have. */
export function planWarning(plan: PlanInfo | null): string | null {
  if (!plan) {
    return null;
  }
  if (plan.questions.length === 0) {
    return 'This discussion has no agreed questions yet, so the learner has not had a plan to prepare with.';
  }
  if (!plan.shared) {
    return 'The plan has not been shared with the learner yet: they have not seen the agreed questions or the blank result sheet.';
  }
  if (!plan.acknowledged) {
    return 'The learner has not yet acknowledged the plan you shared with them.';
  }
  return null;
}

export class PlanPanel {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLOListElement;
  private plan: PlanInfo | null = null;
  private criteria: CriteriaIndex | null = null;
  private editable = true;

  /** @param tag tags this moment with the ACs; with a question's position when it also marks that question asked */
  constructor(private readonly tag: (criterionIds: number[], questionPosition?: number) => void) {
    this.summary = el('summary', 'plan-summary', 'Planned questions');
    this.status = el('p', 'plan-status');
    this.list = el('ol', 'plan-questions') as HTMLOListElement;
    this.element = el('details', 'plan-panel', [this.summary, this.status, this.list]) as HTMLDetailsElement;
    this.element.open = true;
    this.list.addEventListener('click', (e) => this.onClick(e));
  }

  /** The panel in a side column of its own. */
  aside(): HTMLElement {
    const side = el('aside', 'tagging-side', [this.element]);
    side.setAttribute('aria-label', 'Plan');
    return side;
  }

  /** Opens the panel and puts the focus on the first AC of the first question; false when there is none. */
  focusFirstAc(): boolean {
    const first = this.list.querySelector('button.plan-ac') as HTMLButtonElement | null;
    if (!first) {
      return false;
    }
    this.element.open = true;
    first.focus();
    return true;
  }

  setPlan(plan: PlanInfo | null): void {
    this.plan = plan;
    this.render();
  }

  setCriteria(criteria: CriteriaIndex): void {
    this.criteria = criteria;
    this.render();
  }

  setEditable(editable: boolean): void {
    this.editable = editable;
    this.render();
  }

  private render(): void {
    const plan = this.plan;
    const questions = plan ? plan.questions : [];
    this.element.hidden = plan === null;
    this.summary.textContent = `Planned questions (${questions.length})`;
    this.status.textContent = !plan ? '' : questions.length === 0 ? 'No agreed questions yet.'
      : !plan.shared ? 'Not yet shared with the learner.'
        : !plan.acknowledged ? 'Shared with the learner; not yet acknowledged.' : 'Shared with the learner and acknowledged.';
    this.status.classList.toggle('warning', !!plan && !(plan.shared && plan.acknowledged));
    const items = questions.map((q) => this.question(q));
    this.list.replaceChildren(...items);
  }

  private question(q: PlannedQuestion): HTMLLIElement {
    const keys = q.criterionIds.map((id) => ({ id, criterion: this.criteria?.get(id) }));
    const acs = el('span', 'plan-acs', keys.map(({ id, criterion }) => {
      const key = criterion?.key ?? `#${id}`;
      if (!this.editable) {
        const chip = el('span', 'plan-ac', key);
        chip.title = criterion ? `${key}: ${criterion.text}` : key;
        return chip;
      }
      const chip = button('plan-ac', key, `Tag this moment with AC ${key}${criterion ? `: ${criterion.text}` : ''}`);
      chip.dataset.criterionId = String(id);
      return chip;
    }));
    const item = el('li', 'plan-question', [el('span', 'plan-question-text', q.text), acs]);
    item.dataset.position = String(q.position);
    if (this.editable && keys.length > 0) {
      // Also on a question with one AC: it is how the question is marked asked.
      acs.append(button('plan-tag-all', keys.length > 1 ? 'Tag all' : 'Tag as asked', `Tag this moment with all the`
        + ` ACs of question ${q.position}, and mark the question asked here (its talk-time figures start at its first`
        + ' such tag)'));
    }
    return item;
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const chip = target.closest('button.plan-ac') as HTMLElement | null;
    if (chip && chip.dataset.criterionId) {
      this.tag([Number(chip.dataset.criterionId)]);
      return;
    }
    if (target.closest('.plan-tag-all')) {
      const position = Number((target.closest('li.plan-question') as HTMLElement).dataset.position);
      const question = this.plan?.questions.find((q) => q.position === position);
      if (question) {
        this.tag(question.criterionIds, question.position);
      }
    }
  }
}
