import type { Catalogue } from "../../schemas/catalogue/types";
import { isEmptyAnswer, type SurveyJson } from "../../schemas/compile";
import { computeValues, householdFormulas } from "../../schemas/compile/computed-values";
import { extend, nonEmpty, walkMask } from "../../schemas/compile/mask-walker";
import type { ComputedValue } from "../../schemas/compile/types";
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { Dice, prng } from "./demo-responses";
import {
  ABSENT,
  answerAt,
  type Asked,
  deleteAnswer,
  hasKey,
  isChoice,
  isNumber,
  isRequired,
  isShown,
  isText,
  run,
  setAnswer,
  type Values,
  words,
} from "./form-answers/asked";
import { askedBy, compositeGroup, type Group, type RecordList, recordLists } from "./form-answers/records";

/**
 * Responses to any mask the compiler accepts, for the differential test against survey-core: valid
 * ones, and ones broken (or stretched to their limits) in a single way each. The generator knows the
 * mask and the catalogue, never the compiled schema: what it produces is what a clerk's form could
 * send, and both validators must reach the same verdict on it. Values are type-correct (survey-core
 * checks no shapes); visibility is worked out with survey-core's own expression engine. It answers the
 * household's questions, every repeat's records (the roster, a unit's dynamic panel or matrix) and the
 * parts of matrices and multiple texts (form-answers/).
 */

export type { Values };

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
  /** The answer touched: `kids`, `members[1].age`, `plots[0].area`, `herd.cattle.count`. */
  where?: string;
}

