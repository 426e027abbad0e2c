import type { PanelModel, Question, QuestionPanelDynamicModel, SurveyModel } from "survey-core";
import type { FieldError } from "../../../schemas/contracts/api";
import { t } from "../../i18n";

export interface LocatedFieldError {
  /** Where, in the clerk's words: « Membres n° 1 — Date de naissance ». The pointer when nothing matches. */
  label: string;
  question?: Question;
}

interface QuestionContainer {
  getQuestionByName(name: string): Question | null;
}

/**
 * Finds the question a server error points at. Pointers address the data (`/members/0/birth_date`):
 * a name is a question, a number after a dynamic panel is one of its panels (one roster line).
 */
export function locateFieldError(model: SurveyModel, error: FieldError): LocatedFieldError {
  const segments = error.pointer.split("/").slice(1).map(unescapeSegment);
  const labels: string[] = [];
  let container: QuestionContainer = model;
  let question: Question | undefined;
  for (let i = 0; i < segments.length; i++) {
    const found = container.getQuestionByName(segments[i]!);
    if (!found) break;
    question = found;
    const index = Number(segments[i + 1]);
    const panel = found.getType() === "paneldynamic" && Number.isInteger(index) ? panelAt(found, index) : undefined;
    if (!panel) {
      labels.push(titleOf(found));
      break;
    }
    // The panel's own title ("Membre n° 2") when the mask gives one, else the roster's title and the line.
    labels.push(panel.processedTitle || t("rosterItem", { roster: titleOf(found), number: index + 1 }));
    container = panel;
    i++;
  }
  return { label: labels.length ? labels.join(" — ") : error.pointer, question };
}

function panelAt(question: Question, index: number): PanelModel | undefined {
  return (question as QuestionPanelDynamicModel).panels[index];
}

function titleOf(question: Question): string {
  return question.processedTitle || question.name;
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
