import type { ErrorObject, FuncKeywordDefinition } from "ajv";
import type { DataValidateFunction, DataValidationCxt } from "ajv/dist/types";
import { pointerSegment } from "./json-pointer";
import { withComputedValues } from "./computed-values";
import { choiceHolds, evaluate, isEmptyAnswer, readsOnlyRecord, type Values } from "./expressions";
import { RULES_KEYWORD, type GroupRule, type QuestionRule, type RulesKeywordValue } from "./types";

/** The error codes this keyword reports, in `params.code`; field-errors.ts words them. */
export type RuleCode =
  | "required"
  | "one_answer_required"
  | "hidden_answered"
  | "not_in_list"
  | "not_in_parent"
  | "duplicate_answer"
  | "expression"
  | "min_selected"
  | "pattern"
  | "exclusive_choice"
  | "min_rows";

/** Outcomes of one condition, memoised for the object being checked: a page's condition is shared by its questions. */
const UNKNOWN = 0,
  TRUE = 1,
  FALSE = 2,
  OTHER = 3;

interface Rule {
  source: QuestionRule;
  visible: number[];
  enable: number[];
  requiredIf: number;
  /** Expression validators, as indices like the conditions. */
  validators: number[];
  /** Regex validators on a number, as survey-core runs them. */
  numberPatterns?: RegExp[];
  /** Whether an empty answer can matter (required, or validated anyway): otherwise an unanswered question costs one lookup. */
  mayBeRequired: boolean;
  offered?: Set<string>;
}

interface Group {
  source: GroupRule;
  visible: number[];
  requiredIf: number;
  displays: { visible: number[]; hidden: boolean }[];
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
    const run = new RulesRun(value);
    const validate: DataValidateFunction = (data: Values, cxt?: DataValidationCxt) => {
      const errors = run.check(data, cxt);
      validate.errors = errors ?? undefined;
      return errors === null;
    };
    return validate;
  },
};

/**
 * One compiled keyword's rules and the state of the object being checked. State lives in fields and
 * helpers are methods, not closures made per call: this runs for every household and every member, and
 * a closure per call costs more than the rules themselves (tsx also wraps each one to keep its name).
 * Checks are synchronous and never nested for one keyword, so one instance serves every call.
 */
class RulesRun {
  private readonly expressions: string[] = [];
  private readonly rules: Rule[];
  private readonly groups: Group[];
  /** Rules by question name; a question with none is shown whenever its containers are. */
  private readonly byName: Map<string, Rule>;
  private readonly memo: Int8Array;
  private readonly inRoster: boolean;
  /** A record in another record's list: `{parentPanel.x}` reads that record. */
  private readonly nested: boolean;
  /** How conditions inside a record name it: `panel` (dynamic panels) or `row` (dynamic matrices). */
  private readonly record: "panel" | "row";
  /** The rules of a dynamic matrix's padded rows, by the matrix's name, made on first use. */
  private readonly padded = new Map<string, RulesRun>();
  /** survey-core looks a name up by scanning every key: conditions on the member alone scan only the member's. */
  private readonly memberOnly: boolean[];
  /** Household values conditions read that the form computes: none, most often. */
  private readonly formulas: RulesKeywordValue["computed"];
  private data: Values = {};
  private cxt: DataValidationCxt | undefined;
  private values: Values | undefined;
  private local: Values | undefined;
  private errors: Partial<ErrorObject>[] | null = null;

  constructor(value: RulesKeywordValue) {
    this.rules = value.rules.map((source) => ({
      source,
      visible: (source.visibleIf ?? []).map((e) => this.indexOf(e)),
      enable: (source.enableIf ?? []).map((e) => this.indexOf(e)),
      requiredIf: source.requiredIf ? this.indexOf(source.requiredIf) : -1,
      validators: (source.validators ?? []).map((e) => this.indexOf(e)),
      mayBeRequired: !!(
        source.required ||
        source.requiredIf ||
        source.validators ||
        source.minSelected ||
        source.comment ||
        source.requiredItems ||
        source.requiredCells ||
        source.rows
      ),
      ...(source.numberPatterns ? { numberPatterns: source.numberPatterns.map((p) => new RegExp(p)) } : {}),
      ...(source.choices ? { offered: new Set(source.choices.offered) } : {}),
    }));
    this.groups = (value.groups ?? []).map((source) => ({
      source,
      visible: (source.visibleIf ?? []).map((e) => this.indexOf(e)),
      requiredIf: source.requiredIf ? this.indexOf(source.requiredIf) : -1,
      displays: (source.displays ?? []).map((d) => ({ visible: (d.visibleIf ?? []).map((e) => this.indexOf(e)), hidden: !!d.hidden })),
    }));
    this.byName = new Map(this.rules.map((r) => [r.source.name, r]));
    this.memo = new Int8Array(this.expressions.length);
    this.inRoster = value.scope === "member";
    this.nested = value.nested === true;
    this.record = value.record ?? "panel";
    this.memberOnly = this.expressions.map((e) => this.inRoster && readsOnlyRecord(e, this.record));
    this.formulas = value.computed?.length ? value.computed : undefined;
  }

