import type { EntityManager } from "@mikro-orm/postgresql";
import type { MatchScore } from "../../schemas/contracts/review";
import { searchKey } from "../../schemas/registry/search-key";
import { matchPerson, type MatchThresholds, type PersonToMatch } from "./match-person";

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
 * Checks a new household against existing ones before it is created (issue #6): a candidate is a
 * household where the incoming head matches a person (link or review zone) and that lies in the same
 * village, or the same commune when either village is unknown.
 *
 * Never "link": a second registration form for a household that exists is as often a household that
 * split (a son who set up his own home with his father's name) or moved as a duplicate, and merging two
 * households rewrites several people at once; a supervisor decides.
 */
export async function matchHousehold(em: EntityManager, head: PersonToMatch, place: HouseholdPlace, thresholds: MatchThresholds): Promise<HouseholdMatch> {
  const person = await matchPerson(em, head, { island: place.island, commune: place.commune }, thresholds);
  const likely = person.candidates.filter((c) => c.score.total >= thresholds.review);
  if (likely.length === 0) return { decision: "new", householdId: null, candidates: [] };
  const places = await em.getConnection().execute<{ id: string; commune: string | null; village: string | null }[]>(
    `select id, commune, village from households where id in (?)`,
    [likely.map((c) => c.householdId)],
    "all",
    em.getTransactionContext(),
  );
  const byId = new Map(places.map((h) => [h.id, h]));
  const candidates = likely
    .filter((c) => samePlace(place, byId.get(c.householdId)))
    .map(({ householdId, individualId, score }) => ({ householdId, individualId, score }));
  return { decision: candidates.length ? "review" : "new", householdId: candidates[0]?.householdId ?? null, candidates };
}

function samePlace(a: HouseholdPlace, b: { commune: string | null; village: string | null } | undefined): boolean {
  if (!b || !a.commune || a.commune !== b.commune) return false;
  if (!a.village || !b.village) return true;
  // Village names are typed by hand: compared without accents, case or punctuation.
  return searchKey(a.village) === searchKey(b.village);
}
