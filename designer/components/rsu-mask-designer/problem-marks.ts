import type { Base, SurveyModel } from "survey-core";
import type { SurveyCreatorModel } from "survey-creator-core";
import type { Message } from "../../../schemas/contracts/api";
import type { BindingError, DraftCheck } from "../../../schemas/contracts/forms";

type Element = Base & {
  name: string;
  elements?: Element[];
  template?: { elements: Element[] };
  templateElements?: Element[];
  isPanel?: boolean;
};

/**
 * The draft check's problems shown where the designer works: a message panel inside the question's box on
 * the design surface (Creator's `onCreateCustomMessagePanel`, raised for elements whose non-serialised
 * `isMessagePanelVisible` is set), and selection of the question from the list above Creator.
 */
export class ProblemMarks {
  private readonly texts = new Map<Element, string>();

  constructor(private readonly creator: SurveyCreatorModel) {
    creator.onCreateCustomMessagePanel.add((_, options) => {
      const text = this.texts.get(options.question as unknown as Element);
      if (text) options.messageText = text;
    });
  }

  show(check: DraftCheck, pick: (message: Message) => string): void {
    for (const element of this.texts.keys()) element.setPropertyValue("isMessagePanelVisible", false);
    this.texts.clear();
    const grouped = new Map<Element, string[]>();
    for (const problem of [...check.errors, ...check.warnings]) {
      const element = this.find(problem);
      if (element) grouped.set(element, [...(grouped.get(element) ?? []), pick(problem.message)]);
    }
    for (const [element, lines] of grouped) {
      this.texts.set(element, lines.join(" "));
      element.setPropertyValue("isMessagePanelVisible", true);
    }
  }

  reveal(pointer: string, question: string): void {
    const element = this.find({ pointer, question });
    if (element) this.creator.selectElement(element, undefined, true);
  }

  /** By the pointer into the saved mask; by name when the draft changed since (the pointer then misses); else nowhere. */
  private find({ pointer, question }: Pick<BindingError, "pointer" | "question">): Element | undefined {
    const survey = this.creator.survey as SurveyModel;
    const byPointer = resolve(survey, pointer);
    if (byPointer?.name === question) return byPointer;
    return allElements(survey).find((e) => e.name === question);
  }
}

/** `/pages/0/elements/3/templateElements/1` in the survey model Creator edits. */
function resolve(survey: SurveyModel, pointer: string): Element | undefined {
  const steps = pointer.split("/").slice(1);
  let current: Element | undefined;
  // "/elements" or "/questions" of a single-page mask: the page Creator made of them.
  let list = (steps.shift() === "pages" ? survey.pages : survey.pages[0]?.elements) as unknown as Element[] | undefined;
  for (let i = 0; i < steps.length; i++) {
    const index = Number(steps[i]);
    if (Number.isInteger(index)) {
      current = list?.[index];
      list = undefined;
      continue;
    }
    if (!current) return undefined;
    list = steps[i] === "templateElements" ? current.template?.elements : current.elements;
  }
  return current;
}

function allElements(survey: SurveyModel): Element[] {
  const out: Element[] = [];
  const walk = (elements: Element[] | undefined) => {
    for (const element of elements ?? []) {
      out.push(element);
      walk(element.elements);
      walk(element.template?.elements);
    }
  };
  walk(survey.pages as unknown as Element[]);
  return out;
}