  check(data: Values, cxt: DataValidationCxt | undefined): Partial<ErrorObject>[] | null {
    this.data = data;
    this.cxt = cxt;
    this.values = this.inRoster || this.formulas ? undefined : data;
    this.local = undefined;
    this.errors = null;
    this.memo.fill(UNKNOWN);
    const at = cxt?.instancePath ?? "";
    let hiddenCells: string[] | undefined;
    for (const rule of this.rules) {
      const { source } = rule;
      const answer = data[source.name];
      const empty = isEmpty(answer, source);
      if (empty && !rule.mayBeRequired) continue;
      // survey-core shows an element only when its condition is exactly `true`.
      if (!this.shown(rule)) {
        // survey-core keeps a hidden cell's value in a dynamic matrix's row, even on completing: no answer, dropped after the checks.
        if (!empty && this.record === "row") hiddenCells = [...(hiddenCells ?? []), source.name];
        else if (!empty) this.fail(at, source.name, "hidden_answered");
        if (source.comment && !isEmptyAnswer(data[`${source.name}-Comment`])) this.fail(at, `${source.name}-Comment`, "hidden_answered");
        continue;
      }
      if (source.comment) this.checkComment(rule, answer, at);
      if ((source.requiredItems || source.requiredCells) && this.enabled(rule)) this.checkItems(source, answer, at);
      if (source.rows && this.enabled(rule)) this.checkPaddedRows(source, answer, at);
      if (empty) {
        const required = rule.requiredIf >= 0 ? this.outcome(rule.requiredIf) === TRUE : !!source.required;
        if (required && this.enabled(rule)) {
          this.fail(at, source.name, "required");
          continue; // survey-core runs no validator on a question that already misses its answer
        }
      }
      // survey-core's checkbox counts its selected choices whether answered or not (checkMinSelectedChoicesUnreached).
      if (source.minSelected && this.enabled(rule) && (Array.isArray(answer) ? answer.length : 0) < source.minSelected)
        this.fail(at, source.name, "min_selected", { limit: source.minSelected });
      // Expression validators run on any shown, enabled question, answered or not; `== true` passes (ConditionRunner).
      if (rule.validators.length && this.enabled(rule)) {
        for (const i of rule.validators) {
          // biome-ignore lint/suspicious/noDoubleEquals: survey-core compares loosely
          if (evaluate(this.expressions[i]!, this.valuesFor(i)) != true)
            this.fail(at, source.name, "expression", { expression: this.expressions[i] });
        }
      }
      if (empty) continue;
      if (source.minRows && this.enabled(rule) && filledRecords(answer) < source.minRows)
        this.fail(at, source.name, "min_rows", { limit: source.minRows });
      if (rule.numberPatterns && this.enabled(rule) && rule.numberPatterns.some((re) => !re.test(String(answer))))
        this.fail(at, source.name, "pattern");
      if (source.choices && !choicesShown(rule, answer, this.householdValues()))
        this.fail(at, source.name, "not_in_list", { filtered: true });
      if (source.parent) {
        const parentAnswer = source.parent.scope === "same" ? data[source.parent.question] : this.root()?.[source.parent.question];
        const expected = typeof answer === "string" ? source.parent.of[answer] : undefined;
        if (expected !== undefined && !isEmptyAnswer(parentAnswer) && expected !== parentAnswer) {
          this.fail(at, source.name, "not_in_parent", { parent: source.parent.question });
        }
      }
      if (source.exclusive && Array.isArray(answer) && answer.length > 1) {
        const alone = source.exclusive.find((v) => answer.includes(v));
        if (alone !== undefined) this.fail(at, source.name, "exclusive_choice", { choice: alone });
      }
      if (source.keyName && Array.isArray(answer)) this.duplicateKeys(answer, source.keyName, `${at}/${pointerSegment(source.name)}`);
    }
    for (const group of this.groups) this.checkGroup(group, at);
    for (const name of hiddenCells ?? []) delete data[name];
    return this.errors;
  }

