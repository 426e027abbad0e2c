import type { EntityManager } from "@mikro-orm/postgresql";
import type { Variable } from "../../../schemas/catalogue/types";
import type { IndicatorBreakdown, IndicatorFigures } from "../../../schemas/contracts/dashboards";
import { HOUSEHOLD_KEY_VARIABLES, INDIVIDUAL_KEY_VARIABLES } from "../../../schemas/contracts/registry";
import type { RoleScope } from "../../auth/actor";
import { queryRows } from "../../db/plain-sql";
import { CHILD_LEVEL, householdReach, type DashboardPlace } from "./dashboard-figures";

/** Individual variables kept in their own columns rather than in `attributes`. */
const MEMBER_COLUMNS: Record<string, string> = {
  [INDIVIDUAL_KEY_VARIABLES.sex]: "i.sex",
  [INDIVIDUAL_KEY_VARIABLES.relationToHead]: "i.relation_to_head",
};
const HOUSEHOLD_COLUMNS: Record<string, string> = Object.fromEntries(
  Object.values(HOUSEHOLD_KEY_VARIABLES).map((code) => [code, `h.${code}`]),
);

/**
 * A catalogue variable counted over the registry (issue #17), within the reach of the scopes that may read
 * it: a role that may not read the variable adds none of its households (DESIGN.md rule 11). The caller
 * has already refused a variable none of the scopes may read. Only choice, yes/no and number variables
 * make an indicator: text, dates and identifiers would count people one by one.
 */
export async function indicatorFigures(
  em: EntityManager,
  variable: Variable,
  place: DashboardPlace,
  breakdown: IndicatorBreakdown,
  readers: readonly RoleScope[],
): Promise<IndicatorFigures> {
  const figures: IndicatorFigures = { variable: variable.code, breakdown, counts: [], summary: [] };
  const reach = householdReach(place, readers);
  if (!reach) return figures;
  // The code goes into the SQL text as a JSON key: the catalogue only holds snake-case codes, checked again here.
  if (!/^[a-z][a-z0-9_]*$/.test(variable.code)) throw new Error(`variable code ${variable.code} is not snake case`);
  const individual = variable.level === "individual";
  const value = individual
    ? (MEMBER_COLUMNS[variable.code] ?? `i.attributes->'${variable.code}'`)
    : (HOUSEHOLD_COLUMNS[variable.code] ?? `h.attributes->'${variable.code}'`);
  const group = breakdown === "area" ? `h.${CHILD_LEVEL[place.level]}` : breakdown === "sex" ? "i.sex" : "null::text";
  const from = individual || breakdown === "sex" ? "individuals i join households h on h.id = i.household_id" : "households h";
  if (variable.type === "integer" || variable.type === "decimal") {
    figures.summary = await queryRows(
      em,
      `select ${group} as "group", count(x)::int as answered, avg(x)::float as mean, min(x)::float as min, max(x)::float as max
         from ${from} cross join lateral (select case when jsonb_typeof(${value}) = 'number' then (${value})::numeric end as x) v
        where ${reach.sql} group by 1 order by 1`,
      reach.bindings,
    );
    return figures;
  }
  // A column holds text; an attribute holds JSON: a code, a boolean, or (multiple choice) an array of codes.
  const values =
    value.startsWith("i.attributes") || value.startsWith("h.attributes")
      ? `(select case jsonb_typeof(${value}) when 'array' then e.v else ${value} #>> '{}' end as x
          from (select jsonb_array_elements_text(case jsonb_typeof(${value}) when 'array' then ${value} else '[null]'::jsonb end) as v) e)`
      : `(select ${value} as x)`;
  figures.counts = await queryRows(
    em,
    `select ${group} as "group", v.x as value, count(*)::int as count
       from ${from} cross join lateral ${values} v
      where ${reach.sql} group by 1, 2 order by 1, 2`,
    reach.bindings,
  );
  return figures;
}

/** Types that make an indicator. */
export const INDICATOR_TYPES: readonly Variable["type"][] = ["single_choice", "multiple_choice", "boolean", "integer", "decimal"];
