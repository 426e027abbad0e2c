import { ExpressionRunner } from "survey-core";
import type { Catalogue, Variable } from "../../schemas/catalogue/types";
import { isEmptyAnswer, type SurveyJson } from "../../schemas/compile";
import { computeValues, householdFormulas } from "../../schemas/compile/computed-values";
import { extend, nonEmpty, walkMask, type MaskQuestion } from "../../schemas/compile/mask-walker";
import { numericChoices, validatorsOf } from "../../schemas/compile/question-schema";
import type { ComputedValue } from "../../schemas/compile/types";
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { Dice, prng } from "./demo-responses";

/**
 * Responses to any mask the compiler accepts, for the differential test against survey-core: valid
 * ones, and ones broken (or stretched to their limits) in a single way each. The generator knows the
 * mask and the catalogue, never the compiled schema: what it produces is what a clerk's form could
 * send, and both validators must reach the same verdict on it. Values are type-correct (survey-core
 * checks no shapes); visibility is worked out with survey-core's own expression engine.
 */

export type Values = Record<string, unknown>;

/** What was done to a valid response; `null`: nothing (valid, unless the form itself refuses it). */
export const FORM_BREAKAGES = [
  "empty_required",
  "hidden_answered",
  "out_of_range",
  "bad_text",
  "not_in_list",
  "edge_value",
  "computed_value",
  "empty_group",
] as const;
export type FormBreakage = (typeof FORM_BREAKAGES)[number];

export interface FormResponse {
  data: Values;
  kind: FormBreakage | null;
  /** The answer touched: `kids`, `members[1].age`. */
  where?: string;
}

interface Asked {
  entry: MaskQuestion;
  name: string;
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

/** A page or panel that wants an answer among its shown questions (schemas/compile/required-groups.ts). */
interface Group {
  scope: MaskQuestion["scope"];
  visibleIf: string[];
  hidden: boolean;
  required: boolean;
  requiredIf?: string;
  questions: string[];
}

/** A generator of responses to one mask: `next(kind)` gives a response broken that way, or a valid one. */
export class FormResponses {
  private readonly household: Asked[];
  private readonly members: Asked[];
  private readonly roster?: { min: number; max: number };
  private readonly computed: string[];
  private readonly memberComputed: string[];
  private readonly groups: Group[];
  /** Values the form computes that conditions read: they are worked out from the answers as survey-core does. */
  private readonly formulas: ComputedValue[];

  constructor(
    mask: SurveyJson,
    catalogue: Catalogue,
    private readonly dice: Dice,
  ) {
    const walked = walkMask(mask);
    const variables = new Map(catalogue.variables.map((v) => [v.code, v]));
    const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
    const asked = walked.questions.flatMap((entry) => {
      const variable = variables.get(String(entry.question.name));
      return variable
        ? [
            describe(
              entry,
              variable,
              variable.codeList ? (lists.get(variable.codeList)?.items.map((i) => i.code) ?? []) : [],
              mask.maxTextLength,
            ),
          ]
        : [];
    });
    this.household = asked.filter((a) => a.entry.scope === "household");
    this.members = asked.filter((a) => a.entry.scope === "members");
    if (walked.roster) {
      const q = walked.roster.question;
      this.roster = { min: Math.max(1, Number(q.minPanelCount ?? 0)), max: Math.min(6, Number(q.maxPanelCount ?? 0) || 6) };
    }
    const calculated = Array.isArray(mask.calculatedValues) ? (mask.calculatedValues as { name?: unknown }[]) : [];
    this.computed = [
      ...walked.computed.household.map((c) => String(c.question.name)),
      ...calculated.flatMap((c) => (nonEmpty(c?.name) ? [String(c.name)] : [])),
    ];
    this.memberComputed = (walked.computed.members ?? []).map((c) => String(c.question.name));
    this.formulas = householdFormulas(mask, walked);
    this.groups = walked.groups.map((g) => {
      const own = extend(g.chain, g.question);
      const requiredIf = nonEmpty(g.question.requiredIf);
      return {
        scope: g.scope,
        visibleIf: own.visibleIf,
        hidden: own.hidden,
        required: g.question.isRequired === true,
        ...(requiredIf ? { requiredIf } : {}),
        questions: g.questions.map((q) => String(q.question.name)),
      };
    });
  }

