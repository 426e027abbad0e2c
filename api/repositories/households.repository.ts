import type { EntityManager, FilterQuery } from "@mikro-orm/postgresql";
import type { HouseholdPage } from "../../schemas/contracts/api";
import { INDIVIDUAL_KEY_VARIABLES as KEY } from "../../schemas/contracts/registry";
import { searchKey } from "../../schemas/registry/search-key";
import { Household, Individual } from "../entities";
import { mayReadHeadName, type Redactor } from "../services/redaction";
import type { HouseholdState } from "../registry/households/household-state";

export interface HouseholdFilter {
  commune?: string;
  /** Part of the head's name, in any case, with or without accents. */
  q?: string;
  /** Island, prefecture or commune codes the caller is limited to; undefined for no limit. */
  areas?: string[];
  limit: number;
  offset: number;
}

export async function listHouseholds(em: EntityManager, filter: HouseholdFilter, redactor: Redactor): Promise<HouseholdPage> {
  const where: FilterQuery<Household>[] = [];
  if (filter.commune) where.push({ commune: filter.commune });
  const key = filter.q && mayReadHeadName(redactor) ? searchKey(filter.q) : "";
  if (key) where.push({ searchName: { $like: `%${escapeLike(key)}%` } });
  if (filter.areas) {
    const areas = filter.areas;
    where.push({ $or: [{ island: { $in: areas } }, { prefecture: { $in: areas } }, { commune: { $in: areas } }] });
  }
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
  const headName = mayReadHeadName(redactor);
  return {
    total,
    items: rows.map((h) => ({
      id: h.id,
      island: h.island ?? null,
      prefecture: h.prefecture ?? null,
      commune: h.commune ?? null,
      village: h.village ?? null,
      headName: headName ? (h.headName ?? null) : null,
      memberCount: counts.get(h.id) ?? 0,
      createdAt: h.createdAt.toISOString(),
    })),
  };
}

export async function findHousehold(em: EntityManager, id: string) {
  return em.findOne(Household, id);
}

export async function householdWithMembers(em: EntityManager, household: Household, redactor: Redactor) {
  const members = await em.find(Individual, { household: household.id }, { orderBy: { lineNumber: "asc" } });
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
