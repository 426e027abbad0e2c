import type { CodeList, Variable, VariableType } from "../catalogue/types";
import { fileAnswerSchema } from "./file-schema";
import type { JsonSchema } from "./types";

type Question = Record<string, unknown>;

/** SurveyJS question types rsu compiles, and the variable types each may collect. */
const COMPATIBLE: Record<string, (question: Question) => VariableType[]> = {
  text: (q) => {
    switch (q.inputType ?? "text") {
      case "number":
        return ["integer", "decimal"];
      case "date":
        return ["date"];
      case "text":
      case "tel":
        return ["text", ...TEXT_LIKE];
      default:
        return [];
    }
  },
  comment: () => ["text"],
  boolean: () => ["boolean"],
  dropdown: (q) => ["single_choice", ...numericChoiceTypes(q)],
  radiogroup: (q) => ["single_choice", ...numericChoiceTypes(q)],
  checkbox: () => ["multiple_choice"],
  tagbox: () => ["multiple_choice"],
  // Files, photos and signatures (issue #20): stored as attachments, the answer keeps a reference.
  file: () => ["file"],
  signaturepad: () => ["file"],
};

/**
 * Variable types entered as text and checked by a pattern of their own, added to any the variable or the
 * question states. A GPS point is "lat,lon" in decimal degrees so that it can be typed or pasted offline.
 */
const TYPE_PATTERNS: Partial<Record<VariableType, string>> = {
  phone: "^\\+?[0-9][0-9 ]{5,19}$",
  national_id: "^[A-Za-z0-9][A-Za-z0-9-]{3,29}$",
  gps_point: "^-?(?:90|[0-8]?[0-9])(?:\\.[0-9]+)?, ?-?(?:180|1[0-7][0-9]|[0-9]?[0-9])(?:\\.[0-9]+)?$",
};
const TEXT_LIKE = Object.keys(TYPE_PATTERNS) as VariableType[];

/**
 * Choices that are all numbers (« How many children? » 1…5) store numbers, not codes: such a question
 * collects a number variable, its answer one of the numbers offered. Codes stay text (a code list
 * keeps « 01 » apart from « 1 »), so numbers are never bound to a code list.
 */
function numericChoiceTypes(question: Question): VariableType[] {
  const values = numericChoices(question);
  if (!values) return [];
  return values.every(Number.isInteger) ? ["integer", "decimal"] : ["decimal"];
}

/** The choices' values when there are some and all are numbers; otherwise undefined. */
export function numericChoices(question: Question): number[] | undefined {
  const choices = Array.isArray(question.choices) ? question.choices : [];
  const values = choices.map((c) => (c && typeof c === "object" ? (c as { value?: unknown }).value : c));
  return values.length > 0 && values.every((v): v is number => typeof v === "number" && Number.isFinite(v)) ? values : undefined;
}

export function isSupportedQuestionType(type: string): boolean {
  return type in COMPATIBLE;
}

export function compatibleTypes(question: Question): VariableType[] {
  return COMPATIBLE[String(question.type).toLowerCase()]?.(question) ?? [];
}

/** Validators of the question, by their SurveyJS type (lower case). */
export function validatorsOf(question: Question): Record<string, unknown>[] {
  const list = Array.isArray(question.validators) ? question.validators : [];
  return list.filter((v): v is Record<string, unknown> => !!v && typeof v === "object");
}

/** The conditions of the question's SurveyJS expression validators, evaluated by the rules keyword. */
export function expressionValidators(question: Question): string[] {
  return validatorsOf(question).flatMap((v) =>
    String(v.type ?? "").toLowerCase() === "expression" && typeof v.expression === "string" && v.expression.trim() !== ""
      ? [v.expression]
      : [],
  );
}

/**
 * survey-core's e-mail validator (EmailValidator.re, survey-core 2.3.0), rewritten for the `u` flag ajv
 * runs patterns with (`\"` is not a valid escape there). Its `i` flag changes nothing: no letter is named.
 */
const EMAIL_PATTERN =
  '^(([^<>()\\[\\]\\.,;:\\s@"]+(\\.[^<>()\\[\\]\\.,;:\\s@"]+)*)|(".+"))@(([^<>()=\\[\\]\\.,;:\\s@"]+\\.)+[^<>()=\\[\\]\\.,;:\\s@"]{2,})$';

/** The catalogue's pattern speaks of the whole value; JSON Schema's and SurveyJS's match anywhere. */
export function wholeValue(pattern: string): string {
  return `^(?:${pattern})$`;
}

/**
 * The JSON Schema of one answer: its type from the catalogue variable, its limits from the variable's
 * constraints and from the question (validators, input limits), whichever is narrower: the mask may
 * restrict, never widen. Limits on text bind only answered text: survey-core's validators skip values
 * that are empty once trimmed, and requiredness is the rules keyword's business.
 */
