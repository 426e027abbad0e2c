import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { FieldError } from "../contracts/api";
import { toFieldErrors } from "./field-errors";
import { isEmptyAnswer, rulesKeyword } from "./rules-keyword";
import { RULES_KEYWORD, type JsonSchema } from "./types";

/** One ajv instance for every schema: formats and the rules keyword are registered once. */
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword(rulesKeyword);

/**
 * The validator of a compiled schema (or any JSON Schema 2020-12): returns the field errors of `data`,
 * none when it is valid. Compiled once; call it as often as needed. Empty answers ("" and []) count as
 * no answer, as in survey-core, so a cleared field is checked as an absent one.
 */
export function createValidator(schema: JsonSchema): (data: unknown) => FieldError[] {
  const validate = ajv.compile(schema);
  const hasRules = JSON.stringify(schema).includes(`"${RULES_KEYWORD}"`);
  return (data) => {
    const checked = hasRules ? withoutEmptyAnswers(data) : data;
    return validate(checked) ? [] : toFieldErrors(validate.errors);
  };
}

/** A copy without empty answers, at the top and in each roster entry; the input itself when it has none. */
function withoutEmptyAnswers(data: unknown): unknown {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  let copy: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(data)) {
    let kept = value;
    if (Array.isArray(value) && value.some((v) => v && typeof v === "object" && !Array.isArray(v))) {
      const items = value.map(withoutEmptyAnswers);
      if (items.some((item, i) => item !== value[i])) kept = items;
    }
    if (isEmptyAnswer(value) || kept !== value) {
      copy ??= { ...(data as Record<string, unknown>) };
      if (isEmptyAnswer(value)) delete copy[key];
      else copy[key] = kept;
    }
  }
  return copy ?? data;
}
