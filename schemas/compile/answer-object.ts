import { choiceValue } from "./mask-checks";
import { extend, nonEmpty, type Chain, type MaskElement } from "./mask-walker";
import { expressionValidators, numberOrUndefined, validatorsOf } from "./question-schema";
import { RULES_KEYWORD, type ComputedValue, type GroupRule, type JsonSchema, type QuestionRule, type RulesKeywordValue } from "./types";

/**
 * The schema of one object of answers (the household, or one member): a property per bound question,
 * `required` for what is required whatever the answers, and the survey logic as rules.
 */
export class AnswerObject {
  private readonly properties: Record<string, JsonSchema> = {};
  private readonly required: string[] = [];
  readonly rules: QuestionRule[] = [];
  /** Pages and panels that want an answer (required-groups.ts). */
  readonly groups: GroupRule[] = [];
  /** Household values the form computes, recomputed by the server for the conditions that read them. */
  formulas: ComputedValue[] = [];

  /** `computed`: keys the form computes into this object (survey-logic.ts), dropped by the validator. */
  constructor(
    private readonly scope: RulesKeywordValue["scope"],
    private readonly computed: string[] = [],
  ) {}

  /** Adds a question's answer; returns its rule so that links (parent lists, keys) can be added later. */
  add(name: string, schema: JsonSchema, question: MaskElement, chain: Chain, required: boolean): QuestionRule {
    this.properties[name] = schema;
    const rule = ruleOf(name, question, chain, required);
    if (schema.type === "integer" || schema.type === "number") {
      const patterns = validatorsOf(question).flatMap((v) =>
        String(v.type).toLowerCase() === "regex" && typeof v.regex === "string" && v.regex !== "" ? [v.regex] : [],
      );
      if (patterns.length) rule.numberPatterns = patterns;
    }
    const choices = choiceRule(question);
    if (choices) rule.choices = choices;
    if (isUnconditional(rule) && rule.required) this.required.push(name);
    this.rules.push(rule);
    return rule;
  }

  schema(): JsonSchema {
    // A rule with nothing to check would cost a lookup per answer and per submission for nothing.
    const rules = this.rules.filter((r) => Object.keys(r).length > 1);
    const displayOnly = this.computed.length ? { displayOnly: this.computed } : {};
    const groups = this.groups.length ? { groups: this.groups } : {};
    const computed = this.formulas.length && rules.length + this.groups.length > 0 ? { computed: this.formulas } : {};
    return {
      type: "object",
      properties: this.properties,
      ...(this.required.length ? { required: this.required } : {}),
      additionalProperties: false,
      // The household's keyword is always there: it also marks the schema as compiled from a mask.
      ...(rules.length || this.computed.length || this.groups.length || this.scope === "household"
        ? { [RULES_KEYWORD]: { scope: this.scope, rules, ...groups, ...displayOnly, ...computed } satisfies RulesKeywordValue }
        : {}),
    };
  }
}

function ruleOf(name: string, question: MaskElement, chain: Chain, required: boolean): QuestionRule {
  const own = extend(chain, question);
  const requiredIf = nonEmpty(question.requiredIf);
  const validators = expressionValidators(question);
  const minSelected = numberOrUndefined(question.minSelectedChoices) ?? 0;
  return {
    name,
    ...(own.visibleIf.length ? { visibleIf: own.visibleIf } : {}),
    ...(own.hidden ? { hidden: true as const } : {}),
    ...(required ? { required: true as const } : {}),
    ...(requiredIf ? { requiredIf } : {}),
    ...(own.enableIf.length ? { enableIf: own.enableIf } : {}),
    ...(own.readOnly ? { readOnly: true as const } : {}),
    ...(validators.length ? { validators } : {}),
    ...(minSelected >= 1 ? { minSelected } : {}),
  };
}

/** Required whatever the answers: JSON Schema's own `required` can say it. */
function isUnconditional(rule: QuestionRule): boolean {
  // An expression validator is skipped when the answer is missing: `required` must then come from the rule alone.
  return !rule.visibleIf && !rule.hidden && !rule.requiredIf && !rule.enableIf && !rule.readOnly && !rule.validators && !rule.minSelected;
}

/** Choices shown under conditions; none when every offered choice is always shown. */
function choiceRule(question: MaskElement): QuestionRule["choices"] {
  const choicesVisibleIf = nonEmpty(question.choicesVisibleIf);
  const offered: string[] = [];
  const visibleIf: Record<string, string> = {};
  for (const choice of Array.isArray(question.choices) ? question.choices : []) {
    const value = String(choiceValue(choice));
    offered.push(value);
    const own = choice && typeof choice === "object" ? nonEmpty((choice as { visibleIf?: unknown }).visibleIf) : undefined;
    if (own) visibleIf[value] = own;
  }
  if (!choicesVisibleIf && Object.keys(visibleIf).length === 0) return undefined;
  return { offered, ...(Object.keys(visibleIf).length ? { visibleIf } : {}), ...(choicesVisibleIf ? { choicesVisibleIf } : {}) };
}
