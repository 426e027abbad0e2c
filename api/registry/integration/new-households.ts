import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { areaOf, insertNewHouseholds, newHouseholdRows, type NewHouseholdRows, type SubmissionSource } from "../households/apply-household";
import { headIndex, type HouseholdRecord, type IndividualRecord } from "../../../schemas/registry/household-from-submission";
import { readNearbyHouseholds } from "../matching/match-household";
import { findCandidates, type FoundRow, type MatchArea } from "../matching/match-person";
import { nameFrequencies } from "../matching/name-frequencies";
import {
  candidateRows,
  decideHousehold,
  decideMatch,
  foundBy,
  likelyHouseholds,
  type CandidateRow,
  type HouseholdMatch,
  type MatchThresholds,
  type NearbyHousehold,
} from "../../../schemas/registry/match-decision";
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
 * earlier in the same batch, is searched in memory with the lookup's own rules (`foundBy`, BatchHouseholds),
 * so two submissions of one household in one batch still meet: the second waits for review. Decisions are
 * made in the order given (the order received) by the one rule set (match-decision.ts), with one snapshot
 * of the registry's frequencies: as one at a time would make them (test/integration/matching-differential.test.ts).
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
  const rules = { thresholds, frequencies: await nameFrequencies(em) };
  let next = 0;
  const inRegistry = incoming.map(({ record }) => record.members.map(() => registryRows[next++]!));
  // The households the heads' candidates live in, as the registry alone gives them (the batch can only
  // add better candidates, never bring back one of the registry's).
  const nearby = await readNearbyHouseholds(
    em,
    incoming.flatMap(({ record }, h) => {
      const headAt = headIndex(record.members);
      if (headAt < 0) return [];
      const match = decideMatch({ ...record.members[headAt]!, ...areaOf(record.household) }, candidateRows(inRegistry[h]![headAt]!), rules);
      return likelyHouseholds(match, others(record.members, headAt)).map((c) => c.householdId);
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
      decideMatch({ ...member, ...area }, candidateRows([...inRegistry[h]![i]!, ...batch.candidatesFor(member, area)]), rules),
    );
    const headAt = headIndex(record.members);
    if (headAt >= 0) {
      const match = decideHousehold(matches[headAt]!, others(record.members, headAt), record.household, nearbyOrBatch, rules);
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
 * the next ones by the lookup's rules (`foundBy`). Members are filed by NIN, block key and birth date, so
 * each search reads only the few that can pass them (a batch of 50 households holds some 270 people).
 */
class BatchHouseholds {
  private readonly byNin = new Map<string, BatchMember[]>();
  private readonly byBlock = new Map<string, BatchMember[]>();
  private readonly byBirthDate = new Map<string, BatchMember[]>();
  private readonly households = new Map<string, NearbyHousehold>();

  add({ household, individuals }: NewHouseholdRows): void {
    const members = individuals.map((m) => {
      const member: BatchMember = {
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
        keys: m,
      };
      file(this.byNin, m.nin, member);
      file(this.byBlock, m.blockKey, member);
      file(this.byBirthDate, m.birthDate, member);
      return member.row;
    });
    this.households.set(household.id, { commune: household.commune, village: household.village, members });
  }

  candidatesFor(person: IndividualRecord, area: MatchArea): FoundRow[] {
    const near = [
      ...((person.nin && this.byNin.get(person.nin)) || []),
      ...((person.blockKey && this.byBlock.get(person.blockKey)) || []),
      ...((person.birthDate && this.byBirthDate.get(person.birthDate)) || []),
    ];
    const found = new Map<string, FoundRow>();
    for (const { row, keys } of near) {
      const by = found.has(row.id) ? null : foundBy(person, area.island, { ...keys, island: row.island });
      if (by) found.set(row.id, { ...row, foundBy: by });
    }
    return [...found.values()];
  }

  /** The registry's candidate households and those of the batch (as it grows), as one lookup. */
  withNearby(registry: ReadonlyMap<string, NearbyHousehold>): Pick<ReadonlyMap<string, NearbyHousehold>, "get"> {
    return { get: (id) => registry.get(id) ?? this.households.get(id) };
  }
}

interface BatchMember {
  row: CandidateRow;
  keys: Pick<IndividualRecord, "nin" | "birthDate" | "birthYear" | "blockKey" | "nameKey">;
}

function file(index: Map<string, BatchMember[]>, key: string | null, member: BatchMember): void {
  if (!key) return;
  const filed = index.get(key);
  if (filed) filed.push(member);
  else index.set(key, [member]);
}