  /** The "other" item's text is wanted while the item is selected (survey-core's OtherEmptyError) and cleared with it. */
  private checkComment(rule: Rule, answer: unknown, at: string): void {
    const { name, comment } = rule.source;
    const other = comment!.other;
    const chosen = other !== undefined && (answer === other || (Array.isArray(answer) && answer.includes(other)));
    const text = this.data[`${name}-Comment`];
    // survey-core's OtherEmptyError tests the text as it is: blanks are a text.
    if (chosen && (text === undefined || text === "") && this.enabled(rule)) this.fail(at, `${name}-Comment`, "required");
    else if (!chosen && !comment!.area && !isEmptyAnswer(text)) this.fail(at, `${name}-Comment`, "hidden_answered");
  }

  /** A multiple text's required items and a matrixdropdown's required cells, checked by survey-core even when the question itself is left empty. */
  private checkItems(source: QuestionRule, answer: unknown, at: string): void {
    const items = answer && typeof answer === "object" ? (answer as Values) : {};
    const pointer = `${at}/${pointerSegment(source.name)}`;
    for (const item of source.requiredItems ?? [])
      if (isEmptyAnswer(items[item])) this.failAt(`${pointer}/${pointerSegment(item)}`, "required");
    for (const [row, column] of source.requiredCells ?? []) {
      const cells = items[row];
      const value = cells && typeof cells === "object" ? (cells as Values)[column] : undefined;
      if (isEmptyAnswer(value)) this.failAt(`${pointer}/${pointerSegment(row)}/${pointerSegment(column)}`, "required");
    }
  }

  /** The rows survey-core adds to a dynamic matrix given fewer (none: its rowCount; else up to minRowCount), each checked as an empty record. */
  private checkPaddedRows(source: QuestionRule, answer: unknown, at: string): void {
    const rows = source.rows!;
    const given = Array.isArray(answer) ? answer.length : -1;
    const count = given < 0 ? rows.whenAbsent : rows.min - given;
    if (count <= 0) return;
    let run = this.padded.get(source.name);
    if (!run) {
      run = new RulesRun(rows.empty);
      this.padded.set(source.name, run);
    }
    const pointer = `${at}/${pointerSegment(source.name)}`;
    for (let k = 0; k < count; k++) {
      const index = Math.max(given, 0) + k;
      const cxt = { instancePath: `${pointer}/${index}`, rootData: this.data, parentDataProperty: index } as DataValidationCxt;
      const errors = run.check({}, cxt);
      if (errors) this.errors = [...(this.errors ?? []), ...errors];
    }
  }

  /** survey-core's PanelModelBase.hasRequiredError: reported on the first question shown inside, where a clerk looks. */
  private checkGroup(group: Group, at: string): void {
    const { source } = group;
    if (source.hidden || !this.all(group.visible, TRUE)) return;
    if (!(group.requiredIf >= 0 ? this.outcome(group.requiredIf) === TRUE : !!source.required)) return;
    let first: string | undefined;
    for (const name of source.questions) {
      const rule = this.byName.get(name);
      if (rule && !this.shown(rule)) continue;
      if (!isEmpty(this.data[name], rule?.source)) return;
      first ??= name;
    }
    if (first === undefined && !group.displays.some((d) => !d.hidden && this.all(d.visible, TRUE))) return;
    const params = { group: source.label };
    if (first === undefined) this.failAt(at, "one_answer_required", params);
    else this.fail(at, first, "one_answer_required", params);
  }

  private shown(rule: Rule): boolean {
    return !rule.source.hidden && this.all(rule.visible, TRUE);
  }

  private indexOf(expression: string): number {
    const at = this.expressions.indexOf(expression);
    return at >= 0 ? at : this.expressions.push(expression) - 1;
  }

  /** Whether every condition has this outcome. */
  private all(indices: number[], expected: number): boolean {
    for (const i of indices) if (this.outcome(i) !== expected) return false;
    return true;
  }

