import type { CodeList, Variable } from "../../../schemas/catalogue/types";

/**
 * The SurveyJS question a catalogue variable becomes when dropped from the toolbox, following the
 * compiler's mapping of variable types to question types (schemas/compile/question-schema.ts) and the
 * way the demo mask binds its questions (api/db/seeders/demo/household-mask.ts): name = code, title =
 * the labels in every language, choices = the code list, constraints = validators. Phone, national id
 * and GPS patterns are the compiler's own, so they are not repeated as validators here.
 */
export type QuestionJson = { type: string; name: string } & Record<string, unknown>;

/** Lists up to this length are radio buttons, longer ones a drop-down (as in the demo mask). */
const RADIO_MAX_ITEMS = 6;

export function questionOf(variable: Variable, codeList: CodeList | undefined): QuestionJson {
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
        validators.push({ type: "numeric", ...(c.min !== undefined ? { minValue: c.min } : {}), ...(c.max !== undefined ? { maxValue: c.max } : {}) });
      }
      break;
    case "boolean":
      shape = { type: "boolean" };
      break;
    case "date":
      shape = { type: "text", inputType: "date" };
      break;
    case "single_choice":
    case "multiple_choice": {
      const items = codeList?.items ?? [];
      const choices = items.map((item) => ({ value: item.code, text: { ...item.label } }));
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

/** Creator's icon for the question a variable becomes. */
export function iconOf(variable: Variable): string {
  switch (variable.type) {
    case "boolean":
      return "icon-boolean";
    case "single_choice":
      return "icon-radiogroup";
    case "multiple_choice":
      return "icon-checkbox";
    default:
      return "icon-text";
  }
}
