import type { EntityManager } from "@mikro-orm/postgresql";
import {
  hideSmallCells,
  PYRAMID_MIN_CELL,
  type DashboardFigures,
  type IndicatorBreakdown,
  type IndicatorFigures,
} from "../../schemas/contracts/dashboards";
import { INDIVIDUAL_KEY_VARIABLES } from "../../schemas/contracts/registry";
import { scopesFor, type Actor, type RoleScope } from "../auth/actor";
import { CatalogueVariable } from "../entities";
import { problems } from "../problems";
import { dashboardFigures, type DashboardPlace } from "../registry/dashboards/dashboard-figures";
import { INDICATOR_TYPES, indicatorFigures } from "../registry/dashboards/indicator";

export async function dashboardFor(em: EntityManager, actor: Actor, place: DashboardPlace, days: number): Promise<DashboardFigures> {
  const scopes = scopesFor(actor, "dashboards:read");
  const figures = await dashboardFigures(em, place, scopes, days);
  if (readsEveryPersonOf(scopes)) return { ...figures, pyramidMinCell: null };
  return { ...figures, pyramid: hideSmallCells(figures.pyramid, PYRAMID_MIN_CELL), pyramidMinCell: PYRAMID_MIN_CELL };
}

/**
 * Whether the pyramid's counts may be exact: every role reaching the dashboard may read personal data, or one
 * that may reaches every area. Otherwise a cell may hold people of an area the user reaches only through a
 * role without that grant (DESIGN.md rule 11: each role's breadth with its own depth).
 */
function readsEveryPersonOf(scopes: readonly RoleScope[]): boolean {
  const personal = (scope: RoleScope) => scope.sensitivities.has("personal");
  return scopes.every(personal) || scopes.some((scope) => personal(scope) && scope.areas === null);
}

/**
 * An indicator the user picked: a countable variable, read only through the user's roles that may read it
 * (and the sex, for a breakdown by sex); refused when none may, rather than answered with zeros.
 */
export async function indicatorFor(
  em: EntityManager,
  actor: Actor,
  code: string,
  place: DashboardPlace,
  breakdown: IndicatorBreakdown,
): Promise<IndicatorFigures> {
  const codes = breakdown === "sex" ? [code, INDIVIDUAL_KEY_VARIABLES.sex] : [code];
  const variables = await em.find(CatalogueVariable, { code: { $in: codes } });
  const variable = variables.find((v) => v.code === code)?.definition;
  if (!variable) throw problems.variableNotFound(code);
  if (!INDICATOR_TYPES.includes(variable.type)) throw problems.indicatorNotCountable(code, variable.type);
  const sensitivities = variables.map((v) => v.definition.sensitivity ?? "internal");
  const readers = scopesFor(actor, "dashboards:read").filter((scope) => sensitivities.every((s) => scope.sensitivities.has(s)));
  if (!readers.length) throw problems.indicatorNotGranted(code, variable.sensitivity ?? "internal");
  return indicatorFigures(em, variable, place, breakdown, readers);
}
