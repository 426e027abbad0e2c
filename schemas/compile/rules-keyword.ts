import type { ErrorObject, FuncKeywordDefinition } from "ajv";
import type { DataValidationCxt } from "ajv/dist/types";
import { ConditionRunner } from "survey-core";
import { RULES_KEYWORD, type QuestionRule } from "./types";

type Answers = Record<string, unknown>;

/** One runner per distinct expression: parsing is the costly part, running is a few microseconds. */
const runners = new Map<string, ConditionRunner>();
function holds(expression: string, values: Answers): boolean {
  let runner = runners.get(expression);
  if (!runner) {
    runner = new ConditionRunner(expression);
    runners.set(expression, runner);
  }
  return runner.runValues(values) === true;
}

/** What survey-core counts as no answer. */
export function isEmptyAnswer(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * The `x-rsu-rules` keyword: survey logic that JSON Schema cannot say, with survey-core's semantics.
 * A question hidden by its conditions (or its page's, or its panels') must have no answer; a shown one
 * that is required, or whose requiredIf holds, must have one; a choice must be among those shown; a
 * child code must belong to the parent answered beside it. Inside the roster, `{panel.x}` is the
 * member's own answer and `{x}` the household's.
 */
export const rulesKeyword: FuncKeywordDefinition = {
  keyword: RULES_KEYWORD,
  schemaType: "array",
  errors: true,
  validate: function checkRules(rules: QuestionRule[], data: unknown, _parent?: unknown, cxt?: DataValidationCxt): boolean {
    if (!data || typeof data !== "object" || Array.isArray(data)) return true;
    const answers = data as Answers;
    const root = (cxt?.rootData ?? data) as Answers;
    const inRoster = root !== data;
    const values: Answers = inRoster ? { ...root, panel: answers, panelIndex: cxt?.parentDataProperty } : answers;
    const at = cxt?.instancePath ?? "";
    const errors: Partial<ErrorObject>[] = [];
    const fail = (name: string, keyword: string, params: Record<string, unknown> = {}) =>
      errors.push({ keyword, instancePath: `${at}/${name}`, params, message: keyword });

    for (const rule of rules) {
      const value = answers[rule.name];
      const empty = isEmptyAnswer(value);
      const shown = !rule.visibleIf || rule.visibleIf.every((condition) => holds(condition, values));
      if (!shown) {
        if (!empty) fail(rule.name, "hidden_answered");
        continue;
      }
      if (empty) {
        if (rule.required || (rule.requiredIf && holds(rule.requiredIf, values))) fail(rule.name, "answer_required");
        continue;
      }
      for (const choice of Array.isArray(value) ? value : [value]) {
        const condition = rule.choiceVisibleIf?.[String(choice)];
        const hiddenChoice =
          (condition !== undefined && !holds(condition, values)) ||
          (rule.choicesVisibleIf !== undefined && !holds(rule.choicesVisibleIf, { ...values, item: choice }));
        if (hiddenChoice) fail(rule.name, "choice_not_shown", { choice });
      }
      if (rule.parent) {
        const parentAnswer = answers[rule.parent.question];
        const expected = rule.parent.of[String(value)];
        if (!isEmptyAnswer(parentAnswer) && expected !== undefined && expected !== parentAnswer) {
          fail(rule.name, "not_in_parent", { parent: rule.parent.question });
        }
      }
    }
    (checkRules as { errors?: Partial<ErrorObject>[] }).errors = errors;
    return errors.length === 0;
  },
};
