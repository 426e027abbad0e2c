import { ExpressionRunner } from "survey-core";
import type { Variable } from "../../../schemas/catalogue/types";
import { extend, nonEmpty, type MaskQuestion } from "../../../schemas/compile/mask-walker";
import { numericChoices, validatorsOf } from "../../../schemas/compile/question-schema";
import type { Dice } from "../demo-responses";

/**
 * One answer a form asks, as the response generator (form-responses.ts) sees it: the variable it is
 * bound to, its limits, when it is shown and required, and where it stands in its record.
 */

export type Values = Record<string, unknown>;

export interface Asked {
  entry: MaskQuestion;
  name: string;
  /** The keys from the record (the household, a member, a plot) to the answer: `[name]`, `[matrix, row]`, `[matrix, row, column]`. */
  path: string[];
  /** The question that page and panel groups list it by: its own name, or its composite question's. */
  question: string;
  /** A matrix's cell (a row, a column's cell, a multiple text's item): survey-core checks no choice there (STACK.md trap 13). */
  cell: boolean;
  variable: Variable;
  codes: string[];
  /** Offered numbers when a number is asked with choices. */
  numbers?: number[];
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  /** The input's own limit: values never exceed it, and breakages neither. */
  inputMaxLength?: number;
  email: boolean;
  visibleIf: string[];
  hidden: boolean;
  required: boolean;
  requiredIf?: string;
}

export function describeAsked(
  entry: MaskQuestion,
  variable: Variable,
  codes: string[],
  surveyMaxLength: unknown,
  at: { path?: string[]; question?: string; required?: boolean; cell?: boolean } = {},
): Asked {
  const q = entry.question;
  const own = extend(entry.chain, q);
  const c = variable.constraints ?? {};
  const asked: Asked = {
    entry,
    name: variable.code,
    path: at.path ?? [variable.code],
    question: at.question ?? variable.code,
    cell: at.cell ?? false,
    variable,
    codes,
    email: false,
    visibleIf: own.visibleIf,
    hidden: own.hidden,
    required: q.isRequired === true || at.required === true,
    ...(nonEmpty(q.requiredIf) ? { requiredIf: String(q.requiredIf) } : {}),
    ...(c.min !== undefined ? { min: c.min } : {}),
    ...(c.max !== undefined ? { max: c.max } : {}),
    ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
  };
  // The input's own limit, else the survey's (survey-core's Helpers.getMaxLength): the form's input stops the
  // clerk there, though survey-core's validation does not check it (STACK.md trap 13), so no breakage crosses it.
  const inputMax = typeof q.maxLength === "number" && q.maxLength >= 0 ? q.maxLength : surveyMaxLength;
  if (typeof inputMax === "number" && inputMax > 0 && ["text", "comment"].includes(String(q.type))) asked.inputMaxLength = inputMax;
  const numbers = q.inputType === "number" ? undefined : numericChoices(q);
  if (numbers) asked.numbers = numbers;
  for (const v of validatorsOf(q)) {
    const type = String(v.type ?? "").toLowerCase();
    const num = (x: unknown) => (typeof x === "number" ? x : undefined);
    if (type === "numeric") {
      if (num(v.minValue) !== undefined) asked.min = Math.max(asked.min ?? -Infinity, num(v.minValue)!);
      if (num(v.maxValue) !== undefined) asked.max = Math.min(asked.max ?? Infinity, num(v.maxValue)!);
    }
    if (type === "text") {
      if (num(v.minLength)! > 0) asked.minLength = num(v.minLength);
      if (num(v.maxLength)! > 0) asked.maxLength = Math.min(asked.maxLength ?? Infinity, num(v.maxLength)!);
    }
    if (type === "email") asked.email = true;
  }
  return asked;
}

/** The answer at `path` in a record, or undefined. */
export function answerAt(record: Values, path: readonly string[]): unknown {
  let at: unknown = record;
  for (const key of path) at = at && typeof at === "object" && !Array.isArray(at) ? (at as Values)[key] : undefined;
  return at;
}

/** Sets the answer at `path`, making the objects of a composite question on the way. */
export function setAnswer(record: Values, path: readonly string[], value: unknown): void {
  let at = record;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (!next || typeof next !== "object" || Array.isArray(next)) at[key] = {};
    at = at[key] as Values;
  }
  at[path.at(-1)!] = value;
}

/** Whether the record has a key at `path`, answered or not. */
export function hasKey(record: Values, path: readonly string[]): boolean {
  const parent = answerAt(record, path.slice(0, -1));
  return !!parent && typeof parent === "object" && path.at(-1)! in (parent as Values);
}

/** Removes the answer at `path`, and the composite question's objects it leaves empty, as a clerk's clearing does. */
export function deleteAnswer(record: Values, path: readonly string[]): void {
  if (path.length > 1) {
    const parent = answerAt(record, path.slice(0, -1));
    if (!parent || typeof parent !== "object") return;
    delete (parent as Values)[path.at(-1)!];
    if (Object.keys(parent as Values).length === 0) deleteAnswer(record, path.slice(0, -1));
  } else delete record[path[0]!];
}

/** Dice.pick refuses `undefined`: this stands for "no key at all". */
export const ABSENT = Symbol("absent");

const runners = new Map<string, ExpressionRunner>();
export function run(expression: string, values: Values): unknown {
  let runner = runners.get(expression);
  if (!runner) {
    runner = new ExpressionRunner(expression);
    runners.set(expression, runner);
  }
  return runner.runValues(values);
}

export function isShown(a: { hidden: boolean; visibleIf: string[] }, values: Values): boolean {
  return !a.hidden && a.visibleIf.every((e) => run(e, values) === true);
}

export function isRequired(a: Asked, values: Values): boolean {
  return a.requiredIf ? run(a.requiredIf, values) === true : a.required;
}

export function isChoice(a: Asked): boolean {
  return a.codes.length > 0 || !!a.numbers;
}

export function isText(a: Asked): boolean {
  return ["text", "phone", "national_id", "gps_point"].includes(a.variable.type);
}

export function isNumber(a: Asked): boolean {
  return a.variable.type === "integer" || a.variable.type === "decimal";
}

const WORDS = ["Moroni", "Mutsamudu", "Fomboni", "bangwe", "marché", "école", "Said", "Fatima", "port", "mosquée"];

/** Text of exactly `length` characters, no blank at either end. */
export function words(dice: Dice, length: number): string {
  let s = dice.pick(WORDS);
  while (s.length < length) s += ` ${dice.pick(WORDS)}`;
  s = s.slice(0, length);
  return s.endsWith(" ") ? `${s.slice(0, -1)}a` : s;
}
