import type { MatchScore } from "../contracts/review";
import { birthDateLevel } from "./birth-dates";
import { scoreOf, scorePair, type ComparablePerson, type PairScore } from "./match-score";
import type { Frequencies } from "./match-weights";
import { trigramSimilarity } from "./person-names";
import { searchKey } from "./search-key";

/**
 * The one rule set of person and household matching (issue #14), pure: which records are candidates
 * (`foundBy`, of which api/registry/matching/match-person.ts's statement is the indexed form), and what is
 * decided from their scores. The single lookup, a batch (its own new households searched in memory) and
 * review decisions all decide here, so they cannot disagree.
 */

/** Match probability at or above `link` → same person; at or above `review` → a supervisor decides; below → new. */
export interface MatchThresholds {
  link: number;
  review: number;
}

/** What a decision needs besides the records: the thresholds and the registry's frequencies. */
export interface MatchRules {
  thresholds: MatchThresholds;
  frequencies: Frequencies;
}

export type MatchDecision = "link" | "review" | "new";

/** A record the lookup found: the person it belongs to (several records share one after a merge or a link). */
export interface CandidateRow extends ComparablePerson {
  id: string;
  householdId: string;
  personId: string;
}

export interface MatchCandidate {
  individualId: string;
  householdId: string;
  personId: string;
  score: MatchScore;
  /** What this candidate alone would decide (verdictOf). */
  verdict: MatchDecision;
}

export interface PersonMatch {
  decision: MatchDecision;
  /** The best candidate (null when the decision is "new" and nobody came close). */
  individualId: string | null;
  householdId: string | null;
  personId: string | null;
  /** Best first, at most MAX_CANDIDATES, each with its explained score. */
  candidates: MatchCandidate[];
}

/** How many scored candidates a match keeps (for the review screen), best first. */
export const MAX_CANDIDATES = 5;
/** Candidates less likely than this are not worth showing to anyone. */
const CANDIDATE_FLOOR = 0.01;
/** pg_trgm's default similarity threshold (its `%`): names this close are neighbours. */
export const TRIGRAM_THRESHOLD = 0.3;

/** A person being looked for, with the keys of person-keys.ts, and a record with its own. */
export interface Searched {
  nin: string | null;
  birthDate: string | null;
  birthYear: number | null;
  blockKey: string | null;
  nameKey: string | null;
}

/**
 * How a record becomes a candidate for a person looked for on `island` (null: anywhere):
 * - `nin`: the same NIN, anywhere;
 * - `block`: the same block key (both names' phonetic keys, sorted) on the island, born on a plausible day
 *   (a level other than `different`: birth-dates.ts), or any day when the person's birth date is unknown;
 * - `neighbour`: born the same day on the island with a trigram-neighbour normalised name (a typo that
 *   changed a consonant). Neighbours count only when nothing was found otherwise (candidateRows).
 */
export type FoundBy = "nin" | "block" | "neighbour";

export function foundBy(person: Searched, island: string | null, row: Searched & { island: string | null }): FoundBy | null {
  if (person.nin && row.nin === person.nin) return "nin";
  if (island && row.island !== island) return null;
  if (!person.blockKey || !row.birthDate) return null;
  const dated = person.birthDate !== null && person.birthYear !== null;
  if (row.blockKey === person.blockKey && (!dated || birthDateLevel(person.birthDate!, row.birthDate) !== "different")) return "block";
  const neighbour =
    person.nameKey &&
    row.nameKey &&
    row.birthDate === person.birthDate &&
    trigramSimilarity(row.nameKey, person.nameKey) >= TRIGRAM_THRESHOLD;
  return neighbour ? "neighbour" : null;
}

/** The candidates among rows found for one person, wherever found: neighbours only when no NIN or block found anyone. */
export function candidateRows<T extends { foundBy: FoundBy }>(rows: T[]): T[] {
  return rows.some((r) => r.foundBy !== "neighbour") ? rows.filter((r) => r.foundBy !== "neighbour") : rows;
}

/**
 * What one candidate alone decides: the thresholds on its probability, then guards that keep doubt with a
 * supervisor. A link needs the same names (once normalised) and birth date, or the same NIN (a typo, a year
 * off, names swapped or NINs that differ are for a person to judge); a same NIN is never a new person (one NIN, one person); an
 * unlike first name is another person (twins share their birth date and their father's name, not their own).
 */
export function verdictOf(score: Pick<PairScore, "total" | "levels">, thresholds: MatchThresholds): MatchDecision {
  const { levels, total } = score;
  const verdict: MatchDecision = total >= thresholds.link ? "link" : total >= thresholds.review ? "review" : "new";
  if (levels.nin === "same") return verdict === "new" ? "review" : verdict;
  if (levels.firstName === "different") return "new";
  const exact = levels.firstName === "exact" && levels.lastName === "exact" && levels.birthDate === "exact";
  if (verdict === "link" && (levels.nin === "different" || levels.swapped || !exact)) return "review";
  return verdict;
}

