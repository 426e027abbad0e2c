import type { EntityManager } from "@mikro-orm/postgresql";
import type { Place, RoleScope } from "../../auth/actor";
import { queryRows, sqlArray } from "../../db/plain-sql";
import type { HouseholdState } from "../households/household-state";

/** Which households an export holds: the state of each as of a date, filtered, within the requester's reach. */
export interface HouseholdsFilter {
  at: Date;
  /** Island, prefecture or commune code, of the household as of the date. */
  area?: string;
  formId?: string;
  formVersion?: number;
  changedSince?: Date;
  /** The requester's roles that read households: a household is exported when one of them reaches it today. */
  scopes: readonly RoleScope[];
}

export interface HouseholdAsOf {
  id: string;
  version: number;
  changedAt: Date;
  formId: string | null;
  formVersion: number | null;
  state: HouseholdState;
  /** Where the household is today: what decides who reaches it, as on the household's page. */
  place: Place;
}

interface Row {
  last: string;
  household_id: string | null;
  version: number;
  created_at: string | Date;
  form_id: string | null;
  form_version: number | null;
  state: HouseholdState;
  island: string | null;
  prefecture: string | null;
  commune: string | null;
}

/**
 * Each household's last version recorded by the date (household_versions keeps every state, issue #6), read
 * through the (household, version) index from the household's row: a DISTINCT ON over the versions sorted
 * every remaining version at each batch.
 */
const LATEST = `cross join lateral (select v.household_id, v.version, v.created_at, v.form_id, v.form_version, v.state
  from household_versions v where v.household_id = ids.id and v.created_at <= ? order by v.version desc limit 1) b`;

/**
 * The households, in batches of `size`, in id order: each batch is the next `size` households by id
 * (keyset on the households' primary key, so memory stays flat and a batch costs the same at the start and
 * the end), then filtered.
 */
export async function* householdsAsOf(em: EntityManager, filter: HouseholdsFilter, size = 500): AsyncGenerator<HouseholdAsOf[]> {
  const where = conditions(filter);
  if (!where) return;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await queryRows<Row>(
      em,
      `with ids as (select id from households where id > ? order by id limit ?),
            batch as (select b.* from ids ${LATEST})
       select m.last, b.household_id, b.version, b.created_at, b.form_id, b.form_version, b.state, h.island, h.prefecture, h.commune
         from (select id as last from ids order by id desc limit 1) m
         left join (batch b join households h on h.id = b.household_id and ${where.sql}) on true
        order by b.household_id`,
      [after, size, filter.at, ...where.bindings],
    );
    if (!rows.length) return;
    yield rows
      .filter((row) => row.household_id !== null)
      .map((row) => ({
        id: row.household_id!,
        version: row.version,
        changedAt: new Date(row.created_at),
        formId: row.form_id,
        formVersion: row.form_version,
        state: row.state,
        place: { island: row.island, prefecture: row.prefecture, commune: row.commune },
      }));
    after = rows[0]!.last;
  }
}

/** How many households the export will hold. */
export async function countHouseholdsAsOf(em: EntityManager, filter: HouseholdsFilter): Promise<number> {
  const where = conditions(filter);
  if (!where) return 0;
  const [row] = await queryRows<{ n: number }>(
    em,
    `select count(*)::int as n from households ids ${LATEST} join households h on h.id = b.household_id and ${where.sql}`,
    [filter.at, ...where.bindings],
  );
  return row!.n;
}

/** The filters and the requester's reach as SQL on `b` (the version) and `h` (the household); null: nothing reachable. */
function conditions(filter: HouseholdsFilter): { sql: string; bindings: unknown[] } | null {
  if (!filter.scopes.length) return null;
  const sql: string[] = ["true"];
  const bindings: unknown[] = [];
  if (filter.area) {
    sql.push(`? in (b.state->>'island', b.state->>'prefecture', b.state->>'commune')`);
    bindings.push(filter.area);
  }
  if (filter.formId) {
    sql.push("b.form_id = ?");
    bindings.push(filter.formId);
  }
  if (filter.formVersion !== undefined) {
    sql.push("b.form_version = ?");
    bindings.push(filter.formVersion);
  }
  if (filter.changedSince) {
    sql.push("b.created_at >= ?");
    bindings.push(filter.changedSince);
  }
  // A role bound to no area reaches every household; otherwise the union of the roles' areas.
  if (filter.scopes.every((scope) => scope.areas !== null)) {
    const areas = sqlArray(filter.scopes.flatMap((scope) => scope.areas ?? []));
    sql.push("(h.island = any(?::text[]) or h.prefecture = any(?::text[]) or h.commune = any(?::text[]))");
    bindings.push(areas, areas, areas);
  }
  return { sql: sql.join(" and "), bindings };
}