  /** `count` responses, a share `broken` of them broken (the kinds in turn), the rest valid. */
  static generate(mask: SurveyJson, catalogue: Catalogue, count: number, broken: number, seed: number): FormResponse[] {
    const generator = new FormResponses(mask, catalogue, new Dice(prng(seed)));
    const nBroken = Math.round(count * broken);
    return Array.from({ length: count }, (_, i) => generator.next(i < nBroken ? FORM_BREAKAGES[i % FORM_BREAKAGES.length]! : null));
  }

  next(kind: FormBreakage | null): FormResponse {
    const data = this.valid();
    if (kind === null) return { data, kind };
    const where = this.break(data, kind);
    // A breakage that found nothing to break leaves a valid response: say so.
    return where === undefined ? { data, kind: null } : { data, kind, where };
  }

  /** A response a clerk could send: shown questions answered (required ones always), hidden ones not. */
  valid(): Values {
    const data: Values = {};
    if (this.roster) data[MEMBERS_ROSTER] = Array.from({ length: this.dice.int(this.roster.min, this.roster.max) }, () => ({}));
    // Answers change what is shown, which changes what is answered: a few rounds reach a fixed point.
    for (let round = 0; round < 4; round++) {
      let changed = false;
      for (const [asked, values, target] of this.targets(data)) {
        const shown = isShown(asked, values);
        const has = !isEmptyAnswer(target[asked.name]);
        if (!shown && asked.name in target) {
          delete target[asked.name];
          changed = true;
        } else if (shown && !has && (round === 0 ? isRequired(asked, values) || this.dice.chance(0.7) : isRequired(asked, values))) {
          target[asked.name] = this.value(asked);
          changed = true;
        }
      }
      // A required page or panel shown with nothing answered: a clerk answers one of its shown questions.
      for (const [group, values, target] of this.groupTargets(data)) {
        if (!wantsAnswer(group, values)) continue;
        const shown = this.groupQuestions(group, values);
        if (shown.length === 0 || shown.some((a) => !isEmptyAnswer(target[a.name]))) continue;
        const a = this.dice.pick(shown);
        target[a.name] = this.value(a);
        changed = true;
      }
      if (!changed) break;
    }
    return data;
  }

  /** Every (question, values its conditions read, object holding its answer) of a response. */
  private *targets(data: Values): Generator<[Asked, Values, Values]> {
    // Computed once per pass: valid() makes passes until nothing changes, so the last pass reads them up to date.
    const read = this.read(data);
    for (const asked of this.household) yield [asked, read, data];
    const members = Array.isArray(data[MEMBERS_ROSTER]) ? (data[MEMBERS_ROSTER] as Values[]) : [];
    for (const [i, member] of members.entries()) {
      const values = memberRead(read, member, i);
      for (const asked of this.members) yield [asked, values, member];
    }
  }

  /** Every (group, values its conditions read, object holding its answers) of a response. */
  private *groupTargets(data: Values): Generator<[Group, Values, Values]> {
    const members = Array.isArray(data[MEMBERS_ROSTER]) ? (data[MEMBERS_ROSTER] as Values[]) : [];
    const read = this.read(data);
    for (const group of this.groups) {
      if (group.scope === "household") yield [group, read, data];
      else for (const [i, member] of members.entries()) yield [group, memberRead(read, member, i), member];
    }
  }

  /** What the household's conditions read: its answers and, as they stand now, the values computed from them. */
  private read(data: Values): Values {
    return this.formulas.length ? computeValues(data, this.formulas) : data;
  }

  /** The questions of a group shown given these values (the roster is no Asked: it is never cleared here). */
  private groupQuestions(group: Group, values: Values): Asked[] {
    const asked = group.scope === "household" ? this.household : this.members;
    return group.questions.flatMap((name) => asked.filter((a) => a.name === name && isShown(a, values)));
  }

  private where(data: Values, target: Values, name: string): string {
    if (target === data) return name;
    const members = data[MEMBERS_ROSTER] as Values[];
    return `${MEMBERS_ROSTER}[${members.indexOf(target)}].${name}`;
  }

