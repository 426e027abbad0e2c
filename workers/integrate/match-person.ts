import type { EntityManager } from "@mikro-orm/postgresql";
import type { MatchScore } from "../../schemas/contracts/review";
import { personKeys } from "../../schemas/registry/person-keys";
import { plausibleBirthDates, scorePair, type ComparablePerson } from "./match-score";

/** The incoming person's key fields, as `householdFromSubmission` builds them. */
export interface PersonToMatch {
  firstName: string | null;
  lastName: string | null;
  sex: string | null;
  /** ISO date (YYYY-MM-DD) or null. */
  birthDate: string | null;
  nin: string | null;
}

/** Where the incoming person lives: candidates are looked for on the same island (see the block comment below). */
export interface MatchArea {
  island: string | null;
  commune: string | null;
}

/** Total score at or above `link` → same person; at or above `review` → a supervisor decides; below → new. */
export interface MatchThresholds {
  link: number;
  review: number;
}

export interface MatchCandidate {
  individualId: string;
  householdId: string;
  /** The person the candidate record is (several records share one after a merge or a link). */
  personId: string;
  score: MatchScore;
}

export type MatchDecision = "link" | "review" | "new";

export interface PersonMatch {
  decision: MatchDecision;
  /** The best candidate (null when the decision is "new" and nobody came close). */
  individualId: string | null;
  householdId: string | null;
  personId: string | null;
  /** Best first, at most `MAX_CANDIDATES`, each with its explained score. */
  candidates: MatchCandidate[];
}

export interface MatchOptions {
  /**
   * Individuals of this household are not candidates: when an update re-submits a household, its own
   * members are matched by the pipeline (line number), and twins there must not match each other.
   */
  excludeHouseholdId?: string | null;
}

/** How many scored candidates a match keeps (for the review screen), best first. */
export const MAX_CANDIDATES = 5;
/** Rows scored from one block at most, the nearest names first (a block is rarely larger). */
const BLOCK_LIMIT = 50;
/** Candidates scoring below this are not worth showing to anyone. */
const CANDIDATE_FLOOR = 0.5;

/*
 * How candidates are found (issue #6). Every individual carries `block_key` (sorted phonetic keys of both
 * names, so swapped names share it) and `name_key` (schemas/registry/person-keys.ts).
 * 1. A NIN, when given, is looked up exactly, anywhere: a same-NIN candidate links whatever the area.
 * 2. And the block: same block_key, born the same year ± 1 (an age given instead of a date, or
 *    rounded, shifts the year by one), on the same island. Within those years only the dates that can
 *    add to the score are read (same month, day and month swapped, the same day a year off, placeholders
 *    such as 01-01: `plausibleBirthDates`), through the btree (block_key, birth_date): at 1,000,000
 *    individuals the block « Mohamed Said » born within three years held some 500 people, and reading
 *    them all made the p95 11 ms; a btree on (block_key, birth_year) cannot skip them.
 *    Same island rather than same commune: people move between the communes of their island, and commune
 *    codes are the answer clerks get wrong most; a move between islands is rarer (separate
 *    administrations) and is caught by the NIN. Without a birth date the block is the name key alone.
 * 3. When the block is empty, people born the very same day on the island whose normalised name is a
 *    trigram neighbour (`name_key % ?`, pg_trgm's default 0.3) are read through the btree on birth_date:
 *    this catches a typo that changed a consonant (outside the phonetic key). Not through the GIN index
 *    on name_key: at 27,000 individuals a `%` search over birth years took 100 ms (common trigrams such as
 *    "moh" or "sai" match a large share of the registry), against a 5 ms budget; the same-day
 *    neighbourhood is a few dozen rows. The GIN index serves searches by name (review screens).
 * Each candidate is then scored in TypeScript (match-score.ts, pg_trgm's similarity) so the score and its
 * explanation are one pure function, and the decision follows the configured thresholds.
 */

/**
 * Looks for the incoming person among the registry's individuals (issue #6) and decides link / review /
 * new. Runs only reads, on `em`'s connection and transaction, so the pipeline calls it inside its own
 * transaction (and sees rows it has written but not committed yet).
 */
export async function matchPerson(
  em: EntityManager,
  person: PersonToMatch,
  area: MatchArea,
  thresholds: MatchThresholds,
  options: MatchOptions = {},
): Promise<PersonMatch> {
  return (await matchPeople(em, [person], area, thresholds, options))[0]!;
}

/**
 * matchPerson for several people of one place at once (the new members of a household): the same
 * decisions, read in one round trip to PostgreSQL (two when some block is empty) instead of one to three
 * per person, which is most of what integrating a household costs.
 */
export async function matchPeople(
  em: EntityManager,
  people: PersonToMatch[],
  area: MatchArea,
  thresholds: MatchThresholds,
  options: MatchOptions = {},
): Promise<PersonMatch[]> {
  const found = await findCandidates(em, people, area, options);
  return people.map((person, i) => decideFor({ ...person, island: area.island, commune: area.commune }, found[i]!, thresholds));
}

