import type { EntityManager } from "@mikro-orm/postgresql";
import { searchKey } from "../../schemas/registry/search-key";
import { Household, Individual } from "../entities";

export interface HouseholdFilter {
  commune?: string;
  /** Part of the head's name, in any case, with or without accents. */
  q?: string;
  limit: number;
  offset: number;
}

export interface HouseholdListItem {
  id: string;
  island: string | null;
  prefecture: string | null;
  commune: string | null;
  village: string | null;
  headName: string | null;
  memberCount: number;
  createdAt: string;
}

export async function listHouseholds(em: EntityManager, filter: HouseholdFilter): Promise<{ items: HouseholdListItem[]; total: number }> {
  const where: Record<string, unknown> = {};
  if (filter.commune) where.commune = filter.commune;
  const key = filter.q ? searchKey(filter.q) : "";
  if (key) where.searchName = { $like: `%${escapeLike(key)}%` };
  const [rows, total] = await em.findAndCount(Household, where, {
    orderBy: { createdAt: "desc", id: "asc" },
    limit: filter.limit,
    offset: filter.offset,
  });
  const counts = await memberCounts(em, rows.map((h) => h.id));
  return {
    total,
    items: rows.map((h) => ({
      id: h.id,
      island: h.island ?? null,
      prefecture: h.prefecture ?? null,
      commune: h.commune ?? null,
      village: h.village ?? null,
      headName: h.headName ?? null,
      memberCount: counts.get(h.id) ?? 0,
      createdAt: h.createdAt.toISOString(),
    })),
  };
}

export async function findHouseholdWithMembers(em: EntityManager, id: string) {
  const household = await em.findOne(Household, id);
  if (!household) return null;
  const members = await em.find(Individual, { household: id }, { orderBy: { lineNumber: "asc" } });
  return {
    id: household.id,
    island: household.island ?? null,
    prefecture: household.prefecture ?? null,
    commune: household.commune ?? null,
    village: household.village ?? null,
    headName: household.headName ?? null,
    attributes: household.attributes,
    sourceSubmissionId: household.sourceSubmissionId,
    createdAt: household.createdAt.toISOString(),
    updatedAt: household.updatedAt.toISOString(),
    members: members.map((m) => ({
      id: m.id,
      lineNumber: m.lineNumber,
      firstName: m.firstName ?? null,
      lastName: m.lastName ?? null,
      sex: m.sex ?? null,
      birthDate: m.birthDate ?? null,
      nin: m.nin ?? null,
      relationToHead: m.relationToHead ?? null,
      attributes: m.attributes,
    })),
  };
}

async function memberCounts(em: EntityManager, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows: { household_id: string; n: string }[] = await em.getConnection().execute(
    `select household_id, count(*) as n from individuals where household_id = any(?) group by household_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.household_id, Number(r.n)]));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
