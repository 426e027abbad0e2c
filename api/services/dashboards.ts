import type { EntityManager } from "@mikro-orm/postgresql";
import type { DashboardFigures, IndicatorBreakdown, IndicatorFigures } from "../../schemas/contracts/dashboards";
import { INDIVIDUAL_KEY_VARIABLES } from "../../schemas/contracts/registry";
import { scopesFor, type Actor } from "../auth/actor";
import { CatalogueVariable } from "../entities";
import { problems } from "../problems";
import { dashboardFigures, type DashboardPlace } from "../registry/dashboards/dashboard-figures";
import { INDICATOR_TYPES, indicatorFigures } from "../registry/dashboards/indicator";

export function dashboardFor(em: EntityManager, actor: Actor, place: DashboardPlace, days: number): Promise<DashboardFigures> {
  return dashboardFigures(em, place, scopesFor(actor, "dashboards:read"), days);
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
