import { MEMBERS_ROSTER } from "../contracts/registry";
import type { CompileProblem, SurveyJson } from "./types";

/** A question that holds an answer, where it stands, and the visibility conditions of its containers. */
export interface MaskQuestion {
  question: Record<string, unknown>;
  path: string;
  scope: "household" | "members";
  /** visibleIf of the page and panels containing it, outermost first. */
  containerConditions: string[];
}

/** Elements that show something but hold no answer. */
const DISPLAY_ONLY = new Set(["html", "image", "expression"]);
const CONTAINERS = new Set(["panel"]);

export interface WalkResult {
  questions: MaskQuestion[];
  roster: { question: Record<string, unknown>; path: string; containerConditions: string[] } | null;
  problems: CompileProblem[];
}

/** Lists the answer-holding questions of a mask: pages, nested panels, and the `members` roster. */
export function walkMask(mask: SurveyJson): WalkResult {
  const result: WalkResult = { questions: [], roster: null, problems: [] };
  const pages = Array.isArray(mask.pages) ? (mask.pages as Record<string, unknown>[]) : [];
  pages.forEach((page, i) => walk(asElements(page.elements), `pages[${i}].elements`, "household", conditionsOf(page, []), result));
  // Single-page masks may list their elements at the top, and 2017-era ones call them `questions`.
  walk(asElements(mask.elements), "elements", "household", [], result);
  walk(asElements(mask.questions), "questions", "household", [], result);
  return result;
}

function walk(elements: Record<string, unknown>[], path: string, scope: MaskQuestion["scope"], conditions: string[], result: WalkResult): void {
  elements.forEach((element, i) => {
    const at = `${path}[${i}]`;
    const type = String(element.type ?? "").toLowerCase();
    if (DISPLAY_ONLY.has(type)) return;
    if (CONTAINERS.has(type)) {
      walk(asElements(element.elements), `${at}.elements`, scope, conditionsOf(element, conditions), result);
      return;
    }
    if (type === "paneldynamic" && element.name === MEMBERS_ROSTER && scope === "household") {
      if (result.roster) {
        result.problems.push(problem(at, element, "duplicate_binding", "Le tableau des membres « members » apparaît deux fois.", 'The "members" roster appears twice.'));
        return;
      }
      result.roster = { question: element, path: at, containerConditions: conditions };
      walk(asElements(element.templateElements), `${at}.templateElements`, "members", [], result);
      return;
    }
    result.questions.push({ question: element, path: at, scope, containerConditions: conditions });
  });
}

function conditionsOf(element: Record<string, unknown>, outer: string[]): string[] {
  return typeof element.visibleIf === "string" && element.visibleIf.trim() ? [...outer, element.visibleIf] : outer;
}

function asElements(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

export function problem(path: string, element: Record<string, unknown>, code: string, fr: string, en: string): CompileProblem {
  return { path, ...(typeof element.name === "string" ? { name: element.name } : {}), code, message: { fr, en } };
}
