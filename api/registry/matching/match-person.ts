import type { EntityManager } from "@mikro-orm/postgresql";
import { personKeys, type PersonKeys } from "../../../schemas/registry/person-keys";
import { preparedRows } from "../../db/plain-sql";
import { plausibleBirthDates } from "../../../schemas/registry/birth-dates";
import {
  candidateRows,
  decideMatch,
  TRIGRAM_THRESHOLD,
  type CandidateRow,
  type FoundBy,
  type MatchThresholds,
  type PersonMatch,
} from "../../../schemas/registry/match-decision";
import { nameFrequencies } from "./name-frequencies";

export type { MatchThresholds, PersonMatch } from "../../../schemas/registry/match-decision";

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

export interface MatchOptions {
  /**
   * Individuals of this household are not candidates: when an update re-submits a household, its own
   * members are matched by the pipeline (line number), and twins there must not match each other.
   */
  excludeHouseholdId?: string | null;
}

/** Rows scored from one block at most, the nearest names first (a block is rarely larger). */
const BLOCK_LIMIT = 50;

/*
 * How candidates are found (issue #6): the rules are `foundBy` (schemas/registry/match-decision.ts), which a
 * batch applies in memory to its own new households; this statement is their indexed form, and each row
 * says which rule found it. Every individual carries `block_key` (sorted phonetic keys of both
 * names, so swapped names share it) and `name_key` (schemas/registry/person-keys.ts).
 * 1. A NIN, when given, is looked up exactly, anywhere: a same-NIN candidate links whatever the area.
 * 2. And the block: same block_key, born the same year ± 1 (an age given instead of a date, or
 *    rounded, shifts the year by one), on the same island. Within those years only the dates that can
 *    add to the score are read (same month, day and month swapped, the same day a year off, placeholders
 *    such as 01-01: `plausibleBirthDates`), through the btree (block_key, birth_date, island): at 1,000,000
 *    individuals the block « Mohamed Said » born within three years held some 500 people, and reading
 *    them all made the p95 11 ms; a btree on (block_key, birth_year) cannot skip them.
 *    Same island rather than same commune: people move between the communes of their island, and commune
 *    codes are the answer clerks get wrong most; a move between islands is rarer (separate
 *    administrations) and is caught by the NIN. Without a birth date the block is the name key alone.
 * 3. When the block is empty, people born the very same day on the island whose normalised name is a
 *    trigram neighbour (similarity ≥ 0.3, pg_trgm's default for `%`) are read through the btree (birth_date, island):
 *    this catches a typo that changed a consonant (outside the phonetic key). Not through the GIN index
 *    on name_key: at 27,000 individuals a `%` search over birth years took 100 ms (common trigrams such as
 *    "moh" or "sai" match a large share of the registry), against a 5 ms budget; the same-day
 *    neighbourhood is a few dozen rows. The GIN index serves searches by name (review screens).
 * Each candidate is then scored and decided in TypeScript (match-score.ts, match-decision.ts), one pure
 * rule set for every path.
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
 * decisions, read in one round trip to PostgreSQL (findCandidates).
 */
export async function matchPeople(
  em: EntityManager,
  people: PersonToMatch[],
  area: MatchArea,
  thresholds: MatchThresholds,
  options: MatchOptions = {},
): Promise<PersonMatch[]> {
  const found = await findCandidates(
    em,
    people.map((person) => ({ person, area, excludeHouseholdId: options.excludeHouseholdId ?? null })),
  );
  const rules = { thresholds, frequencies: await nameFrequencies(em) };
  return people.map((person, i) => decideMatch({ ...person, ...area }, candidateRows(found[i]!), rules));
}

/** One person to look for, where, and which household's members are not candidates (MatchOptions). */
export interface CandidateSearch {
  person: PersonToMatch;
  area: MatchArea;
  excludeHouseholdId: string | null;
}

const COLUMNS = `i.id, i.household_id as "householdId", i.person_id as "personId", i.first_name as "firstName", i.last_name as "lastName", i.sex,
    to_char(i.birth_date, 'YYYY-MM-DD') as "birthDate", i.nin, i.island, i.commune`;

/** The members of some households, as candidates are read (matchHousehold compares them with the incoming members). */
export function membersOf(em: EntityManager, householdIds: string[]): Promise<(CandidateRow & { village: string | null })[]> {
  if (!householdIds.length) return Promise.resolve([]);
  return em
    .getConnection()
    .execute(
      `select ${COLUMNS}, h.village from individuals i join households h on h.id = i.household_id where i.household_id in (?)`,
      [householdIds],
      "all",
      em.getTransactionContext(),
    );
}

/** The people searched for, as a relation: one row each, numbered by `tag`, read from one JSON parameter. */
const SEARCHED = `searched as materialized (select * from json_to_recordset($1::json)
  as p(tag int, nin text, block_key text, name_key text, island text, exclude uuid, born date, lo date, hi date, days date[]))`;

/**
 * Where candidates may live: on the incoming person's island, an index key of both lookups (individuals
 * carry their household's place); or anywhere, for people whose household gives no island, for whom
 * the same lookups read every island's part of the index.
 */
type Reach = "island" | "anywhere";

/** Within one person's candidates: not of the excluded household, nearest names first, at most BLOCK_LIMIT. */
const NEAREST = `and (p.exclude is null or i.household_id <> p.exclude)
  order by similarity(coalesce(i.name_key, ''), coalesce(p.name_key, '')) desc limit ${BLOCK_LIMIT}`;

