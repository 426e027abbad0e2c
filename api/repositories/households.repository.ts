import type { EntityManager, FilterQuery } from "@mikro-orm/postgresql";
import type { HouseholdPage } from "../../schemas/contracts/api";
import { INDIVIDUAL_KEY_VARIABLES as KEY } from "../../schemas/contracts/registry";
import { searchKey } from "../../schemas/registry/search-key";
import { Household, Individual } from "../entities";
import { scopeCovers, type RoleScope } from "../auth/actor";
import { mayReadHeadName, type Redactor, type RedactorOf } from "../services/redaction";
import type { HouseholdState } from "../registry/households/household-state";

export interface HouseholdFilter {
  commune?: string;
  /** Part of the head's name, in any case, with or without accents. */
  q?: string;
  /** The caller's roles that may read households: a row is listed when one of them reaches it. */
  scopes: readonly RoleScope[];
  limit: number;
  offset: number;
}

/**
 * A page of households: the union, over the caller's roles, of the rows each reaches with its own areas;
 * each row shown as the union of what the roles reaching it may read (#15). A name search looks only where
 * a role may read names, so a hidden name never decides whether a row is listed.
 */
export async function listHouseholds(em: EntityManager, filter: HouseholdFilter, redactorOf: RedactorOf): Promise<HouseholdPage> {
  // A household whose import was undone stays for its history only.
  const where: FilterQuery<Household>[] = [{ withdrawnAt: null }];
  if (filter.commune) where.push({ commune: filter.commune });
  const key = filter.q ? searchKey(filter.q) : "";
  const reach = filter.scopes.filter((scope) => !key || mayReadHeadName(redactorOf([scope]))).map((scope) => scopeWhere(scope, key));
  if (!reach.length) return { total: 0, items: [] };
  // A role reaching every row needs no condition (MikroORM drops an empty branch of an $or rather than matching all).
  if (!reach.some((branch) => branch === null)) where.push({ $or: reach as FilterQuery<Household>[] });
  const [rows, total] = await em.findAndCount(
    Household,
    { $and: where },
    {
      orderBy: { createdAt: "desc", id: "asc" },
      limit: filter.limit,
      offset: filter.offset,
    },
  );
  const counts = await memberCounts(
    em,
    rows.map((h) => h.id),
  );
  return {
    total,
    items: rows.map((h) => ({
      id: h.id,
      island: h.island ?? null,
      prefecture: h.prefecture ?? null,
      commune: h.commune ?? null,
      village: h.village ?? null,
      headName: mayReadHeadName(redactorOf(filter.scopes.filter((scope) => scopeCovers(scope, h)))) ? (h.headName ?? null) : null,
      memberCount: counts.get(h.id) ?? 0,
      createdAt: h.createdAt.toISOString(),
    })),
  };
}

/** The rows one role reaches: its areas, and the name searched when given; null for every row. */
function scopeWhere(scope: RoleScope, key: string): FilterQuery<Household> | null {
  const where: FilterQuery<Household>[] = [];
  if (key) where.push({ searchName: { $like: `%${escapeLike(key)}%` } });
  const areas = scope.areas ? [...scope.areas] : null;
  if (areas) where.push({ $or: [{ island: { $in: areas } }, { prefecture: { $in: areas } }, { commune: { $in: areas } }] });
  return where.length ? { $and: where } : null;
}

export async function findHousehold(em: EntityManager, id: string) {
  return em.findOne(Household, id);
}

export async function householdWithMembers(em: EntityManager, household: Household, redactor: Redactor) {
  const members = await em.find(Individual, { household: household.id }, { orderBy: { lineNumber: "asc" } });
  return currentHousehold(household, members, redactor);
}

/** The household's current state, as the screens show it to this redactor; members in line order. */
export function currentHousehold(household: Household, members: MemberRow[], redactor: Redactor) {
  return { ...detailOf(household, household, members, redactor), version: household.version };
}

/** The household as one of its versions recorded it (GET /api/households/:id?at=…), same shape as today's. */
export function pastHousehold(household: Household, past: { version: number; state: HouseholdState }, redactor: Redactor) {
  return { ...detailOf(household, past.state, past.state.members, redactor), version: past.version };
}

type MemberRow = Pick<
  Individual,
  "id" | "lineNumber" | "firstName" | "lastName" | "sex" | "birthDate" | "nin" | "relationToHead" | "attributes"
>;
type PlaceRow = Pick<HouseholdState, "island" | "prefecture" | "commune" | "village" | "headName" | "attributes">;

function detailOf(
  household: Household,
  place: { [K in keyof PlaceRow]?: PlaceRow[K] | null | undefined },
  members: MemberRow[],
  redactor: Redactor,
) {
  return {
    id: household.id,
    island: place.island ?? null,
    prefecture: place.prefecture ?? null,
    commune: place.commune ?? null,
    village: place.village ?? null,
    headName: mayReadHeadName(redactor) ? (place.headName ?? null) : null,
    attributes: redactor.attributes(place.attributes ?? {}),
    sourceSubmissionId: household.sourceSubmissionId,
    createdAt: household.createdAt.toISOString(),
    updatedAt: household.updatedAt.toISOString(),
    // An undone import's household stays readable (its history is the record) but says it left the registry,
    // so a partner's synchronised copy drops it instead of keeping it forever (issue #19).
    withdrawnAt: household.withdrawnAt?.toISOString() ?? null,
    members: members.map((m) => ({
      id: m.id,
      lineNumber: m.lineNumber,
      firstName: redactor.value(KEY.firstName, m.firstName ?? null),
      lastName: redactor.value(KEY.lastName, m.lastName ?? null),
      sex: redactor.value(KEY.sex, m.sex ?? null),
      birthDate: redactor.value(KEY.birthDate, m.birthDate ?? null),
      nin: redactor.value(KEY.nin, m.nin ?? null),
      relationToHead: redactor.value(KEY.relationToHead, m.relationToHead ?? null),
      attributes: redactor.attributes(m.attributes),
    })),
  };
}

async function memberCounts(em: EntityManager, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows: { household_id: string; n: string }[] = await em
    .getConnection()
    .execute(`select household_id, count(*) as n from individuals where household_id in (?) group by household_id`, [ids]);
  return new Map(rows.map((r) => [r.household_id, Number(r.n)]));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