function decideFor(incoming: ComparablePerson, rows: CandidateRow[], thresholds: MatchThresholds): PersonMatch {
  const scored = onePerPerson(
    rows
      .map((row) => ({ row, score: scorePair(incoming, row) }))
      .filter(({ score }) => score.total >= CANDIDATE_FLOOR)
      .sort((a, b) => b.score.total - a.score.total),
  ).slice(0, MAX_CANDIDATES);
  const candidates = scored.map(({ row, score }) => ({ individualId: row.id, householdId: row.householdId, personId: row.personId, score }));
  const best = candidates[0];
  return {
    decision: best ? decide(candidates, thresholds) : "new",
    individualId: best?.individualId ?? null,
    householdId: best?.householdId ?? null,
    personId: best?.personId ?? null,
    candidates,
  };
}

/**
 * A person merged by a supervisor has several records (one per household that registered them), all with
 * one person id: they are one candidate, at their best record's score, not homonyms making the match
 * ambiguous. Expects the rows best first.
 */
function onePerPerson<T extends { row: CandidateRow }>(sorted: T[]): T[] {
  const seen = new Set<string>();
  return sorted.filter(({ row }) => !seen.has(row.personId) && !!seen.add(row.personId));
}

/**
 * Link only when one candidate clears the link threshold on its own: two of them above it (homonyms in the
 * same block) or a NIN that contradicts the names' verdict go to a supervisor instead.
 */
function decide([best, second]: MatchCandidate[], thresholds: MatchThresholds): MatchDecision {
  const { total, components } = best!.score;
  if (total >= thresholds.link) {
    const ambiguous = second !== undefined && second.score.total >= thresholds.link && components.nin !== 1;
    return components.nin === 0 || ambiguous ? "review" : "link";
  }
  return total >= thresholds.review ? "review" : "new";
}

export interface CandidateRow extends ComparablePerson {
  id: string;
  householdId: string;
  personId: string;
}

const COLUMNS = `i.id, i.household_id as "householdId", i.person_id as "personId", i.first_name as "firstName", i.last_name as "lastName", i.sex,
    to_char(i.birth_date, 'YYYY-MM-DD') as "birthDate", i.nin, h.island, h.commune`;
const FROM = `from individuals i join households h on h.id = i.household_id`;

/** The members of some households, as candidates are read (matchHousehold compares them with the incoming members). */
export function membersOf(em: EntityManager, householdIds: string[]): Promise<CandidateRow[]> {
  if (!householdIds.length) return Promise.resolve([]);
  return em.getConnection().execute<CandidateRow[]>(`select ${COLUMNS} ${FROM} where i.household_id in (?)`, [householdIds], "all", em.getTransactionContext());
}

/** One SELECT of candidates for person number `tag`, nearest names first within a large block (« Mohamed Said » born within a year). */
interface Branch {
  sql: string;
  params: unknown[];
}

function branch(tag: number, where: string, params: unknown[], exclude: string | null, nameKey: string | null): Branch {
  return {
    sql: `(select ?::int as tag, ${COLUMNS} ${FROM} where ${where} and (?::uuid is null or i.household_id <> ?::uuid)
      order by similarity(coalesce(i.name_key, ''), ?) desc limit ${BLOCK_LIMIT})`,
    params: [tag, ...params, exclude, exclude, nameKey ?? ""],
  };
}

/** Runs the branches as one UNION ALL and hands each person's rows back by tag. */
async function runBranches(em: EntityManager, branches: Branch[], found: Map<string, CandidateRow>[]): Promise<void> {
  if (!branches.length) return;
  const rows = await em.getConnection().execute<(CandidateRow & { tag: number })[]>(
    branches.map((b) => b.sql).join(" union all "),
    branches.flatMap((b) => b.params),
    "all",
    em.getTransactionContext(),
  );
  for (const { tag, ...row } of rows) found[tag]!.set(row.id, row);
}

async function findCandidates(em: EntityManager, people: PersonToMatch[], area: MatchArea, options: MatchOptions): Promise<CandidateRow[][]> {
  const exclude = options.excludeHouseholdId ?? null;
  const found = people.map(() => new Map<string, CandidateRow>());
  const island = area.island ? `h.island = ?` : `true`;
  const islandParams = area.island ? [area.island] : [];
  const keys = people.map((person) => personKeys(person));
  const first: Branch[] = [];
  people.forEach((person, tag) => {
    const { blockKey, nameKey, birthYear } = keys[tag]!;
    if (person.nin) first.push(branch(tag, `i.nin = ?`, [person.nin], exclude, nameKey));
    if (!blockKey) return;
    const windows = person.birthDate && birthYear !== null ? plausibleBirthDates(person.birthDate) : [];
    const dates = windows.length ? `(${windows.map(() => `i.birth_date between ?::date and ?::date`).join(" or ")})` : `true`;
    first.push(branch(tag, `i.block_key = ? and ${dates} and ${island}`, [blockKey, ...windows.flat(), ...islandParams], exclude, nameKey));
  });
  await runBranches(em, first, found);
  // Only for the people whose NIN and block found nobody: the same-day trigram neighbours.
  const second: Branch[] = [];
  people.forEach((person, tag) => {
    const { blockKey, nameKey } = keys[tag]!;
    if (blockKey && nameKey && person.birthDate && found[tag]!.size === 0) {
      second.push(branch(tag, `i.birth_date = ?::date and i.name_key % ? and ${island}`, [person.birthDate, nameKey, ...islandParams], exclude, nameKey));
    }
  });
  await runBranches(em, second, found);
  return found.map((rows) => [...rows.values()]);
}