  /** Breaks one answer of a valid response; undefined when the mask offers nothing to break that way. */
  private break(data: Values, kind: FormBreakage): string | undefined {
    const all = [...this.targets(data)];
    const pick = (test: (a: Asked, values: Values, target: Values) => boolean) => {
      const candidates = all.filter(([a, v, t]) => test(a, v, t));
      return candidates.length ? this.dice.pick(candidates) : undefined;
    };
    const shownAnd = (test: (a: Asked) => boolean) => pick((a, v) => isShown(a, v) && test(a));
    const d = this.dice;
    switch (kind) {
      case "empty_required": {
        const found = pick((a, v, t) => isShown(a, v) && isRequired(a, v) && !isEmptyAnswer(t[a.name]));
        if (!found) return undefined;
        const [a, , t] = found;
        // What survey-core counts as no answer, in the shapes a client may send it.
        const empties: unknown[] = [
          ABSENT,
          null,
          ...(a.variable.type === "multiple_choice" ? [[]] : []),
          ...(isText(a) || isChoice(a) ? ["", "   "] : []),
        ];
        const empty = d.pick(empties);
        if (empty === ABSENT) delete t[a.name];
        else t[a.name] = empty;
        return this.where(data, t, a.name);
      }
      case "hidden_answered": {
        const found = pick((a, v) => !isShown(a, v));
        if (!found) return undefined;
        const [a, , t] = found;
        t[a.name] = this.value(a);
        return this.where(data, t, a.name);
      }
      case "out_of_range": {
        const found = shownAnd((a) => isNumber(a) && !a.numbers && (a.min !== undefined || a.max !== undefined));
        if (!found) return undefined;
        const [a, , t] = found;
        const below = a.min !== undefined && (a.max === undefined || d.chance(0.5));
        t[a.name] = below ? a.min! - d.int(1, 100) : a.max! + d.int(1, 100);
        return this.where(data, t, a.name);
      }
      case "bad_text": {
        const found = shownAnd((a) => isText(a) && (a.email || a.minLength !== undefined || a.maxLength !== undefined));
        if (!found) return undefined;
        const [a, , t] = found;
        const bad: string[] = [];
        if (a.email) bad.push("jon.snow", "jon snow@nightwatch.com", "jon@nightwatch", "@nightwatch.com", " ", "a@b.c");
        if (a.minLength !== undefined && a.minLength > 1) bad.push(words(d, a.minLength - 1));
        if (a.maxLength !== undefined) bad.push(words(d, a.maxLength + d.int(1, 10)));
        t[a.name] = d.pick(bad);
        return this.where(data, t, a.name);
      }
      case "not_in_list": {
        const found = shownAnd((a) => a.codes.length > 0 || !!a.numbers);
        if (!found) return undefined;
        const [a, , t] = found;
        // A blank is no answer to survey-core, not a stray choice: edge_value and empty_required give those.
        const stray = a.numbers ? Math.max(...a.numbers) + d.int(1, 5) : d.pick(["zz", "Other", `${a.codes[0]!.toUpperCase()}x`]);
        t[a.name] = a.variable.type === "multiple_choice" ? [stray] : stray;
        return this.where(data, t, a.name);
      }
      case "edge_value": {
        // Valid on paper, at the limits: bounds exactly, blanks and `false`/`0` in optional answers.
        const found = shownAnd(() => true);
        if (!found) return undefined;
        const [a, v, t] = found;
        const edges: unknown[] = [];
        if (isNumber(a) && !a.numbers) edges.push(...[a.min, a.max, 0, -0].filter((x) => x !== undefined));
        if (a.numbers) edges.push(Math.min(...a.numbers), Math.max(...a.numbers));
        if (isText(a))
          edges.push(
            ...[a.minLength, a.maxLength]
              .filter((n): n is number => n !== undefined && n > 0)
              .map((n) => words(d, Math.min(n, a.inputMaxLength ?? n))),
            " x ",
            "0",
          );
        if (a.variable.type === "boolean") edges.push(false);
        if (!isRequired(a, v))
          edges.push(...(isText(a) || isChoice(a) ? ["", "  "] : []), ...(a.variable.type === "multiple_choice" ? [[]] : []), null);
        if (edges.length === 0) return undefined;
        t[a.name] = d.pick(edges);
        return this.where(data, t, a.name);
      }
      case "computed_value": {
        // Whatever a computed value says, shown or hidden, survey-core computes it again: it is no answer.
        const members = Array.isArray(data[MEMBERS_ROSTER]) ? (data[MEMBERS_ROSTER] as Values[]) : [];
        const inMember = this.memberComputed.length > 0 && members.length > 0 && (this.computed.length === 0 || d.chance(0.5));
        if (!inMember && this.computed.length === 0) return undefined;
        const target = inMember ? d.pick(members) : data;
        const name = d.pick(inMember ? this.memberComputed : this.computed);
        target[name] = d.pick([d.int(-5, 500), "99", true, null, "n'importe quoi"]);
        return this.where(data, target, name);
      }
      case "empty_group": {
        const found = [...this.groupTargets(data)].filter(
          ([g, v, t]) => wantsAnswer(g, v) && this.groupQuestions(g, v).some((a) => !isEmptyAnswer(t[a.name])),
        );
        if (found.length === 0) return undefined;
        const [g, v, t] = d.pick(found);
        const cleared = this.groupQuestions(g, v);
        for (const a of cleared) delete t[a.name];
        return this.where(data, t, cleared[0]!.name);
      }
    }
  }

