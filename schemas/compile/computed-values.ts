import { Helpers } from "survey-core";
import { evaluate, type Values } from "./expressions";
import { extend, nonEmpty, type MaskQuestion, type WalkResult } from "./mask-walker";
import type { ComputedValue, SurveyJson } from "./types";

/**
 * The household values the form computes and conditions may read (issue #20): calculated values, then
 * expression questions in mask order, as survey-core runs them (SurveyModel.runConditionsCore). An
 * expression question that may be read-only does not run in survey-core (it keeps whatever the data
 * said, which the server drops): conditions may not read it, so it is not listed.
 */
export function householdFormulas(mask: SurveyJson, walked: WalkResult): ComputedValue[] {
  const formulas: ComputedValue[] = [];
  for (const value of Array.isArray(mask.calculatedValues) ? mask.calculatedValues : []) {
    const v = (value ?? {}) as Record<string, unknown>;
    const name = nonEmpty(v.name);
    const expression = nonEmpty(v.expression);
    if (name && expression) formulas.push({ name, expression });
  }
  for (const entry of walked.computed.household) {
    const q = entry.question;
    const expression = nonEmpty(q.expression);
    if (!expression || mayBeReadOnly(entry)) continue;
    const precision = typeof q.precision === "number" && q.precision >= 0 ? { precision: q.precision } : {};
    formulas.push({ name: String(q.name), expression, ...precision });
  }
  return formulas;
}

function mayBeReadOnly(entry: MaskQuestion): boolean {
  const own = extend(entry.chain, entry.question);
  return own.readOnly || own.enableIf.length > 0;
}

/** One slot: every member of a household reads the same household values, computed once per validation. */
let last: { data: Values; formulas: ComputedValue[]; values: Values } | undefined;

/** Forgets the values computed for the last submission: the next validation may be given the same object, changed. */
export function forgetComputedValues(): void {
  last = undefined;
}

/** computeValues, once per validation: the household's and each member's conditions read the same values. */
export function withComputedValues(data: Values, formulas: ComputedValue[]): Values {
  if (last?.data !== data || last.formulas !== formulas) last = { data, formulas, values: computeValues(data, formulas) };
  return last.values;
}

/**
 * What conditions read: the answers, with the computed values on top. Each value is computed again until
 * none changes, as survey-core reruns its expressions whenever one of their results changes; the bound
 * stops a formula that reads itself. The answers themselves are left as they are: nothing is stored.
 */
export function computeValues(data: Values, formulas: ComputedValue[]): Values {
  // Inherits rather than copies the answers: survey-core's lookup walks inherited keys too.
  const values = Object.create(data) as Values;
  for (let round = 0; round <= formulas.length; round++) {
    let changed = false;
    for (const f of formulas) {
      const result = rounded(evaluate(f.expression, values), f.precision);
      if (Helpers.isTwoValueEquals(result, values[f.name])) continue;
      values[f.name] = result;
      changed = true;
    }
    if (!changed) break;
  }
  return values;
}

/** QuestionExpressionModel.roundValue: Infinity is no value; a precision rounds numbers only. */
function rounded(value: unknown, precision: number | undefined): unknown {
  if (value === Infinity) return undefined;
  if (precision === undefined || typeof value !== "number") return value;
  return Number.parseFloat(value.toFixed(precision));
}
