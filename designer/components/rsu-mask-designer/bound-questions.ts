import type { Base } from "survey-core";
import type { CodeList, Variable } from "../../../schemas/catalogue/types";
import { MEMBERS_ROSTER } from "../../../schemas/contracts/registry";

/** The catalogue as the designer looks it up: every variable (deprecated ones still bind) and code list. */
export interface Catalogue {
  variables: Map<string, Variable>;
  codeLists: Map<string, CodeList>;
}

type Element = Base & { name?: string; parent?: Element | null; parentQuestion?: Element | null; isQuestion?: boolean };

/** The variable a question is bound to: its name is the variable's code (DESIGN.md, "variables are the contract"). */
export function variableOf(element: Base | null | undefined, catalogue: Catalogue): Variable | undefined {
  const el = element as Element | null | undefined;
  if (!el?.isQuestion || typeof el.name !== "string") return undefined;
  if (isRoster(el)) return undefined;
  return catalogue.variables.get(el.name);
}

export function isRoster(element: Base | null | undefined): boolean {
  const el = element as Element | null | undefined;
  return !!el && el.getType() === "paneldynamic" && el.name === MEMBERS_ROSTER;
}

/** Whether an element, or a container about to receive one, lies inside the household's `members` roster. */
export function insideRoster(element: Base | null | undefined): boolean {
  for (let el = element as Element | null | undefined; el; el = el.parent ?? el.parentQuestion) {
    if (isRoster(el.parentQuestion)) return true;
  }
  return false;
}
