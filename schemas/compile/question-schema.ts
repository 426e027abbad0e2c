import type { CodeList, Variable, VariableType } from "../catalogue/types";
import type { JsonSchema } from "./types";

/** SurveyJS question types rsu compiles, and the variable types each may collect. */
const COMPATIBLE: Record<string, (question: Record<string, unknown>) => VariableType[]> = {
  text: (q) => {
    switch (q.inputType ?? "text") {
      case "number":
        return ["integer", "decimal"];
      case "date":
        return ["date"];
      case "text":
      case "tel":
      case "email":
        return ["text"];
      default:
        return [];
    }
  },
  comment: () => ["text"],
  boolean: () => ["boolean"],
  dropdown: () => ["single_choice"],
  radiogroup: () => ["single_choice"],
  checkbox: () => ["multiple_choice"],
  tagbox: () => ["multiple_choice"],
};

export function isSupportedQuestionType(type: string): boolean {
  return type in COMPATIBLE;
}

export function compatibleTypes(question: Record<string, unknown>): VariableType[] {
  return COMPATIBLE[String(question.type).toLowerCase()]?.(question) ?? [];
}

/**
 * The JSON Schema of one answer: its type from the catalogue variable, its limits from the variable's
 * constraints and the question's validators, whichever is narrower (the mask may restrict, never widen).
 */
export function answerSchema(variable: Variable, question: Record<string, unknown>, codeList: CodeList | undefined): JsonSchema {
  const c = variable.constraints ?? {};
  const v = validatorLimits(question);
  const min = narrowest(Math.max, c.min, v.min, numberOrUndefined(question.min));
  const max = narrowest(Math.min, c.max, v.max, numberOrUndefined(question.max));
  const maxLength = narrowest(Math.min, c.maxLength, v.maxLength);
  const patterns = [c.pattern, ...v.patterns].filter((p): p is string => typeof p === "string");
  const codes = codeList?.items.map((i) => i.code) ?? [];

  switch (variable.type) {
    case "text":
      return withPatterns({ type: "string", ...(maxLength !== undefined ? { maxLength } : {}), ...(v.minLength ? { minLength: v.minLength } : {}) }, patterns);
    case "integer":
    case "decimal":
      return { type: variable.type === "integer" ? "integer" : "number", ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) };
    case "boolean":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "single_choice":
      return { type: "string", enum: codes };
    case "multiple_choice": {
      const maxItems = narrowest(Math.min, c.maxSelected, numberOrUndefined(question.maxSelectedChoices));
      return { type: "array", items: { type: "string", enum: codes }, uniqueItems: true, ...(maxItems !== undefined ? { maxItems } : {}) };
    }
  }
}

function withPatterns(schema: JsonSchema, patterns: string[]): JsonSchema {
  if (patterns.length === 0) return schema;
  if (patterns.length === 1) return { ...schema, pattern: patterns[0] };
  return { ...schema, allOf: patterns.map((pattern) => ({ pattern })) };
}

/** Limits the question's SurveyJS validators state (numeric, text, regex); expression validators are logic, not limits. */
function validatorLimits(question: Record<string, unknown>) {
  const limits: { min?: number; max?: number; maxLength?: number; minLength?: number; patterns: string[] } = { patterns: [] };
  const validators = Array.isArray(question.validators) ? (question.validators as Record<string, unknown>[]) : [];
  for (const validator of validators) {
    switch (String(validator.type).toLowerCase()) {
      case "numeric":
        limits.min = narrowest(Math.max, limits.min, numberOrUndefined(validator.minValue));
        limits.max = narrowest(Math.min, limits.max, numberOrUndefined(validator.maxValue));
        break;
      case "text":
        limits.maxLength = narrowest(Math.min, limits.maxLength, positive(validator.maxLength));
        limits.minLength = narrowest(Math.max, limits.minLength, positive(validator.minLength));
        break;
      case "regex":
        if (typeof validator.regex === "string") limits.patterns.push(validator.regex);
        break;
    }
  }
  return limits;
}

function narrowest(pick: (...values: number[]) => number, ...values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? pick(...defined) : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** SurveyJS writes 0 for "no limit" on text lengths. */
function positive(value: unknown): number | undefined {
  const n = numberOrUndefined(value);
  return n !== undefined && n > 0 ? n : undefined;
}
