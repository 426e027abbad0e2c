import { MEMBERS_ROSTER } from "../contracts/registry";
import { repeatColumns } from "./repeat-columns";
import type { CompileProblem, CompileProblemCode, SurveyJson } from "./types";

export type MaskElement = Record<string, unknown>;

/**
 * What the containers of an element (page, panels, roster) decide about it, with survey-core's rules:
 * an element is shown only if every container is; a `visibleIf` overrides a static `visible: false`,
 * an `enableIf` overrides a static `readOnly`, and read-only containers make their contents read-only.
 */
export interface Chain {
  visibleIf: string[];
  hidden: boolean;
  enableIf: string[];
  readOnly: boolean;
}

/** A question that may hold an answer, where it stands, and what its containers decide about it. */
export interface MaskQuestion {
  question: MaskElement;
  path: string;
  /** `household`, or the name of the repeat holding it: `members` (the roster), `plots`, `livestock`… */
  scope: string;
  chain: Chain;
}

/** The household's own answers: every other scope is a repeat, named as the catalogue unit its records belong to. */
export const HOUSEHOLD = "household";

/** The catalogue level of the answers standing in a scope: a repeat's records are of the unit it is named after. */
export function levelOfScope(scope: string): string {
  return scope === MEMBERS_ROSTER ? "individual" : scope;
}

/**
 * A repeat: a dynamic panel or a dynamic matrix of the household whose panels or rows are records of one
 * catalogue unit, named like it (the roster `members` holds individuals; `plots` holds plots). Conditions
 * inside read the record as `{panel.x}` or `{row.x}`, as survey-core names it.
 */
export interface Repeat extends MaskQuestion {
  record: "panel" | "row";
  /** The repeat whose records hold this one's as a list (plots → harvests); none for a repeat of the household. */
  parent?: string;
}

/**
 * A page or panel with `isRequired` or `requiredIf`: survey-core then wants, while it is shown and
 * required, an answer to at least one of the questions shown inside it, at any depth ("requireoneanswer").
 */
export interface RequiredGroup extends MaskQuestion {
  /** Answer-holding questions inside it (the members roster counts as one question of the household). */
  questions: MaskQuestion[];
  /** Display elements inside it: survey-core counts html and image as questions never answered. */
  displays: MaskQuestion[];
  /** Expression elements inside it: survey-core counts their computed value as an answer. */
  computed: MaskQuestion[];
}

/** Any element of the mask the walker went through, with the kind survey-core would make of it. */
interface WalkedElement {
  element: MaskElement;
  path: string;
  /** `page`, `panel`, or the question's type in lower case (`paneldynamic` for the roster). */
  kind: string;
}

export interface WalkResult {
  questions: MaskQuestion[];
  /** Every page, panel, roster, question and display element, in mask order. */
  elements: WalkedElement[];
  /** Pages and panels that want at least one answer. */
  groups: RequiredGroup[];
  roster: MaskQuestion | null;
  /** Every repeat, the roster included, in mask order. */
  repeats: Repeat[];
  /** Names of display-only elements: a condition naming one reads a value no submission carries. */
  displayOnly: Set<string>;
  /** Expression questions by scope, as named: survey-core writes their results into the data it submits. */
  computed: { household: MaskQuestion[]; [repeat: string]: MaskQuestion[] };
  problems: CompileProblem[];
}

/** Elements that show something but hold no answer the registry keeps. */
const DISPLAY_ONLY = new Set(["html", "image", "expression"]);

const EMPTY_CHAIN: Chain = { visibleIf: [], hidden: false, enableIf: [], readOnly: false };

/** Lists the answer-holding questions of a mask: pages, nested panels, and the `members` roster. */
export function walkMask(mask: SurveyJson): WalkResult {
  const result: WalkResult = {
    questions: [],
    elements: [],
    groups: [],
    roster: null,
    repeats: [],
    displayOnly: new Set(),
    computed: { household: [], members: [] },
    problems: [],
  };
  // A survey in display mode is read-only throughout: survey-core then checks nothing.
  const top: Chain = mask.mode === "display" || mask.readOnly === true ? { ...EMPTY_CHAIN, readOnly: true } : EMPTY_CHAIN;
  for (const [i, page] of asElements(mask.pages).entries()) container(page, `/pages/${i}`, "page", "household", top, [], result);
  // Single-page masks may list their elements at the top, and old ones call them `questions`.
  walk(asElements(mask.elements), "/elements", "household", top, [], result);
  walk(asElements(mask.questions), "/questions", "household", top, [], result);
  return result;
}

