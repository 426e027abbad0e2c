import type { EntityManager } from "@mikro-orm/postgresql";
import type { AreaLevel, DashboardFigures } from "../../../schemas/contracts/dashboards";
import type { RoleScope } from "../../auth/actor";
import { queryRows, sqlArray } from "../../db/plain-sql";

/** Where a dashboard looks: a level and, below the country, the code of one island, prefecture or commune. */
export interface DashboardPlace {
  level: AreaLevel;
  area?: string;
}

/** The level whose areas break a level's figures down (a commune is broken down by village). */
export const CHILD_LEVEL = { country: "island", island: "prefecture", prefecture: "commune", commune: "village" } as const;

/** SQL on a household `h` (and bindings): within the place and within the scopes' areas; null: nothing reachable. */
export function householdReach(place: DashboardPlace, scopes: readonly RoleScope[], h = "h"): { sql: string; bindings: unknown[] } | null {
  if (!scopes.length) return null;
  // A household whose import was undone (issue #19) counts no more; `p` is a submission's place, not a household.
  const sql = [h === "h" ? "h.withdrawn_at is null" : "true"];
  const bindings: unknown[] = [];
  if (place.level !== "country") {
    sql.push(`${h}.${place.level} = ?`);
    bindings.push(place.area);
  }
  // A role bound to no area reaches every household; otherwise the union of the roles' areas (as households-as-of.ts).
  if (scopes.every((scope) => scope.areas !== null)) {
    const areas = sqlArray(scopes.flatMap((scope) => scope.areas ?? []));
    sql.push(`(${h}.island = any(?::text[]) or ${h}.prefecture = any(?::text[]) or ${h}.commune = any(?::text[]))`);
    bindings.push(areas, areas, areas);
  }
  return { sql: sql.join(" and "), bindings };
}

/**
 * The figures of one dashboard (issue #17), each one SQL aggregate over the registry's current state within
 * the user's reach: no personal value leaves the database, only counts. `days` is the window of the
 * submissions per day and of the integration lag.
 */
export async function dashboardFigures(
  em: EntityManager,
  place: DashboardPlace,
  scopes: readonly RoleScope[],
  days: number,
  now = new Date(),
): Promise<Omit<DashboardFigures, "pyramidMinCell">> {
  const reach = householdReach(place, scopes);
  const child = CHILD_LEVEL[place.level];
  const since = new Date(now.getTime() - days * 86_400_000);
  if (!reach) return emptyFigures(place, child, days);
  const rows = <T>(sql: string, bindings: unknown[] = []) => queryRows<T>(em, sql, [...bindings, ...reach.bindings]);
  const [byArea, sizes, pyramid, perDay, lag, review] = await Promise.all([
    rows<{ code: string | null; households: number; individuals: number }>(
      `select h.${child} as code, count(*)::int as households, coalesce(sum(n.members), 0)::int as individuals
         from households h left join lateral (select count(*) as members from individuals i where i.household_id = h.id) n on true
        where ${reach.sql} group by 1 order by 1`,
    ),
    rows<{ size: number; households: number }>(
      `select n.members::int as size, count(*)::int as households
         from households h cross join lateral (select count(*) as members from individuals i where i.household_id = h.id) n
        where ${reach.sql} group by 1 order by 1`,
    ),
    rows<{ band: number; sex: string | null; individuals: number }>(
      `select least(floor(extract(year from age(?::date, i.birth_date)) / 5) * 5, 80)::int as band, i.sex, count(*)::int as individuals
         from individuals i join households h on h.id = i.household_id
        where i.birth_date is not null and i.birth_date <= ?::date and ${reach.sql} group by 1, 2 order by 1, 2`,
      [now, now],
    ),
    // Submissions that made or changed a household within reach; those not integrated yet are counted with the pending.
    rows<{ day: string; submissions: number }>(
      `select to_char(date_trunc('day', s.received_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*)::int as submissions
         from submissions s join households h on h.id = s.household_id
        where s.received_at >= ? and ${reach.sql} group by 1 order by 1`,
      [since],
    ),
    rows<{ integrated: number; p50: number | null; p95: number | null; max: number | null }>(
      `select count(*)::int as integrated,
              percentile_cont(0.5) within group (order by extract(epoch from s.integrated_at - s.received_at))::float as p50,
              percentile_cont(0.95) within group (order by extract(epoch from s.integrated_at - s.received_at))::float as p95,
              max(extract(epoch from s.integrated_at - s.received_at))::float as max
         from submissions s join households h on h.id = s.household_id
        where s.received_at >= ? and s.integrated_at is not null and ${reach.sql}`,
      [since],
    ),
    rows<{ kind: string; open: number }>(
      `select r.kind, count(*)::int as open from review_items r join households h on h.id = r.household_id
        where r.status <> 'decided' and ${reach.sql} group by 1 order by 1`,
    ),
  ]);
  const pending = await pendingSubmissions(em, place, scopes);
  const total = (key: "households" | "individuals") => byArea.reduce((n, row) => n + row[key], 0);
  return {
    level: place.level,
    area: place.area ?? null,
    childLevel: child,
    days,
    households: total("households"),
    individuals: total("individuals"),
    byArea,
    householdSizes: sizes,
    pyramid,
    submissionsPerDay: perDay,
    integration: {
      pending,
      integrated: lag[0]?.integrated ?? 0,
      lagSeconds: { p50: lag[0]?.p50 ?? null, p95: lag[0]?.p95 ?? null, max: lag[0]?.max ?? null },
    },
    review,
  };
}

/**
 * Submissions received and not integrated yet: they name no household, so their place is the one they
 * were filled for (the island, prefecture and commune answered, the commune also a column).
 */
async function pendingSubmissions(em: EntityManager, place: DashboardPlace, scopes: readonly RoleScope[]): Promise<number> {
  const place$ =
    "(select s.data->>'island' as island, s.data->>'prefecture' as prefecture, coalesce(s.commune, s.data->>'commune') as commune)";
  const reach = householdReach(place, scopes, "p");
  if (!reach) return 0;
  const [row] = await queryRows<{ n: number }>(
    em,
    `select count(*)::int as n from submissions s cross join lateral ${place$} p where s.status = 'received' and ${reach.sql}`,
    reach.bindings,
  );
  return row!.n;
}

function emptyFigures(
  place: DashboardPlace,
  child: DashboardFigures["childLevel"],
  days: number,
): Omit<DashboardFigures, "pyramidMinCell"> {
  return {
    level: place.level,
    area: place.area ?? null,
    childLevel: child,
    days,
    households: 0,
    individuals: 0,
    byArea: [],
    householdSizes: [],
    pyramid: [],
    submissionsPerDay: [],
    integration: { pending: 0, integrated: 0, lagSeconds: { p50: null, p95: null, max: null } },
    review: [],
  };
}
