import { choiceValue } from "./mask-checks";
import { extend, nonEmpty, type Chain, type MaskElement } from "./mask-walker";
import { expressionValidators, numberOrUndefined, validatorsOf } from "./question-schema";
import { COMMENT_SUFFIX, hasCommentKey, specialChoices, specialRule } from "./special-choices";
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
  /** The survey's `maxCommentLength`, for comment areas and "other" texts. */
  commentMaxLength: number | undefined;
  /** Records of a repeat standing in another repeat's records (plots → harvests). */
  nested = false;

  /** `computed`: keys the form computes into this object (survey-logic.ts), dropped by the validator. */
  constructor(
    private readonly scope: RulesKeywordValue["scope"],
    private readonly computed: string[] = [],
    private readonly record?: "row",
  ) {}

  /** Adds a question's answer; returns its rule so that links (parent lists, keys) can be added later. */
  add(name: string, schema: JsonSchema, question: MaskElement, chain: Chain, required: boolean): QuestionRule {
    this.properties[name] = schema;
    if (hasCommentKey(question)) {
      const max = this.commentMaxLength;
      this.properties[`${name}${COMMENT_SUFFIX}`] = { type: "string", ...(max ? { maxLength: max } : {}) };
    }
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
    const keyword = this.keyword();
    return {
      type: "object",
      properties: this.properties,
      ...(this.required.length ? { required: this.required } : {}),
      additionalProperties: false,
      // The household's keyword is always there: it also marks the schema as compiled from a mask.
      ...(this.rules.some(hasCheck) || this.computed.length || this.groups.length || this.scope === "household"
        ? { [RULES_KEYWORD]: keyword }
        : {}),
    };
  }

  /** The rules an empty record must satisfy (a dynamic matrix's padded row), none when an empty record can break none. */
  emptyRecordRules(): RulesKeywordValue | undefined {
    const keyword = this.keyword();
    return keyword.rules.length || keyword.groups ? keyword : undefined;
  }

  private keyword(): RulesKeywordValue {
    // A rule with nothing to check would cost a lookup per answer and per submission for nothing.
    const rules = this.rules.filter(hasCheck);
    const displayOnly = this.computed.length ? { displayOnly: this.computed } : {};
    const groups = this.groups.length ? { groups: this.groups } : {};
    const computed = this.formulas.length && rules.length + this.groups.length > 0 ? { computed: this.formulas } : {};
    const record = this.record ? { record: this.record } : {};
    const nested = this.nested ? { nested: true as const } : {};
    return { scope: this.scope, ...record, ...nested, rules, ...groups, ...displayOnly, ...computed };
  }
}

function hasCheck(rule: QuestionRule): boolean {
  return Object.keys(rule).length > 1;
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
    ...specialRule(question),
  };
}

/** Required whatever the answers: JSON Schema's own `required` can say it. */
function isUnconditional(rule: QuestionRule): boolean {
  // An expression validator is skipped when the answer is missing: `required` must then come from the rule alone.
  return (
    !rule.visibleIf &&
    !rule.hidden &&
    !rule.requiredIf &&
    !rule.enableIf &&
    !rule.readOnly &&
    !rule.validators &&
    !rule.minSelected &&
    !rule.requiredItems &&
    !rule.requiredCells
  );
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
  // survey-core never filters its special items ("other", "none").
  offered.push(...specialChoices(question));
  return { offered, ...(Object.keys(visibleIf).length ? { visibleIf } : {}), ...(choicesVisibleIf ? { choicesVisibleIf } : {}) };
}
