import type { ErrorObject, FuncKeywordDefinition } from "ajv";
import type { DataValidateFunction, DataValidationCxt } from "ajv/dist/types";
import { choiceHolds, evaluate, isEmptyAnswer, readsOnlyMember, type Values } from "./expressions";
import { RULES_KEYWORD, type QuestionRule, type RulesKeywordValue } from "./types";

/** The error codes this keyword reports, in `params.code`; field-errors.ts words them. */
export type RuleCode = "required" | "hidden_answered" | "not_in_list" | "not_in_parent" | "duplicate_answer" | "expression";

/** Outcomes of one condition, memoised for the object being checked: a page's condition is shared by its questions. */
const UNKNOWN = 0, TRUE = 1, FALSE = 2, OTHER = 3;

interface Rule {
  source: QuestionRule;
  visible: number[];
  enable: number[];
  requiredIf: number;
  /** Expression validators, as indices like the conditions. */
  validators: number[];
  /** Whether an empty answer can matter (required, or validated anyway): otherwise an unanswered question costs one lookup. */
  mayBeRequired: boolean;
  offered?: Set<string>;
}

/**
 * The `x-rsu-rules` keyword: survey logic that JSON Schema cannot say, with survey-core's semantics.
 * A question hidden by its conditions (or its page's, or its panels') must have no answer; a shown,
 * enabled one that is required (or whose requiredIf is true) must have one; a choice must be among
 * those shown; a child code must lie in its parent's answer; roster keys must differ between members.
 * Inside the roster, `{panel.x}` is the member's own answer and `{x}` the household's.
 */
export const rulesKeyword: FuncKeywordDefinition = {
  keyword: RULES_KEYWORD,
  type: "object",
  schemaType: "object",
  errors: true,
  compile(value: RulesKeywordValue) {
    const expressions: string[] = [];
    const indexOf = (expression: string) => {
      const at = expressions.indexOf(expression);
      return at >= 0 ? at : expressions.push(expression) - 1;
    };
    const rules: Rule[] = value.rules.map((source) => ({
      source,
      visible: (source.visibleIf ?? []).map(indexOf),
      enable: (source.enableIf ?? []).map(indexOf),
      requiredIf: source.requiredIf ? indexOf(source.requiredIf) : -1,
      validators: (source.validators ?? []).map(indexOf),
      mayBeRequired: !!(source.required || source.requiredIf || source.validators),
      ...(source.choices ? { offered: new Set(source.choices.offered) } : {}),
    }));
    const memo = new Int8Array(expressions.length);
    const inRoster = value.scope === "member";
    // survey-core looks a name up by scanning every key: conditions on the member alone scan only the member's.
    const memberOnly = expressions.map((e) => inRoster && readsOnlyMember(e));

    const validate: DataValidateFunction = (data: Values, cxt?: DataValidationCxt) => {
      const root = (inRoster ? cxt?.rootData : data) as Values;
      let values: Values | undefined = inRoster ? undefined : data;
      let local: Values | undefined;
      const valuesFor = (index: number): Values => {
        if (memberOnly[index]) return (local ??= { panel: data, panelIndex: cxt?.parentDataProperty, visiblePanelIndex: cxt?.parentDataProperty });
        return (values ??= memberValues(root, data, cxt?.parentDataProperty));
      };
      const at = cxt?.instancePath ?? "";
      let errors: Partial<ErrorObject>[] | null = null;
      const fail = (pointer: string, code: RuleCode, params: Record<string, unknown> = {}) => {
        (errors ??= []).push({ keyword: RULES_KEYWORD, instancePath: pointer, params: { code, ...params }, message: code });
      };
      memo.fill(UNKNOWN);
      const outcome = (index: number): number => {
        let known = memo[index]!;
        if (known === UNKNOWN) {
          const result = evaluate(expressions[index]!, valuesFor(index));
          known = result === true ? TRUE : result === false ? FALSE : OTHER;
          memo[index] = known;
        }
        return known;
      };

      for (const rule of rules) {
        const { source } = rule;
        const answer = data[source.name];
        const empty = isEmptyAnswer(answer);
        if (empty && !rule.mayBeRequired) continue;
        const pointer = `${at}/${escape(source.name)}`;
        // survey-core shows an element only when its condition is exactly `true`.
        const shown = !source.hidden && rule.visible.every((i) => outcome(i) === TRUE);
        if (!shown) {
          if (!empty) fail(pointer, "hidden_answered");
          continue;
        }
        // survey-core does not validate read-only questions; enableIf makes them read-only when exactly `false`.
        const enabled = () => !source.readOnly && rule.enable.every((i) => outcome(i) !== FALSE);
        if (empty) {
          const required = rule.requiredIf >= 0 ? outcome(rule.requiredIf) === TRUE : !!source.required;
          if (required && enabled()) {
            fail(pointer, "required");
            continue; // survey-core runs no validator on a question that already misses its answer
          }
        }
        // Expression validators run on any shown, enabled question, answered or not; `== true` passes (ConditionRunner).
        if (rule.validators.length && enabled()) {
          for (const i of rule.validators) {
            const result = evaluate(expressions[i]!, valuesFor(i));
            if (result != true) fail(pointer, "expression", { expression: expressions[i] });
          }
        }
        if (empty) continue;
        if (source.choices && !choicesShown(rule, answer, (values ??= memberValues(root, data, cxt?.parentDataProperty)))) fail(pointer, "not_in_list", { filtered: true });
        if (source.parent) {
          const parentAnswer = source.parent.scope === "same" ? data[source.parent.question] : root?.[source.parent.question];
          const expected = typeof answer === "string" ? source.parent.of[answer] : undefined;
          if (expected !== undefined && !isEmptyAnswer(parentAnswer) && expected !== parentAnswer) {
            fail(pointer, "not_in_parent", { parent: source.parent.question });
          }
        }
        if (source.keyName && Array.isArray(answer)) duplicateKeys(answer, source.keyName, pointer, fail);
      }
      validate.errors = errors ?? undefined;
      return errors === null;
    };
    return validate;
  },
};

