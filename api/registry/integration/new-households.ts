import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { trigramSimilarity } from "../../../schemas/registry/person-names";
import { areaOf, insertNewHouseholds, newHouseholdRows, type NewHouseholdRows, type SubmissionSource } from "../households/apply-household";
import { headIndex, type HouseholdRecord, type IndividualRecord } from "../../../schemas/registry/household-from-submission";
import {
  decideHousehold,
  likelyHouseholds,
  readNearbyHouseholds,
  type HouseholdMatch,
  type NearbyHousehold,
} from "../matching/match-household";
import {
  decideMatch,
  findCandidates,
  TRIGRAM_THRESHOLD,
  type CandidateRow,
  type MatchArea,
  type MatchThresholds,
} from "../matching/match-person";
import { birthDateCloseness } from "../../../schemas/registry/match-score";
import { NinHolders, type NinClash } from "../households/nin-holders";

/** A valid submission that creates a household, with its registry rows. */
export interface NewHouseholdSubmission {
  submission: SubmissionSource;
  record: { household: HouseholdRecord; members: IndividualRecord[] };
}

/**
 * What became of one: created (with the number of its members waiting for review), or held, as a probable
 * duplicate (`match`) or for a NIN that names someone else (`clash`, issue #14), or both.
 */
export type NewHouseholdResult =
  | { created: true; householdId: string; reviews: number }
  | { created: false; match: HouseholdMatch | null; clash: NinClash };

/**
 * Matches and creates the new households of a batch together (issue #6), in the caller's transaction, the
 * communes locked: the registry is searched once for every member of every household (findCandidates, one
 * statement), the households of the heads' candidates are read once, and the rows are written with
 * one insert per table. What a per-household loop would have seen in the database, the households created
 * earlier in the same batch, is searched in memory with the lookup's own rules (BatchHouseholds), so two
 * submissions of one household in one batch still meet: the second waits for review.
 * Decisions are made in the order given (the order received), as one at a time would make them.
 */
export async function integrateNewHouseholds(
  em: EntityManager,
  incoming: NewHouseholdSubmission[],
  thresholds: MatchThresholds,
): Promise<NewHouseholdResult[]> {
  // Before the search: a batch that gave one of these NINs has committed once the lock is ours.
  const holders = await NinHolders.read(
    em,
    incoming.flatMap(({ record }) => record.members.map((m) => m.nin)),
  );
  const searches = incoming.flatMap(({ record }) =>
    record.members.map((person) => ({ person, area: areaOf(record.household), excludeHouseholdId: null })),
  );
  const registryRows = await findCandidates(em, searches);
  let next = 0;
  const inRegistry = incoming.map(({ record }) => record.members.map(() => registryRows[next++]!));
  // The households the heads' candidates live in, as the registry alone gives them (the batch can only
  // add better candidates, never bring back one of the registry's).
  const nearby = await readNearbyHouseholds(
    em,
    incoming.flatMap(({ record }, h) => {
      const headAt = headIndex(record.members);
      if (headAt < 0) return [];
      const match = decideMatch({ ...record.members[headAt]!, ...areaOf(record.household) }, inRegistry[h]![headAt]!, thresholds);
      return likelyHouseholds(match, others(record.members, headAt), thresholds);
    }),
  );

  const batch = new BatchHouseholds();
  const nearbyOrBatch = batch.withNearby(nearby);
  const created: NewHouseholdRows[] = [];
  const results = incoming.map(({ submission, record }, h): NewHouseholdResult => {
    // A NIN names one current person (issue #14): never linked silently into a second household.
    const clash = holders.clash(record.members, null);
    if (clash.repeated.length) return { created: false, match: null, clash };
    const area = areaOf(record.household);
    const matches = record.members.map((member, i) =>
      decideMatch({ ...member, ...area }, [...inRegistry[h]![i]!, ...batch.candidatesFor(member, area)], thresholds),
    );
    const headAt = headIndex(record.members);
    if (headAt >= 0) {
      const match = decideHousehold(matches[headAt]!, others(record.members, headAt), record.household, nearbyOrBatch, thresholds);
      if (match.decision === "review") return { created: false, match, clash };
    }
    if (clash.held.length) return { created: false, match: null, clash };
    const rows = newHouseholdRows(submission, record, randomUUID(), matches);
    batch.add(rows);
    holders.hold(rows.individuals);
    created.push(rows);
    return { created: true, householdId: rows.household.id, reviews: rows.reviews };
  });
  await insertNewHouseholds(em, created);
  return results;
}

