import type { EntityManager } from "@mikro-orm/postgresql";
import { AREA_CODE, type HouseholdChangePage } from "../../schemas/contracts/api";
import { scopeCovers, type RoleScope } from "../auth/actor";
import { queryRows } from "../db/plain-sql";
import { Household, Individual } from "../entities";
import { problems } from "../problems";
import type { RedactorOf } from "../services/redaction";
import { currentHousehold } from "./households.repository";

/** Where a synchronisation stands: after the row (xid, id), with the filters it started with. */
export interface SyncPosition {
  /** The transaction id (xid8, as text) of the last row read; "0" before the first. */
  xid: string;
  /** The last row's id; the nil UUID before the first. */
  id: string;
  /** Only households changed at or after this instant (ISO), or all. */
  since: string | null;
  /** Only households of this island, prefecture or commune, or all the caller reaches. */
  area: string | null;
}

const START_ID = "00000000-0000-0000-0000-000000000000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function startPosition(since: Date | null, area: string | null): SyncPosition {
  return { xid: "0", id: START_ID, since: since?.toISOString() ?? null, area };
}

/** The cursor is the position in base64url JSON: opaque to partners, readable when a support call needs it. */
export function encodeCursor(position: SyncPosition): string {
  return Buffer.from(JSON.stringify([position.xid, position.id, position.since, position.area])).toString("base64url");
}

export function decodeCursor(cursor: string): SyncPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw problems.invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== 4) throw problems.invalidCursor();
  const [xid, id, since, area] = value as unknown[];
  const valid =
    typeof xid === "string" &&
    /^\d{1,20}$/.test(xid) &&
    typeof id === "string" &&
    UUID.test(id) &&
    (since === null || (typeof since === "string" && !Number.isNaN(Date.parse(since)))) &&
    (area === null || (typeof area === "string" && AREA_CODE.test(area)));
  if (!valid) throw problems.invalidCursor();
  return { xid, id, since, area } as SyncPosition;
}

/**
 * The next page of households changed after the position, in the order their changes were written, as
 * the caller's roles read them on screen (areas and redaction per role, #15). Only rows older than every
 * running transaction of this database are read (Migration20261208030000HouseholdChangeOrder,
 * Migration20261210400000OwnChangeHorizon): a change committed later always lands after the cursor, so a
 * partner that follows cursors never misses one nor reads one twice, and waits for no other database.
 */
export async function householdChanges(
  em: EntityManager,
  position: SyncPosition,
  scopes: readonly RoleScope[],
  redactorOf: RedactorOf,
  limit: number,
): Promise<HouseholdChangePage> {
  const where = [`h.change_xid < households_change_horizon()`, `(h.change_xid, h.id) > (?::xid8, ?::uuid)`];
  const bindings: unknown[] = [position.xid, position.id];
  if (position.since) {
    where.push(`h.updated_at >= ?`);
    bindings.push(position.since);
  }
  if (position.area) {
    where.push(`? in (h.island, h.prefecture, h.commune)`);
    bindings.push(position.area);
  }
  // A role reaching every household needs no condition; otherwise a row is read when one role reaches it.
  if (!scopes.some((scope) => scope.areas === null)) {
    const areas = [...new Set(scopes.flatMap((scope) => scope.areas ?? []))];
    where.push(`(h.island = any(?) or h.prefecture = any(?) or h.commune = any(?))`);
    bindings.push(areas, areas, areas);
  }
  const rows = await queryRows<{ id: string; xid: string }>(
    em,
    `select h.id, h.change_xid::text as xid from households h where ${where.join(" and ")} order by h.change_xid, h.id limit ?`,
    [...bindings, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = last ? { ...position, xid: last.xid, id: last.id } : position;
  const ids = page.map((row) => row.id);
  const households = new Map((await em.find(Household, { id: { $in: ids } })).map((h) => [h.id, h]));
  const members = new Map<string, Individual[]>();
  for (const member of await em.find(Individual, { household: { $in: ids } }, { orderBy: { lineNumber: "asc" } })) {
    members.set(member.household.id, [...(members.get(member.household.id) ?? []), member]);
  }
  return {
    items: ids.map((id) => {
      const household = households.get(id)!;
      const covering = scopes.filter((scope) => scopeCovers(scope, household));
      return currentHousehold(household, members.get(id) ?? [], redactorOf(covering));
    }),
    cursor: encodeCursor(next),
    more: rows.length > limit,
  };
}