/** The decision on `incoming` given its candidate records (from the registry, and from a batch's own new households). */
export function decideMatch(incoming: ComparablePerson, rows: CandidateRow[], { thresholds, frequencies }: MatchRules): PersonMatch {
  const scored = onePerPerson(
    rows
      .map((row) => ({ row, score: scoreOf(incoming, row, frequencies) }))
      .map((s) => ({ ...s, verdict: verdictOf(s.score, thresholds) }))
      .filter(({ score, verdict }) => score.total >= CANDIDATE_FLOOR || verdict !== "new")
      .sort((a, b) => b.score.weight - a.score.weight || (a.row.id < b.row.id ? -1 : 1)),
  ).slice(0, MAX_CANDIDATES);
  // Only the candidates kept are explained in words.
  const candidates = scored.map(({ row, verdict }) => ({
    individualId: row.id,
    householdId: row.householdId,
    personId: row.personId,
    score: scorePair(incoming, row, frequencies),
    verdict,
  }));
  const [best, second] = scored;
  // Two people at link level (homonyms) leave the choice to a supervisor, unless the NIN settles it.
  const ambiguous =
    best?.verdict === "link" && second !== undefined && second.score.total >= thresholds.link && best.score.levels.nin !== "same";
  return {
    decision: best ? (ambiguous ? "review" : best.verdict) : "new",
    individualId: best?.row.id ?? null,
    householdId: best?.row.householdId ?? null,
    personId: best?.row.personId ?? null,
    candidates,
  };
}

/**
 * What becomes of a new member of household `householdId` given its match (issue #14). A person is a current
 * member of one household: a link to someone who lives in another household is a move ("move", for a
 * supervisor, never silent: the same names and birth date are often a homonym, and a move takes a member
 * from another household); a link that names nobody's household (a person a decision just moved out,
 * `householdId` null) or this one joins that person; a doubt is a "review"; otherwise a new person.
 */
export type Placement = "join" | "move" | "review" | "new";

export function placementOf(match: Pick<PersonMatch, "decision" | "personId" | "householdId">, householdId: string): Placement {
  if (match.decision === "link" && match.personId) return match.householdId === null || match.householdId === householdId ? "join" : "move";
  return match.decision === "review" ? "review" : "new";
}

/**
 * Records of one person are one candidate, at their best record's score, not homonyms making the match
 * ambiguous. Since issue #14 the registry holds one record per person (individuals_person_unique): a guard.
 */
function onePerPerson<T extends { row: CandidateRow }>(sorted: T[]): T[] {
  const seen = new Set<string>();
  return sorted.filter(({ row }) => !seen.has(row.personId) && !!seen.add(row.personId));
}

/** Where a new household says it lives. */
export interface HouseholdPlace {
  island: string | null;
  commune: string | null;
  village: string | null;
}

/** An existing household as the household rule compares it: where it is and who lives there. */
export interface NearbyHousehold {
  commune: string | null;
  village: string | null;
  members: CandidateRow[];
}

export interface HouseholdMatch {
  /** "review": an existing household has the same head in the same place; "new": none does. */
  decision: "review" | "new";
  householdId: string | null;
  /** The head's candidates that live in the same place, best first. */
  candidates: { householdId: string; individualId: string; score: MatchScore }[];
}

/**
 * A new household is a probable duplicate of an existing one in the same village (or commune, when either
 * village is unknown; anywhere when the head's NIN matches) where the incoming head matches a person (link or review verdict) and a second incoming
 * member matches another of its members; a household of one needs its head at link level. The head alone
 * is not enough: « Mohamed Said » born the same year has homonyms in a large village, and the head is still
 * matched as a person when the household is created. Never "link": a second form for a household is as often
 * a household that split or moved; a supervisor decides.
 */
export function decideHousehold(
  head: PersonMatch,
  others: Omit<ComparablePerson, "island" | "commune">[],
  place: HouseholdPlace,
  nearby: Pick<ReadonlyMap<string, NearbyHousehold>, "get">,
  rules: MatchRules,
): HouseholdMatch {
  const confirmed = likelyHouseholds(head, others).filter((c) => {
    const household = nearby.get(c.householdId);
    // The same NIN finds the household wherever it was registered (issue #14): commune codes are often wrong.
    if (!household || (c.score.components.nin !== 1 && !samePlace(place, household))) return false;
    if (!others.length) return true;
    return household.members.some(
      (m) =>
        m.id !== c.individualId &&
        others.some(
          (o) =>
            verdictOf(scoreOf({ ...o, island: place.island, commune: place.commune }, m, rules.frequencies), rules.thresholds) !== "new",
        ),
    );
  });
  const candidates = confirmed.map(({ householdId, individualId, score }) => ({ householdId, individualId, score }));
  return candidates.length ? { decision: "review", householdId: candidates[0]!.householdId, candidates } : NO_MATCH;
}

/** The head's candidates whose households the household rule looks at (a batch reads them all at once). */
export function likelyHouseholds(head: PersonMatch, others: unknown[]): MatchCandidate[] {
  return head.candidates.filter((c) => (others.length ? c.verdict !== "new" : c.verdict === "link"));
}

const NO_MATCH: HouseholdMatch = { decision: "new", householdId: null, candidates: [] };

function samePlace(a: HouseholdPlace, b: { commune: string | null; village: string | null }): boolean {
  if (!a.commune || a.commune !== b.commune) return false;
  if (!a.village || !b.village) return true;
  // Village names are typed by hand: compared without accents, case or punctuation.
  return searchKey(a.village) === searchKey(b.village);
}
