import type { CodeList, Variable } from "../catalogue/types";

/**
 * The SurveyJS question a catalogue variable becomes: dropped from the designer's toolbox, or written
 * into the demo mask. It follows the compiler's mapping of variable types to question types
 * (schemas/compile/question-schema.ts): name = code, title = the labels in every language, choices =
 * the code list, constraints = validators. Phone, national id and GPS patterns are the compiler's own,
 * so they are not repeated as validators here. One function, so the demo mask and what designers drag
 * can never differ.
 */
export type QuestionJson = { type: string; name: string } & Record<string, unknown>;

export interface QuestionOptions {
  /** For a list with a parent list (cascading areas): the condition that shows a choice, given its parent code. */
  choiceVisibleIf?: (parent: string) => string;
}

/** Lists up to this length are radio buttons, longer ones a drop-down. */
const RADIO_MAX_ITEMS = 6;

export function questionOf(variable: Variable, codeList: CodeList | undefined, options: QuestionOptions = {}): QuestionJson {
  const c = variable.constraints ?? {};
  const validators: Record<string, unknown>[] = [];
  let shape: Record<string, unknown> & { type: string };
  switch (variable.type) {
    case "text":
      shape = { type: "text" };
      if (c.maxLength !== undefined) validators.push({ type: "text", maxLength: c.maxLength });
      if (c.pattern !== undefined) validators.push({ type: "regex", regex: c.pattern });
      break;
    case "phone":
      shape = { type: "text", inputType: "tel" };
      break;
    case "national_id":
    case "gps_point":
      shape = { type: "text" };
      break;
    case "integer":
    case "decimal":
      shape = variable.type === "integer" ? { type: "text", inputType: "number", step: 1 } : { type: "text", inputType: "number" };
      if (c.min !== undefined || c.max !== undefined) {
        validators.push({
          type: "numeric",
          ...(c.min !== undefined ? { minValue: c.min } : {}),
          ...(c.max !== undefined ? { maxValue: c.max } : {}),
        });
      }
      break;
    case "boolean":
      shape = { type: "boolean" };
      break;
    case "date":
      shape = { type: "text", inputType: "date" };
      break;
    case "file":
      // A photo by default, the commonest file a registry keeps; the designer may change the types.
      shape = { type: "file", acceptedTypes: "image/*", storeDataAsText: true };
      break;
    case "single_choice":
    case "multiple_choice": {
      const items = codeList?.items ?? [];
      const choices = items.map((item) => ({
        value: item.code,
        text: { ...item.label },
        ...(options.choiceVisibleIf && item.parent !== undefined ? { visibleIf: options.choiceVisibleIf(item.parent) } : {}),
      }));
      if (variable.type === "multiple_choice") {
        shape = { type: "checkbox", choices, ...(c.maxSelected !== undefined ? { maxSelectedChoices: c.maxSelected } : {}) };
      } else {
        shape = { type: items.length <= RADIO_MAX_ITEMS ? "radiogroup" : "dropdown", choices };
      }
      break;
    }
  }
  return { ...shape, name: variable.code, title: { ...variable.label }, ...(validators.length ? { validators } : {}) };
}
