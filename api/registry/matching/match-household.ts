import type { EntityManager } from "@mikro-orm/postgresql";
import {
  decideHousehold,
  likelyHouseholds,
  type HouseholdMatch,
  type HouseholdPlace,
  type MatchThresholds,
  type NearbyHousehold,
} from "../../../schemas/registry/match-decision";
import { matchPerson, membersOf, type PersonToMatch } from "./match-person";
import { nameFrequencies } from "./name-frequencies";

/**
 * Checks a new household against existing ones before it is created (issue #6): the head is matched as a
 * person, the households of the head's likely candidates are read, and the household rule decides
 * (decideHousehold, schemas/registry/match-decision.ts). A batch of new households makes the same decision
 * from the lookups it made for all its members at once (new-households.ts).
 */
export async function matchHousehold(
  em: EntityManager,
  head: PersonToMatch,
  others: PersonToMatch[],
  place: HouseholdPlace,
  thresholds: MatchThresholds,
): Promise<HouseholdMatch> {
  const person = await matchPerson(em, head, { island: place.island, commune: place.commune }, thresholds);
  const nearby = await readNearbyHouseholds(
    em,
    likelyHouseholds(person, others).map((c) => c.householdId),
  );
  return decideHousehold(person, others, place, nearby, { thresholds, frequencies: await nameFrequencies(em) });
}

/** Reads those households (a batch reads those of all its heads at once). */
export async function readNearbyHouseholds(em: EntityManager, householdIds: string[]): Promise<Map<string, NearbyHousehold>> {
  const nearby = new Map<string, NearbyHousehold>();
  for (const { village, ...member } of await membersOf(em, [...new Set(householdIds)])) {
    const household = nearby.get(member.householdId) ?? { commune: member.commune, village, members: [] };
    household.members.push(member);
    nearby.set(member.householdId, household);
  }
  return nearby;
}