/**
 * 1 and 2 (above). Same NIN anywhere, and the block on the island born within the month (all dates
 *    without one) or on one of the other plausible days. Range and days are two branches, each of at most
 *    BLOCK_LIMIT rows, so that each is one condition on the btree (block_key, birth_date, island): OR-ed
 *    together in one statement for many people, PostgreSQL read the whole block (80 ms for 100 people, 3 ms now).
 */
function byNinAndBlock(onIsland: string): string {
  return `
  select p.tag, 'nin' as "foundBy", c.* from searched p cross join lateral (
    select ${COLUMNS} from individuals i where i.nin = p.nin ${NEAREST}) c
  where p.nin is not null
  union all
  select p.tag, 'block' as "foundBy", c.* from searched p cross join lateral (
    select ${COLUMNS} from individuals i where i.block_key = p.block_key ${onIsland} and i.birth_date between p.lo and p.hi ${NEAREST}) c
  where p.block_key is not null
  union all
  select p.tag, 'block' as "foundBy", c.* from searched p cross join lateral (
    select ${COLUMNS} from individuals i where i.block_key = p.block_key ${onIsland} and i.birth_date = any(p.days) ${NEAREST}) c
  where p.block_key is not null and cardinality(p.days) > 0`;
}

/**
 * 3. For the people 1 and 2 found nobody for: born the very same day on the island, with a trigram-neighbour
 *    name, read through the btree (birth_date, island). pg_trgm's `%` is written out as its similarity ≥ 0.3,
 *    which no index can serve: with `%`, once the registry was vacuumed, PostgreSQL ANDed in the GIN index
 *    on name_key, 90 ms a person at 1,000,000 individuals (a common trigram matches a fifth of the
 *    registry), and the lookup's p95 was 60 ms.
 */
function sameDayNeighbours(onIsland: string): string {
  return `
  select p.tag, 'neighbour' as "foundBy", c.* from searched p cross join lateral (
    select ${COLUMNS} from individuals i
    where i.birth_date = p.born ${onIsland} and similarity(i.name_key, p.name_key) >= ${TRIGRAM_THRESHOLD} ${NEAREST}) c
  where p.born is not null and not exists (select from found f where f.tag = p.tag)`;
}

/** 1, 2 and 3 in one statement: one round trip and one plan, whether or not some block is empty. */
function candidatesSql(reach: Reach): string {
  const onIsland = reach === "island" ? "and i.island = p.island" : "";
  return `with ${SEARCHED}, found as materialized (${byNinAndBlock(onIsland)})
  select * from found union all ${sameDayNeighbours(onIsland)}`;
}

const CANDIDATES: Record<Reach, { name: string; text: string }> = {
  island: { name: "rsu_match_candidates", text: candidatesSql("island") },
  anywhere: { name: "rsu_match_candidates_anywhere", text: candidatesSql("anywhere") },
};

/** A candidate record and how the lookup found it (match-decision.ts, `foundBy`). */
export type FoundRow = CandidateRow & { foundBy: FoundBy };

const FOUND_FIRST: Record<FoundBy, number> = { nin: 0, block: 1, neighbour: 2 };

/**
 * The candidate rows of each search, read for all of them at once: one statement whatever their number,
 * so that a batch of households pays one round trip and one plan for the lookups of all its members
 * (issue #6: per person, round trips and planning were most of the cost).
 */
export async function findCandidates(em: EntityManager, searches: CandidateSearch[]): Promise<FoundRow[][]> {
  const found = searches.map(() => new Map<string, FoundRow>());
  const rows = searches.map(({ person, area, excludeHouseholdId }, tag) => {
    // Members split from a submission carry their keys already (householdFromSubmission).
    const { blockKey, nameKey, birthYear } = "blockKey" in person ? (person as PersonToMatch & PersonKeys) : personKeys(person);
    // plausibleBirthDates gives a range first (the month, or three years around a placeholder date), then
    // single days. Without a usable birth date the block is the name key alone: one unbounded range.
    const [range, ...days] = person.birthDate && birthYear !== null ? plausibleBirthDates(person.birthDate) : [];
    const [lo, hi] = range ?? ["-infinity", "infinity"];
    return {
      tag,
      nin: person.nin,
      block_key: blockKey,
      name_key: nameKey,
      island: area.island,
      exclude: excludeHouseholdId,
      born: blockKey && nameKey ? person.birthDate : null,
      lo,
      hi,
      days: days.map(([day]) => day),
    };
  });
  const searched = rows.filter((r) => r.nin || r.block_key);
  const onIsland = searched.filter((r) => r.island !== null);
  const anywhere = searched.filter((r) => r.island === null);
  for (const [reach, batch] of [
    ["island", onIsland],
    ["anywhere", anywhere],
  ] as const) {
    if (!batch.length) continue;
    const { name, text } = CANDIDATES[reach];
    const candidates = await preparedRows<FoundRow & { tag: number }>(em, name, text, [JSON.stringify(batch)]);
    // A record found by NIN and by block is found by NIN (FOUND_FIRST).
    for (const { tag, ...row } of candidates) {
      const before = found[tag]!.get(row.id);
      if (!before || FOUND_FIRST[row.foundBy] < FOUND_FIRST[before.foundBy]) found[tag]!.set(row.id, row);
    }
  }
  return found.map((rows) => [...rows.values()]);
}
