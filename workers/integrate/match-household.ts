import type { EntityManager } from "@mikro-orm/postgresql";
import type { MatchScore } from "../../schemas/contracts/review";
import { searchKey } from "../../schemas/registry/search-key";
import { matchPerson, membersOf, type MatchCandidate, type MatchThresholds, type PersonToMatch } from "./match-person";
import { scorePair } from "./match-score";

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
 * household in the same village (or the same commune when either village is unknown) where
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
 */
export async function matchHousehold(
  em: EntityManager,
  head: PersonToMatch,
  others: PersonToMatch[],
  place: HouseholdPlace,
  thresholds: MatchThresholds,
): Promise<HouseholdMatch> {
  const person = await matchPerson(em, head, { island: place.island, commune: place.commune }, thresholds);
  const likely = person.candidates.filter((c) => c.score.total >= (others.length ? thresholds.review : thresholds.link));
  if (likely.length === 0) return NO_MATCH;
  const places = await em.getConnection().execute<{ id: string; commune: string | null; village: string | null }[]>(
    `select id, commune, village from households where id in (?)`,
    [likely.map((c) => c.householdId)],
    "all",
    em.getTransactionContext(),
  );
  const byId = new Map(places.map((h) => [h.id, h]));
  const nearby = likely.filter((c) => samePlace(place, byId.get(c.householdId)));
  if (!nearby.length) return NO_MATCH;
  const confirmed = others.length ? await withSecondMember(em, nearby, others, place, thresholds) : nearby;
  const candidates = confirmed.map(({ householdId, individualId, score }) => ({ householdId, individualId, score }));
  return candidates.length ? { decision: "review", householdId: candidates[0]!.householdId, candidates } : NO_MATCH;
}

const NO_MATCH: HouseholdMatch = { decision: "new", householdId: null, candidates: [] };

/** The head's candidates whose household also holds one of the other incoming members. */
async function withSecondMember(em: EntityManager, heads: MatchCandidate[], others: PersonToMatch[], place: HouseholdPlace, thresholds: MatchThresholds) {
  const members = await membersOf(em, heads.map((c) => c.householdId));
  const area = { island: place.island, commune: place.commune };
  return heads.filter((head) =>
    members.some((m) => m.householdId === head.householdId && m.id !== head.individualId && others.some((o) => scorePair({ ...o, ...area }, m).total >= thresholds.review)),
  );
}

function samePlace(a: HouseholdPlace, b: { commune: string | null; village: string | null } | undefined): boolean {
  if (!b || !a.commune || a.commune !== b.commune) return false;
  if (!a.village || !b.village) return true;
  // Village names are typed by hand: compared without accents, case or punctuation.
  return searchKey(a.village) === searchKey(b.village);
}