  /** survey-core does not validate read-only questions; enableIf makes them read-only when exactly `false`. */
  private enabled(rule: Rule): boolean {
    if (rule.source.readOnly) return false;
    for (const i of rule.enable) if (this.outcome(i) === FALSE) return false;
    return true;
  }

  private outcome(index: number): number {
    let known = this.memo[index]!;
    if (known === UNKNOWN) {
      const result = evaluate(this.expressions[index]!, this.valuesFor(index));
      known = result === true ? TRUE : result === false ? FALSE : OTHER;
      this.memo[index] = known;
    }
    return known;
  }

  private root(): Values | undefined {
    return (this.inRoster ? this.cxt?.rootData : this.data) as Values | undefined;
  }

  private householdValues(): Values {
    if (this.values) return this.values;
    const root = this.root();
    const household = root && this.formulas ? withComputedValues(root, this.formulas) : root;
    this.values = this.inRoster ? recordValues(household, this.data, this.cxt?.parentDataProperty, this.record) : (household ?? this.data);
    if (this.nested) this.values.parentPanel = outerRecord(root, this.cxt?.instancePath);
    return this.values;
  }

  private valuesFor(index: number): Values {
    if (!this.memberOnly[index]) return this.householdValues();
    const i = this.cxt?.parentDataProperty;
    this.local ??= this.record === "row" ? { row: this.data } : { panel: this.data, panelIndex: i, visiblePanelIndex: i };
    return this.local;
  }

  private fail(at: string, name: string, code: RuleCode, params: Record<string, unknown> = {}): void {
    this.failAt(`${at}/${pointerSegment(name)}`, code, params);
  }

  private failAt(pointer: string, code: RuleCode, params: Record<string, unknown> = {}): void {
    this.errors ??= [];
    this.errors.push({ keyword: RULES_KEYWORD, instancePath: pointer, params: { code, ...params }, message: code });
  }

  /** SurveyJS `keyName`: two members may not give the same non-empty answer to the key question. */
  private duplicateKeys(members: unknown[], key: string, pointer: string): void {
    const seen = new Set<unknown>();
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      if (!member || typeof member !== "object") continue;
      const value = (member as Values)[key];
      if (isEmptyAnswer(value) || typeof value === "object") continue;
      if (seen.has(value)) this.failAt(`${pointer}/${i}/${pointerSegment(key)}`, "duplicate_answer");
      seen.add(value);
    }
  }
}

/** survey-core's emptiness of an answer; for the roster, a list of panels none of which holds a key. */
function isEmpty(answer: unknown, rule: QuestionRule | undefined): boolean {
  if (rule?.composite && answer && typeof answer === "object") return isEmptyObject(answer as Values);
  if (!rule?.panels || !Array.isArray(answer)) return isEmptyAnswer(answer);
  for (const panel of answer) if (panel && typeof panel === "object" && Object.keys(panel).length > 0) return false;
  return true;
}

/** survey-core's emptiness of an object of parts: a blank text counts as an answer; a matrixdropdown's row of empty cells does not. */
function isEmptyObject(answer: Values): boolean {
  for (const value of Object.values(answer)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value) ? value.length === 0 : typeof value === "object" && isEmptyObject(value as Values)) continue;
    return false;
  }
  return true;
}

/** What `{…}` reads inside a repeat: the household's answers, with `panel` and `panelIndex` (or `row`) on top. */
function recordValues(root: Values | undefined, record: Values, index: unknown, name: "panel" | "row"): Values {
  // Inherits rather than copies the household's answers: survey-core's lookup walks inherited keys too.
  const values = Object.create(root && typeof root === "object" ? root : null) as Values;
  if (name === "row") {
    values.row = record;
    return values;
  }
  values.panel = record;
  values.panelIndex = index;
  values.visiblePanelIndex = index;
  return values;
}

/** The record holding the list a nested record is in: `/plots/0/harvests/1` is in `plots[0]`. */
function outerRecord(root: Values | undefined, instancePath: string | undefined): unknown {
  const segments = (instancePath ?? "").split("/").slice(1, -2);
  let value: unknown = root;
  for (const segment of segments) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Values)[segment.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return value;
}

/** Records holding at least one answer (survey-core's non-empty rows). */
function filledRecords(answer: unknown): number {
  return Array.isArray(answer) ? answer.filter((r) => r && typeof r === "object" && !isEmptyAnswer(r)).length : 0;
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