/** A generator of responses to one mask: `next(kind)` gives a response broken that way, or a valid one. */
export class FormResponses {
  /** The answers asked, by scope: the household's, or a repeat's (named as its records' unit). */
  private readonly asked = new Map<string, Asked[]>();
  private readonly lists: RecordList[];
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
    const rows = new Set(walked.repeats.filter((r) => r.record === "row").map((r) => String(r.question.name)));
    for (const entry of walked.questions) {
      const asked = askedBy(entry, catalogue, mask.maxTextLength, rows.has(entry.scope));
      if (asked.length) this.asked.set(entry.scope, [...(this.asked.get(entry.scope) ?? []), ...asked]);
    }
    this.lists = recordLists(walked);
    const calculated = Array.isArray(mask.calculatedValues) ? (mask.calculatedValues as { name?: unknown }[]) : [];
    this.computed = [
      ...walked.computed.household.map((c) => String(c.question.name)),
      ...calculated.flatMap((c) => (nonEmpty(c?.name) ? [String(c.name)] : [])),
    ];
    this.memberComputed = (walked.computed.members ?? []).map((c) => String(c.question.name));
    this.formulas = householdFormulas(mask, walked);
    this.groups = [
      ...walked.groups.map((g) => {
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
      }),
      ...walked.questions.flatMap((entry) => compositeGroup(entry) ?? []),
    ];
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
    // Answers change what is shown, which changes what is answered: a few rounds reach a fixed point.
    for (let round = 0; round < 5; round++) {
      let changed = this.shapeLists(data);
      for (const [asked, values, target] of this.targets(data)) {
        const shown = isShown(asked, values);
        if (!shown && hasKey(target, asked.path)) {
          deleteAnswer(target, asked.path);
          changed = true;
        } else if (
          shown &&
          isEmptyAnswer(answerAt(target, asked.path)) &&
          (round === 0 ? isRequired(asked, values) || this.dice.chance(0.7) : isRequired(asked, values))
        ) {
          setAnswer(target, asked.path, this.value(asked));
          changed = true;
        }
      }
      // A required page, panel or matrix shown with nothing answered: a clerk answers one of its shown questions.
      for (const [group, values, target] of this.groupTargets(data)) {
        if (!wantsAnswer(group, values)) continue;
        const shown = this.groupQuestions(group, values);
        if (shown.length === 0 || shown.some((a) => !isEmptyAnswer(answerAt(target, a.path)))) continue;
        const a = this.dice.pick(shown);
        setAnswer(target, a.path, this.value(a));
        changed = true;
      }
      if (!changed) break;
    }
    return data;
  }

  /** Each list of records there while shown, with as many records as a clerk may add; none while hidden. */
  private shapeLists(data: Values): boolean {
    let changed = false;
    const read = this.read(data);
    for (const list of this.lists) {
      const shown = isShown(list, read);
      if (!shown && list.name in data) {
        delete data[list.name];
        changed = true;
      } else if (shown && !Array.isArray(data[list.name])) {
        data[list.name] = Array.from({ length: this.dice.int(list.min, list.max) }, () => ({}));
        changed = true;
      }
    }
    return changed;
  }

  private records(data: Values, scope: string): Values[] {
    return Array.isArray(data[scope]) ? (data[scope] as Values[]) : [];
  }

  /** Every (question, values its conditions read, object holding its answer) of a response. */
  private *targets(data: Values): Generator<[Asked, Values, Values]> {
    // Computed once per pass: valid() makes passes until nothing changes, so the last pass reads them up to date.
    const read = this.read(data);
    for (const [scope, asked] of this.asked) {
      if (scope === "household") for (const a of asked) yield [a, read, data];
      else
        for (const [i, record] of this.records(data, scope).entries()) {
          const values = recordRead(read, record, i);
          for (const a of asked) yield [a, values, record];
        }
    }
  }

  /** Every (group, values its conditions read, object holding its answers) of a response. */
  private *groupTargets(data: Values): Generator<[Group, Values, Values]> {
    const read = this.read(data);
    for (const group of this.groups) {
      if (group.scope === "household") yield [group, read, data];
      else for (const [i, record] of this.records(data, group.scope).entries()) yield [group, recordRead(read, record, i), record];
    }
  }

  /** What the household's conditions read: its answers and, as they stand now, the values computed from them. */
  private read(data: Values): Values {
    return this.formulas.length ? computeValues(data, this.formulas) : data;
  }

  /** The answers of a group's questions shown given these values (a repeat is no Asked: it is never cleared here). */
  private groupQuestions(group: Group, values: Values): Asked[] {
    const asked = this.asked.get(group.scope) ?? [];
    return group.questions.flatMap((name) => asked.filter((a) => a.question === name && isShown(a, values)));
  }

  private where(data: Values, target: Values, path: readonly string[]): string {
    const inside = path.join(".");
    if (target === data) return inside;
    for (const list of this.lists) {
      const at = this.records(data, list.name).indexOf(target);
      if (at >= 0) return `${list.name}[${at}].${inside}`;
    }
    return inside;
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
    const put = ([a, , t]: [Asked, Values, Values], value: unknown) => {
      setAnswer(t, a.path, value);
      return this.where(data, t, a.path);
    };
    switch (kind) {
      case "empty_required": {
        const found = pick((a, v, t) => isShown(a, v) && isRequired(a, v) && !isEmptyAnswer(answerAt(t, a.path)));
        if (!found) return undefined;
        const [a, , t] = found;
        // What survey-core counts as no answer, in the shapes a client may send it.
        // A matrix's cell is cleared by removing it: survey-core never writes null or a blank there.
        const empties: unknown[] = isPart(a)
          ? [ABSENT]
          : [ABSENT, null, ...(a.variable.type === "multiple_choice" ? [[]] : []), ...(isText(a) || isChoice(a) ? ["", "   "] : [])];
        const empty = d.pick(empties);
        if (empty !== ABSENT) return put(found, empty);
        deleteAnswer(t, a.path);
        return this.where(data, t, a.path);
      }
      case "hidden_answered": {
        const found = pick((a, v) => !isShown(a, v));
        return found ? put(found, this.value(found[0])) : undefined;
      }
      case "out_of_range": {
        const found = shownAnd((a) => isNumber(a) && !a.numbers && (a.min !== undefined || a.max !== undefined));
        if (!found) return undefined;
        const [a] = found;
        const below = a.min !== undefined && (a.max === undefined || d.chance(0.5));
        return put(found, below ? a.min! - d.int(1, 100) : a.max! + d.int(1, 100));
      }
      case "bad_text": {
        const found = shownAnd((a) => isText(a) && (a.email || a.minLength !== undefined || a.maxLength !== undefined));
        if (!found) return undefined;
        const [a] = found;
        const bad: string[] = [];
        if (a.email) bad.push("jon.snow", "jon snow@nightwatch.com", "jon@nightwatch", "@nightwatch.com", " ", "a@b.c");
        if (a.minLength !== undefined && a.minLength > 1) bad.push(words(d, a.minLength - 1));
        if (a.maxLength !== undefined) bad.push(words(d, a.maxLength + d.int(1, 10)));
        return put(found, d.pick(bad));
      }
      case "not_in_list": {
        // Not in a matrix: survey-core lets a cell's stray choice through, where we refuse it (STACK.md trap 13).
        const found = shownAnd((a) => !isPart(a) && (a.codes.length > 0 || !!a.numbers));
        if (!found) return undefined;
        const [a] = found;
        // A blank is no answer to survey-core, not a stray choice: edge_value and empty_required give those.
        const stray = a.numbers ? Math.max(...a.numbers) + d.int(1, 5) : d.pick(["zz", "Other", `${a.codes[0]!.toUpperCase()}x`]);
        return put(found, a.variable.type === "multiple_choice" ? [stray] : stray);
      }
      case "edge_value": {
        // Valid on paper, at the limits: bounds exactly, blanks and `false`/`0` in optional answers.
        const found = shownAnd(() => true);
        if (!found) return undefined;
        const [a, v] = found;
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
        if (!isRequired(a, v) && !isPart(a))
          edges.push(...(isText(a) || isChoice(a) ? ["", "  "] : []), ...(a.variable.type === "multiple_choice" ? [[]] : []), null);
        return edges.length ? put(found, d.pick(edges)) : undefined;
      }
      case "computed_value": {
        // Whatever a computed value says, shown or hidden, survey-core computes it again: it is no answer.
        const members = this.records(data, MEMBERS_ROSTER);
        const inMember = this.memberComputed.length > 0 && members.length > 0 && (this.computed.length === 0 || d.chance(0.5));
        if (!inMember && this.computed.length === 0) return undefined;
        const target = inMember ? d.pick(members) : data;
        const name = d.pick(inMember ? this.memberComputed : this.computed);
        target[name] = d.pick([d.int(-5, 500), "99", true, null, "n'importe quoi"]);
        return this.where(data, target, [name]);
      }
      case "empty_group": {
        const found = [...this.groupTargets(data)].filter(
          ([g, v, t]) => wantsAnswer(g, v) && this.groupQuestions(g, v).some((a) => !isEmptyAnswer(answerAt(t, a.path))),
        );
        if (found.length === 0) return undefined;
        const [g, v, t] = d.pick(found);
        const cleared = this.groupQuestions(g, v);
        for (const a of cleared) deleteAnswer(t, a.path);
        return this.where(data, t, cleared[0]!.path);
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

/** What a record's conditions read: the household's values with the record's on top (`{panel.x}`, `{row.x}`). */
function recordRead(household: Values, record: Values, i: number): Values {
  return Object.assign(Object.create(household) as Values, {
    panel: record,
    row: record,
    panelIndex: i,
    visiblePanelIndex: i,
    rowIndex: i + 1,
  });
}

/** A matrix's cell: a matrix's row, a matrixdropdown's or matrixdynamic's cell, a multiple text's item. */
function isPart(a: Asked): boolean {
  return a.cell;
}

function wantsAnswer(group: Group, values: Values): boolean {
  const shown = !group.hidden && group.visibleIf.every((e) => run(e, values) === true);
  return shown && (group.requiredIf ? run(group.requiredIf, values) === true : group.required);
}
