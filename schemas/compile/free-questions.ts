import type { CodeList, Labels, Variable, VariableType } from "../catalogue/types";
import { levelOfScope, typeOf, type MaskElement, type MaskQuestion } from "./mask-walker";
import { numericChoices } from "./question-schema";
import { NONE_VALUE, OTHER_VALUE, specialChoices } from "./special-choices";

/**
 * A question bound to no catalogue variable (a check for the interviewer, a consent, a filter question):
 * the mask designer may add one freely. Its answer is checked like any other, from what the question
 * itself says (its type, its own choices, its validators), and conditions may read it; but no variable
 * describes it, so it does not reach the registry (the publish snapshot and the integration keep
 * catalogue variables only) and the designer flags it (`unbound_question`).
 * Returns undefined for a question type that stores no answer rsu knows; the caller checks, as for any
 * binding, that the question can collect the type found (an input type such as « color » cannot).
 */
export function freeVariable(
  entry: Pick<MaskQuestion, "question" | "scope">,
  code: string,
): { variable: Variable; codeList?: CodeList } | undefined {
  const q = entry.question;
  const type = answerType(q);
  if (!type) return undefined;
  const variable: Variable = { code, level: levelOfScope(entry.scope), type, label: labelsOf(q.title, code) };
  if (type !== "single_choice" && type !== "multiple_choice") return { variable };
  variable.codeList = `${code}_choices`;
  const items = choicesOf(q).map((c) => ({ code: String(c.value), label: labelsOf(c.text, String(c.value)) }));
  for (const value of specialChoices(q)) items.push({ code: value, label: SPECIAL_LABELS[value]! });
  return { variable, codeList: { code: variable.codeList, label: variable.label, items } };
}

/** The type of answer a question stores, as survey-core stores it. */
function answerType(q: MaskElement): VariableType | undefined {
  switch (typeOf(q)) {
    case "text":
      return q.inputType === "number" ? "decimal" : q.inputType === "date" ? "date" : "text";
    case "comment":
      return "text";
    case "boolean":
      return "boolean";
    case "dropdown":
    case "radiogroup": {
      const numbers = numericChoices(q);
      if (numbers) return numbers.every(Number.isInteger) ? "integer" : "decimal";
      return "single_choice";
    }
    case "checkbox":
    case "tagbox":
      return "multiple_choice";
    case "file":
    case "signaturepad":
      return "file";
    default:
      return undefined;
  }
}

const SPECIAL_LABELS: Record<string, Labels> = {
  [OTHER_VALUE]: { fr: "Autre", en: "Other" },
  [NONE_VALUE]: { fr: "Aucun", en: "None" },
};

function choicesOf(q: MaskElement): { value: unknown; text: unknown }[] {
  const choices = Array.isArray(q.choices) ? (q.choices as unknown[]) : [];
  return choices.map((c) =>
    c && typeof c === "object"
      ? { value: (c as { value?: unknown }).value, text: (c as { text?: unknown }).text }
      : { value: c, text: undefined },
  );
}

/** SurveyJS texts are a string or one per locale (`default` for the survey's own language). */
function labelsOf(text: unknown, fallback: string): Labels {
  if (typeof text === "string" && text !== "") return { fr: text };
  if (text && typeof text === "object") {
    const byLocale = text as Record<string, unknown>;
    const main = byLocale.fr ?? byLocale.default ?? Object.values(byLocale)[0];
    if (typeof main === "string") return { fr: main };
  }
  return { fr: fallback };
}