export function answerSchema(
  variable: Variable,
  question: Question,
  codeList: CodeList | undefined,
  surveyMaxLength?: unknown,
): JsonSchema {
  const c = variable.constraints ?? {};
  const v = limitsOf(question);
  const codes = codeList?.items.map((i) => i.code) ?? [];
  const isNumberInput = question.inputType === "number";

  switch (variable.type) {
    case "text":
    case "phone":
    case "national_id":
    case "gps_point": {
      const own = TYPE_PATTERNS[variable.type];
      const patterns = unique([
        ...(own ? [own] : []),
        ...(c.pattern !== undefined ? [wholeValue(c.pattern)] : []),
        ...v.patterns.filter((p) => p !== c.pattern),
      ]);
      const maxLength = narrowest(Math.min, c.maxLength, v.maxLength, inputMaxLength(question, surveyMaxLength));
      const schema = answeredOnly(
        { type: "string", ...(maxLength !== undefined ? { maxLength } : {}) },
        {
          ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
          ...(patterns.length === 1 ? { pattern: patterns[0] } : {}),
          ...(patterns.length > 1 ? { allOf: patterns.map((pattern) => ({ type: "string", pattern })) } : {}),
        },
      );
      // survey-core's e-mail validator skips only the empty string: blanks are tested, and refused.
      return v.email
        ? {
            ...schema,
            allOf: [
              ...((schema.allOf as JsonSchema[] | undefined) ?? []),
              { if: { type: "string", minLength: 1 }, then: { type: "string", pattern: EMAIL_PATTERN } },
            ],
          }
        : schema;
    }
    case "integer":
    case "decimal": {
      const min = narrowest(Math.max, c.min, v.min, isNumberInput ? numberOrUndefined(question.min) : undefined);
      const max = narrowest(Math.min, c.max, v.max, isNumberInput ? numberOrUndefined(question.max) : undefined);
      const offered = isNumberInput ? undefined : numericChoices(question);
      return {
        type: variable.type === "integer" ? "integer" : "number",
        ...(min !== undefined ? { minimum: min } : {}),
        ...(max !== undefined ? { maximum: max } : {}),
        ...(offered ? { enum: offered } : {}),
      };
    }
    case "boolean":
      return { type: "boolean" };
    case "date":
      return answeredOnly({ type: "string" }, { format: "date" });
    case "single_choice":
      return { type: "string", enum: codes };
    case "multiple_choice": {
      const maxItems = narrowest(Math.min, c.maxSelected, positive(question.maxSelectedChoices), v.maxCount);
      return {
        type: "array",
        items: { type: "string", enum: codes },
        uniqueItems: true,
        ...(maxItems !== undefined ? { maxItems } : {}),
        // SurveyJS's answer-count validator lets an empty list through: requiredness decides that case.
        ...(v.minCount !== undefined ? { if: { type: "array", minItems: 1 }, then: { type: "array", minItems: v.minCount } } : {}),
      };
    }
    case "file":
      return fileAnswerSchema(question);
  }
}

/** survey-core's Helpers.getMaxLength: the question's own limit, else (when it says -1 or nothing) the survey's; 0 is none. */
function inputMaxLength(question: Question, surveyMaxLength: unknown): number | undefined {
  const own = numberOrUndefined(question.maxLength);
  return positive(own === undefined || own < 0 ? surveyMaxLength : own);
}

function answeredOnly(schema: JsonSchema, answered: JsonSchema): JsonSchema {
  if (Object.keys(answered).length === 0) return schema;
  return { ...schema, if: { type: "string", pattern: "\\S" }, then: { type: "string", ...answered } };
}

interface Limits {
  min?: number;
  max?: number;
  maxLength?: number;
  minLength?: number;
  minCount?: number;
  maxCount?: number;
  patterns: string[];
  email?: true;
}

/** Limits the question's SurveyJS validators state; mask-checks.ts refuses the validators rsu cannot honour. */
function limitsOf(question: Question): Limits {
  const limits: Limits = { patterns: [] };
  for (const validator of validatorsOf(question)) {
    switch (String(validator.type).toLowerCase()) {
      case "numeric":
        limits.min = narrowest(Math.max, limits.min, numberOrUndefined(validator.minValue));
        limits.max = narrowest(Math.min, limits.max, numberOrUndefined(validator.maxValue));
        break;
      case "text":
        limits.maxLength = narrowest(Math.min, limits.maxLength, positive(validator.maxLength));
        limits.minLength = narrowest(Math.max, limits.minLength, positive(validator.minLength));
        // survey-core refuses text ending in a digit when digits are not allowed (its test is /\d+$/).
        if (validator.allowDigits === false) limits.patterns.push("\\D$");
        break;
      case "regex":
        if (typeof validator.regex === "string" && validator.regex !== "") limits.patterns.push(validator.regex);
        break;
      case "email":
        limits.email = true;
        break;
      case "answercount":
        limits.minCount = narrowest(Math.max, limits.minCount, positive(validator.minCount));
        limits.maxCount = narrowest(Math.min, limits.maxCount, positive(validator.maxCount));
        break;
    }
  }
  return limits;
}

function narrowest(pick: (...values: number[]) => number, ...values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? pick(...defined) : undefined;
}

export function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** SurveyJS writes 0 or -1 for "no limit" on lengths and counts. */
function positive(value: unknown): number | undefined {
  const n = numberOrUndefined(value);
  return n !== undefined && n > 0 ? n : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
