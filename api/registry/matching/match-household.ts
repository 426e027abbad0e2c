import type { EntityManager } from "@mikro-orm/postgresql";
import type { MatchScore } from "../../../schemas/contracts/review";
import { searchKey } from "../../../schemas/registry/search-key";
import {
  matchPerson,
  membersOf,
  type CandidateRow,
  type MatchCandidate,
  type MatchThresholds,
  type PersonMatch,
  type PersonToMatch,
} from "./match-person";
import { scoreOf } from "../../../schemas/registry/match-score";

/** Where the new household says it lives. */
export interface HouseholdPlace {
  island: string | null;
  commune: string | null;
  village: string | null;
}

export interface HouseholdMatch {
  /** "review": an existing household has the same head in the same place; "new": none does. */
  decision: "review" | "new";
  householdId: string | null;
  /** The head's candidates that live in the same place, best first. */
  candidates: { householdId: string; individualId: string; score: MatchScore }[];
}

/**
 * Checks a new household against existing ones before it is created (issue #6). A candidate is a
 * household in the same village (or the same commune when either village is unknown; anywhere when the
 * head's NIN matches, issue #14) where
 * - the incoming head matches a person (link or review zone), and
 * - a second incoming member matches another of its members (review zone or above); a household of
 *   one person needs its head matched at link level instead.
 * The head alone is not enough: in a village of a few thousand people, « Mohamed Said » born the same
 * year has homonyms, and every new household of his would wait for a supervisor. A head matched without
 * a second member is still matched as a person when the household is created (a duplicate_person item
 * or a link), so no doubt is lost.
 *
 * Never "link": a second registration form for a household that exists is as often a household that
 * split (a son who set up his own home with his father's name) or moved as a duplicate, and merging two
 * households rewrites several people at once; a supervisor decides.
 *
 * A batch of new households makes the same decision with decideHousehold, from the lookups it made for
 * all its members at once (new-households.ts).
 */
export async function matchHousehold(
  em: EntityManager,
  head: PersonToMatch,
  others: PersonToMatch[],
  place: HouseholdPlace,
  thresholds: MatchThresholds,
): Promise<HouseholdMatch> {
  const person = await matchPerson(em, head, { island: place.island, commune: place.commune }, thresholds);
  const nearby = await readNearbyHouseholds(em, likelyHouseholds(person, others, thresholds));
  return decideHousehold(person, others, place, nearby, thresholds);
}

/** An existing household as matchHousehold compares it: where it is and who lives there. */
export interface NearbyHousehold {
  commune: string | null;
  village: string | null;
  members: CandidateRow[];
}

/** The households whose members the decision needs: those of the head's candidates close enough to count. */
export function likelyHouseholds(head: PersonMatch, others: PersonToMatch[], thresholds: MatchThresholds): string[] {
  return likely(head, others, thresholds).map((c) => c.householdId);
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

/** The decision, from the head's match and the candidate households (`nearby` may hold more than those). */
export function decideHousehold(
  head: PersonMatch,
  others: PersonToMatch[],
  place: HouseholdPlace,
  nearby: Pick<ReadonlyMap<string, NearbyHousehold>, "get">,
  thresholds: MatchThresholds,
): HouseholdMatch {
  const area = { island: place.island, commune: place.commune };
  const confirmed = likely(head, others, thresholds).filter((c) => {
    const household = nearby.get(c.householdId);
    // The same NIN finds the household wherever it was registered (issue #14): commune codes are often wrong.
    if (!household || (c.score.components.nin !== 1 && !samePlace(place, household))) return false;
    // A household of one: the head's link-level match stands alone (likely() asked for it).
    if (!others.length) return true;
    return household.members.some(
      (m) => m.id !== c.individualId && others.some((o) => scoreOf({ ...o, ...area }, m).total >= thresholds.review),
    );
  });
  const candidates = confirmed.map(({ householdId, individualId, score }) => ({ householdId, individualId, score }));
  return candidates.length ? { decision: "review", householdId: candidates[0]!.householdId, candidates } : NO_MATCH;
}

function likely(head: PersonMatch, others: PersonToMatch[], thresholds: MatchThresholds): MatchCandidate[] {
  return head.candidates.filter((c) => c.score.total >= (others.length ? thresholds.review : thresholds.link));
}

const NO_MATCH: HouseholdMatch = { decision: "new", householdId: null, candidates: [] };

function samePlace(a: HouseholdPlace, b: { commune: string | null; village: string | null }): boolean {
  if (!a.commune || a.commune !== b.commune) return false;
  if (!a.village || !b.village) return true;
  // Village names are typed by hand: compared without accents, case or punctuation.
  return searchKey(a.village) === searchKey(b.village);
}