/** What `{…}` reads inside the roster: the household's answers, with `panel` and `panelIndex` on top. */
function memberValues(root: Values | undefined, member: Values, index: unknown): Values {
  // Inherits rather than copies the household's answers: survey-core's lookup walks inherited keys too.
  const values = Object.create(root && typeof root === "object" ? root : null) as Values;
  values.panel = member;
  values.panelIndex = index;
  values.visiblePanelIndex = index;
  return values;
}

/** Each selected value must be offered and shown: its own visibleIf if it has one, else choicesVisibleIf. */
function choicesShown(rule: Rule, answer: unknown, values: Values): boolean {
  const choices = rule.source.choices!;
  for (const value of Array.isArray(answer) ? answer : [answer]) {
    if (typeof value !== "string" || !rule.offered!.has(value)) return false;
    const condition = choices.visibleIf?.[value] ?? choices.choicesVisibleIf;
    if (condition === undefined) continue;
    const itemValues = Object.create(values) as Values;
    itemValues.item = value;
    itemValues.choice = value;
    if (!choiceHolds(condition, itemValues)) return false;
  }
  return true;
}

/** SurveyJS `keyName`: two members may not give the same non-empty answer to the key question. */
function duplicateKeys(members: unknown[], key: string, pointer: string, fail: (pointer: string, code: RuleCode) => void): void {
  const seen = new Set<unknown>();
  members.forEach((member, i) => {
    if (!member || typeof member !== "object") return;
    const value = (member as Values)[key];
    if (isEmptyAnswer(value) || typeof value === "object") return;
    if (seen.has(value)) fail(`${pointer}/${i}/${escape(key)}`, "duplicate_answer");
    seen.add(value);
  });
}

function escape(segment: string): string {
  return segment.includes("~") || segment.includes("/") ? segment.replace(/~/g, "~0").replace(/\//g, "~1") : segment;
}