function others(members: IndividualRecord[], headAt: number): IndividualRecord[] {
  return members.filter((_, i) => i !== headAt);
}

/**
 * The households a batch has created so far, not yet in the database: their members are candidates for
 * the next ones by the same rules as findCandidates (match-person.ts): same NIN; or same block key, a
 * plausible birth date and the same island; or, when those find nobody, born the same day on the island
 * with a trigram-neighbour name. Members are filed by NIN, block key and birth date, so each search reads
 * only its own few (a batch of 50 households holds some 270 people).
 */
class BatchHouseholds {
  private readonly byNin = new Map<string, BatchMember[]>();
  private readonly byBlock = new Map<string, BatchMember[]>();
  private readonly byBirthDate = new Map<string, BatchMember[]>();
  private readonly households = new Map<string, NearbyHousehold>();

  add({ household, individuals }: NewHouseholdRows): void {
    const rows = individuals.map((m) => ({
      row: {
        id: m.id,
        householdId: household.id,
        personId: m.personId,
        firstName: m.firstName,
        lastName: m.lastName,
        sex: m.sex,
        birthDate: m.birthDate,
        nin: m.nin,
        island: household.island,
        commune: household.commune,
      },
      nameKey: m.nameKey,
    }));
    individuals.forEach((m, i) => {
      file(this.byNin, m.nin, rows[i]!);
      file(this.byBlock, m.blockKey, rows[i]!);
      file(this.byBirthDate, m.birthDate, rows[i]!);
    });
    this.households.set(household.id, { commune: household.commune, village: household.village, members: rows.map((r) => r.row) });
  }

  candidatesFor(person: IndividualRecord, area: MatchArea): CandidateRow[] {
    const island = (row: CandidateRow) => !area.island || row.island === area.island;
    // plausibleBirthDates are by definition the dates birthDateCloseness counts; no birth date: any.
    const dated = person.birthDate !== null && person.birthYear !== null;
    const born = (date: string | null) => date !== null && (!dated || birthDateCloseness(person.birthDate!, date) > 0);
    const found = new Set<BatchMember>();
    for (const m of (person.nin && this.byNin.get(person.nin)) || []) found.add(m);
    for (const m of (person.blockKey && this.byBlock.get(person.blockKey)) || []) if (born(m.row.birthDate) && island(m.row)) found.add(m);
    if (found.size || !person.blockKey || !person.nameKey || !person.birthDate) return [...found].map((m) => m.row);
    return (this.byBirthDate.get(person.birthDate) ?? [])
      .filter((m) => m.nameKey && island(m.row) && trigramSimilarity(m.nameKey, person.nameKey!) >= TRIGRAM_THRESHOLD)
      .map((m) => m.row);
  }

  /** The registry's candidate households and those of the batch (as it grows), as one lookup. */
  withNearby(registry: ReadonlyMap<string, NearbyHousehold>): Pick<ReadonlyMap<string, NearbyHousehold>, "get"> {
    return { get: (id) => registry.get(id) ?? this.households.get(id) };
  }
}

interface BatchMember {
  row: CandidateRow;
  nameKey: string | null;
}

function file(index: Map<string, BatchMember[]>, key: string | null, member: BatchMember): void {
  if (!key) return;
  const filed = index.get(key);
  if (filed) filed.push(member);
  else index.set(key, [member]);
}