  private value(a: Asked): unknown {
    const d = this.dice;
    if (a.numbers) return d.pick(a.numbers);
    switch (a.variable.type) {
      case "boolean":
        return d.chance(0.5);
      case "integer":
      case "decimal": {
        const min = a.min ?? 0;
        const max = a.max ?? Math.max(min, 0) + 1000;
        const n = d.int(Math.ceil(min), Math.floor(max));
        return a.variable.type === "decimal" && n < max && d.chance(0.3) ? n + 0.5 : n;
      }
      case "date":
        return new Date(Date.UTC(2025, 0, 1) + d.int(0, 364) * 86_400_000).toISOString().slice(0, 10);
      case "single_choice":
        return d.pick(a.codes);
      case "multiple_choice":
        return d.some(a.codes, d.int(1, Math.min(3, a.codes.length)));
      default: {
        if (a.email) return `${d.pick(["jon", "fatima", "said.ali"])}@${d.pick(["nightwatch.com", "comores.km", "example.org"])}`;
        const min = Math.max(1, a.minLength ?? 1);
        const max = Math.min(Math.max(min, a.maxLength ?? Math.max(min, 40)), a.inputMaxLength ?? Infinity);
        return words(d, d.int(min, max));
      }
    }
  }
}

function describe(entry: MaskQuestion, variable: Variable, codes: string[], surveyMaxLength: unknown): Asked {
  const q = entry.question;
  const own = extend(entry.chain, q);
  const c = variable.constraints ?? {};
  const asked: Asked = {
    entry,
    name: variable.code,
    variable,
    codes,
    email: false,
    visibleIf: own.visibleIf,
    hidden: own.hidden,
    required: q.isRequired === true,
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

/** What a member's conditions read: the household's values with the member's on top. */
function memberRead(household: Values, member: Values, i: number): Values {
  return Object.assign(Object.create(household) as Values, { panel: member, panelIndex: i, visiblePanelIndex: i });
}

/** Dice.pick refuses `undefined`: this stands for "no key at all". */
const ABSENT = Symbol("absent");

const runners = new Map<string, ExpressionRunner>();
function run(expression: string, values: Values): unknown {
  let runner = runners.get(expression);
  if (!runner) {
    runner = new ExpressionRunner(expression);
    runners.set(expression, runner);
  }
  return runner.runValues(values);
}

function isShown(a: Asked, values: Values): boolean {
  return !a.hidden && a.visibleIf.every((e) => run(e, values) === true);
}

function isRequired(a: Asked, values: Values): boolean {
  return a.requiredIf ? run(a.requiredIf, values) === true : a.required;
}

function wantsAnswer(group: Group, values: Values): boolean {
  const shown = !group.hidden && group.visibleIf.every((e) => run(e, values) === true);
  return shown && (group.requiredIf ? run(group.requiredIf, values) === true : group.required);
}

function isChoice(a: Asked): boolean {
  return a.codes.length > 0 || !!a.numbers;
}

function isText(a: Asked): boolean {
  return ["text", "phone", "national_id", "gps_point"].includes(a.variable.type);
}

function isNumber(a: Asked): boolean {
  return a.variable.type === "integer" || a.variable.type === "decimal";
}

const WORDS = ["Moroni", "Mutsamudu", "Fomboni", "bangwe", "marché", "école", "Said", "Fatima", "port", "mosquée"];

/** Text of exactly `length` characters, no blank at either end. */
function words(dice: Dice, length: number): string {
  let s = dice.pick(WORDS);
  while (s.length < length) s += ` ${dice.pick(WORDS)}`;
  s = s.slice(0, length);
  return s.endsWith(" ") ? `${s.slice(0, -1)}a` : s;
}
