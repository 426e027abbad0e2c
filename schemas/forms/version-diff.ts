/**
 * Per-variable differences between two versions of a form (issue #5), classified so the publisher sees
 * what existing submissions and clients would stop accepting. Pure: (mask, snapshot) pairs in, changes out.
 */
import type { Catalogue, Variable } from "../catalogue/types";
import { walkMask } from "../compile/mask-walker";
import type { SurveyJson } from "../compile/types";
import type { ChangeClass, ChangeKind, VariableChange } from "../contracts/forms";

export interface FormSide {
  mask: SurveyJson;
  snapshot: Catalogue;
}

const CLASS_OF: Record<ChangeKind, ChangeClass> = {
  added: "compatible",
  removed: "breaking",
  type_changed: "breaking",
  code_list_narrowed: "breaking",
  code_list_widened: "compatible",
  range_narrowed: "breaking",
  range_widened: "compatible",
  made_required: "breaking",
  made_optional: "compatible",
  label_changed: "cosmetic",
};

const RANK: Record<ChangeClass, number> = { cosmetic: 0, compatible: 1, breaking: 2 };

/** The worst class among the changes; "cosmetic" when nothing changed. */
export function worstClass(changes: VariableChange[]): ChangeClass {
  return changes.reduce<ChangeClass>((worst, c) => (RANK[c.class] > RANK[worst] ? c.class : worst), "cosmetic");
}

interface Bound {
  variable: Variable;
  required: boolean;
  codes: Set<string>;
}

/** The variables a side binds (question name = variable code), with what the mask adds: required. */
function boundVariables(side: FormSide): Map<string, Bound> {
  const variables = new Map(side.snapshot.variables.map((v) => [v.code, v]));
  const lists = new Map(side.snapshot.codeLists.map((l) => [l.code, l]));
  const bound = new Map<string, Bound>();
  for (const { question } of walkMask(side.mask).questions) {
    const variable = typeof question.name === "string" ? variables.get(question.name) : undefined;
    if (!variable) continue;
    const list = variable.codeList ? lists.get(variable.codeList) : undefined;
    bound.set(variable.code, {
      variable,
      required: question.isRequired === true,
      codes: new Set(list?.items.map((i) => i.code) ?? []),
    });
  }
  return bound;
}

export function diffVersions(from: FormSide | null, to: FormSide): VariableChange[] {
  const before = from ? boundVariables(from) : new Map<string, Bound>();
  const after = boundVariables(to);
  const changes: VariableChange[] = [];
  const add = (variable: string, kind: ChangeKind, b?: unknown, a?: unknown) =>
    changes.push({
      variable,
      kind,
      class: CLASS_OF[kind],
      ...(b !== undefined ? { before: b } : {}),
      ...(a !== undefined ? { after: a } : {}),
    });
  for (const [code, _was] of before) if (!after.has(code)) add(code, "removed");
  for (const [code, now] of after) {
    const was = before.get(code);
    if (!was) {
      add(code, "added");
      continue;
    }
    if (was.variable.type !== now.variable.type) {
      // A new type makes every other comparison meaningless.
      add(code, "type_changed", was.variable.type, now.variable.type);
      continue;
    }
    compareCodes(code, was.codes, now.codes, add);
    compareRange(code, was.variable, now.variable, add);
    if (was.required !== now.required) add(code, now.required ? "made_required" : "made_optional");
    if (JSON.stringify(was.variable.label) !== JSON.stringify(now.variable.label))
      add(code, "label_changed", was.variable.label, now.variable.label);
  }
  return changes;
}

type Add = (variable: string, kind: ChangeKind, before?: unknown, after?: unknown) => void;

function compareCodes(code: string, was: Set<string>, now: Set<string>, add: Add): void {
  const dropped = [...was].filter((c) => !now.has(c));
  const gained = [...now].filter((c) => !was.has(c));
  // Dropping a code refuses answers that were valid: breaking even if others were added at the same time.
  if (dropped.length) add(code, "code_list_narrowed", dropped, gained.length ? gained : undefined);
  else if (gained.length) add(code, "code_list_widened", undefined, gained);
}

function compareRange(code: string, was: Variable, now: Variable, add: Add): void {
  const a = was.constraints ?? {};
  const b = now.constraints ?? {};
  const keys = ["min", "max", "maxLength", "maxSelected"] as const;
  let narrowed = false;
  let widened = false;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    // An absent bound is unbounded: adding one narrows, removing one widens.
    const tighter = key === "min" ? x === undefined || (y !== undefined && y > x) : x === undefined || (y !== undefined && y < x);
    if (tighter) narrowed = true;
    else widened = true;
  }
  if (a.pattern !== b.pattern) narrowed = true; // a changed pattern may refuse values the old one accepted
  const pick = (c: typeof a) => Object.fromEntries([...keys, "pattern" as const].filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
  if (narrowed) add(code, "range_narrowed", pick(a), pick(b));
  else if (widened) add(code, "range_widened", pick(a), pick(b));
}
