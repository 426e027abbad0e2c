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
  household_id: string;
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
 * Each household's last version recorded by the date (household_versions keeps every state, issue #6),
 * unless it withdrew the household (an import undone, issue #19). Written as "no later version by then" so
 * that PostgreSQL reads the versions in one sequential pass: looking each household's version up by id
 * read a random page per household, which at a million people cost more than all the rest (issue #17).
 */
export const AS_OF = `from household_versions b join households h on h.id = b.household_id
  where b.created_at <= ? and b.action <> 'withdraw'
    and not exists (select 1 from household_versions later
                     where later.household_id = b.household_id and later.version > b.version and later.created_at <= ?)`;

type PgConnection = { query(text: string, values?: unknown[]): Promise<{ rows: Row[] }> };

/**
 * The households, `size` at a time, in the order PostgreSQL stores them, from one cursor: one read-only
 * snapshot for the whole export, memory flat. The next batch is fetched while the caller writes this one.
 */
export async function* householdsAsOf(em: EntityManager, filter: HouseholdsFilter, size = 250): AsyncGenerator<HouseholdAsOf[]> {
  const where = conditions(filter);
  if (!where) return;
  const knex = em.getConnection().getKnex();
  const query = knex
    .raw(
      `select b.household_id, b.version, b.created_at, b.form_id, b.form_version, b.state, h.island, h.prefecture, h.commune
        ${AS_OF} and ${where.sql}`,
      [filter.at, filter.at, ...where.bindings] as never[],
    )
    .toSQL()
    .toNative();
  const pool = knex.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<unknown> };
  const connection = await pool.acquireConnection();
  try {
    await connection.query("begin isolation level repeatable read read only");
    // Planned to read every row, not the first few fast: else PostgreSQL picks the lookups per household again.
    await connection.query("set local cursor_tuple_fraction = 1");
    await connection.query(`declare households_as_of no scroll cursor for ${query.sql}`, query.bindings as unknown[]);
    const fetch = () => {
      const rows = connection.query(`fetch ${size} from households_as_of`);
      // A caller that stops early (a cancelled export) leaves the batch fetched ahead unread.
      rows.catch(() => {});
      return rows;
    };
    let next = fetch();
    for (;;) {
      const { rows } = await next;
      if (!rows.length) break;
      next = fetch();
      yield rows.map((row) => ({
        id: row.household_id,
        version: row.version,
        changedAt: new Date(row.created_at),
        formId: row.form_id,
        formVersion: row.form_version,
        state: row.state,
        place: { island: row.island, prefecture: row.prefecture, commune: row.commune },
      }));
    }
  } finally {
    await connection.query("rollback").catch(() => {});
    await pool.releaseConnection(connection);
  }
}

/** How many households the export will hold. */
export async function countHouseholdsAsOf(em: EntityManager, filter: HouseholdsFilter): Promise<number> {
  const where = conditions(filter);
  if (!where) return 0;
  const [row] = await queryRows<{ n: number }>(em, `select count(*)::int as n ${AS_OF} and ${where.sql}`, [
    filter.at,
    filter.at,
    ...where.bindings,
  ]);
  return row!.n;
}

/** The filters and the requester's reach as SQL on `b` (the version) and `h` (the household); null: nothing reachable. */
export function conditions(filter: HouseholdsFilter): { sql: string; bindings: unknown[] } | null {
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
