import type { Catalogue, CodeList, Labels, Variable, VariableType } from "../../schemas/catalogue/types";
import { numericChoices } from "../../schemas/compile/question-schema";
import { typeOf, walkMask, type MaskElement } from "../../schemas/compile/mask-walker";
import type { SurveyJson } from "../../schemas/compile";

/**
 * The catalogue a SurveyJS form would have been designed from: one variable per question, named by the
 * question, of the type its question stores, with a code list made of its choices. Lets forms written
 * elsewhere (../shared/fixtures/external/surveyjs) be compiled as they are, so that what the compiler
 * refuses is the form's own doing, never a missing variable. Questions of types rsu does not compile
 * get no variable: the compiler names them (unsupported_question_type). Pure: same form, same catalogue.
 */
export function deriveCatalogue(mask: SurveyJson): Catalogue {
  const walked = walkMask(mask);
  const variables: Variable[] = [];
  const codeLists: CodeList[] = [];
  for (const { question, scope } of walked.questions) {
    const code = typeof question.name === "string" ? question.name : "";
    const type = variableType(question);
    if (!code || !type || variables.some((v) => v.code === code)) continue;
    const variable: Variable = { code, level: scope === "members" ? "individual" : "household", type, label: labels(question.title, code) };
    if (type === "single_choice" || type === "multiple_choice") {
      variable.codeList = `${code}_choices`;
      codeLists.push({ code: variable.codeList, label: variable.label, items: choicesOf(question).map((c) => ({ code: String(c.value), label: labels(c.text, String(c.value)) })) });
    }
    variables.push(variable);
  }
  return { variables, codeLists };
}

function variableType(q: MaskElement): VariableType | undefined {
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
    default:
      return undefined;
  }
}

function choicesOf(q: MaskElement): { value: unknown; text: unknown }[] {
  const choices = Array.isArray(q.choices) ? (q.choices as unknown[]) : [];
  return choices.map((c) => (c && typeof c === "object" ? { value: (c as { value?: unknown }).value, text: (c as { text?: unknown }).text } : { value: c, text: undefined }));
}

/** SurveyJS texts are a string or one per locale (`default` for the survey's own language). */
function labels(text: unknown, fallback: string): Labels {
  if (typeof text === "string" && text !== "") return { fr: text };
  if (text && typeof text === "object") {
    const byLocale = text as Record<string, unknown>;
    const main = byLocale.fr ?? byLocale.default ?? Object.values(byLocale)[0];
    if (typeof main === "string") return { fr: main };
  }
  return { fr: fallback };
}