/** A page or panel: its contents stand in its chain, and in its group when it wants an answer. */
function container(
  element: MaskElement,
  path: string,
  kind: "page" | "panel",
  scope: MaskQuestion["scope"],
  chain: Chain,
  groups: RequiredGroup[],
  result: WalkResult,
): void {
  result.elements.push({ element, path, kind });
  let inside = groups;
  if (element.isRequired === true || nonEmpty(element.requiredIf)) {
    const group: RequiredGroup = { question: element, path, scope, chain, questions: [], displays: [], computed: [] };
    result.groups.push(group);
    inside = [...groups, group];
  }
  // Old masks list a container's elements as `questions`: survey-core reads both.
  walk(asElements(element.elements), `${path}/elements`, scope, extend(chain, element), inside, result);
  walk(asElements(element.questions), `${path}/questions`, scope, extend(chain, element), inside, result);
}

function walk(
  elements: MaskElement[],
  path: string,
  scope: MaskQuestion["scope"],
  chain: Chain,
  groups: RequiredGroup[],
  result: WalkResult,
): void {
  for (const [i, element] of elements.entries()) {
    const at = `${path}/${i}`;
    const type = typeOf(element);
    const entry: MaskQuestion = { question: element, path: at, scope, chain };
    if (type === "panel") {
      container(element, at, "panel", scope, chain, groups, result);
      continue;
    }
    result.elements.push({ element, path: at, kind: type });
    if (DISPLAY_ONLY.has(type)) {
      if (typeof element.name === "string") result.displayOnly.add(element.name.toLowerCase());
      if (type === "expression" && typeof element.name === "string" && element.name !== "") {
        result.computed[scope] ??= [];
        result.computed[scope].push(entry);
      }
      for (const group of groups) (type === "expression" ? group.computed : group.displays).push(entry);
      continue;
    }
    if ((type === "paneldynamic" || type === "matrixdynamic") && nestable(type, scope) && nonEmpty(element.name)) {
      const name = String(element.name);
      if (result.repeats.some((r) => r.scope === name || String(r.question.name) === name)) {
        result.problems.push(
          problem(at, element, "duplicate_binding", `La répétition « ${name} » apparaît deux fois.`, `Repeat "${name}" appears twice.`),
        );
        continue;
      }
      const repeat: Repeat = {
        ...entry,
        record: type === "paneldynamic" ? "panel" : "row",
        ...(scope === HOUSEHOLD ? {} : { parent: scope }),
      };
      result.repeats.push(repeat);
      if (name === MEMBERS_ROSTER) result.roster = entry;
      for (const group of groups) group.questions.push(entry);
      // A repeat's own visibility is checked on the repeat itself; its read-only state reaches its questions.
      const inside = extend(chain, element);
      const recordChain: Chain = { ...EMPTY_CHAIN, enableIf: inside.enableIf, readOnly: inside.readOnly };
      if (type === "paneldynamic") walk(asElements(element.templateElements), `${at}/templateElements`, name, recordChain, [], result);
      else for (const column of repeatColumns(element, at)) result.questions.push({ ...column, scope: name, chain: recordChain });
      continue;
    }
    result.questions.push(entry);
    for (const group of groups) group.questions.push(entry);
  }
}

/**
 * Where a repeat may stand: in the household, or as a dynamic panel in a dynamic panel of a unit (plots →
 * harvests) or in the members roster (each member's jobs), whose records then hold their sub-records as a
 * list (issue #20): a member keeps it with their answers.
 */
function nestable(type: string, scope: string): boolean {
  return scope === HOUSEHOLD || type === "paneldynamic";
}

/** The chain of an element's contents, given the chain the element itself stands in. */
export function extend(chain: Chain, element: MaskElement): Chain {
  const visibleIf = nonEmpty(element.visibleIf);
  const enableIf = nonEmpty(element.enableIf);
  return {
    visibleIf: visibleIf ? [...chain.visibleIf, visibleIf] : chain.visibleIf,
    hidden: chain.hidden || (!visibleIf && element.visible === false),
    enableIf: enableIf ? [...chain.enableIf, enableIf] : chain.enableIf,
    readOnly: chain.readOnly || (!enableIf && element.readOnly === true),
  };
}

export function typeOf(element: MaskElement): string {
  return String(element.type ?? "").toLowerCase();
}

export function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function asElements(value: unknown): MaskElement[] {
  return Array.isArray(value) ? value.filter((e): e is MaskElement => !!e && typeof e === "object") : [];
}

export function problem(path: string, element: MaskElement, code: CompileProblemCode, fr: string, en: string): CompileProblem {
  return { path, ...(typeof element.name === "string" ? { name: element.name } : {}), code, message: { fr, en } };
}
