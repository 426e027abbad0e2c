import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, HouseholdVersion, Individual, ReviewItem } from "../../entities";
import type { HouseholdRecord, IndividualRecord } from "../../../schemas/registry/household-from-submission";
import { readHouseholdState, stateOf } from "./household-state";
import { versionRow, type Provenance } from "./household-versions";
import { matchPeople, type MatchThresholds, type PersonMatch } from "../matching/match-person";
import { insertRows, queryRows, sqlArray, updateRows } from "../../db/plain-sql";
import { assertNinsFree } from "./nin-holders";
import { REASONS, reviewItemRow, type NewReviewItem, type ReviewItemRow } from "../review/review-item-rows";

export interface Applied {
  householdId: string;
  version: number;
  /** Review items opened for members in the matching grey zone. */
  reviews: number;
}

/** What a change records of the submission it applies: the Submission entity, or a batch's plain row. */
export interface SubmissionSource {
  id: string;
  submittedBy?: string | null;
  formVersion: { version: number; form: { id: string } };
}

/** Provenance of a change made by integrating `submission` (its form version must be loaded). */
export function fromSubmission(submission: SubmissionSource, action: Provenance["action"], reviewItemId: string | null = null): Provenance {
  return {
    action,
    submissionId: submission.id,
    formId: submission.formVersion.form.id,
    formVersion: submission.formVersion.version,
    by: submission.submittedBy ?? null,
    reviewItemId,
  };
}

/**
 * Creates a household from a submission as version 1. Each member is matched (workers/integrate/
 * match-person.ts): "link" reuses the existing person's id; "review" creates the member as a new person
 * and opens a duplicate_person item (a supervisor's "same" later merges them); "new" is a new person.
 * The household is not held back for a doubt on one member: the registry keeps every answer at once.
 */
export async function createHousehold(
  em: EntityManager,
  submission: SubmissionSource,
  record: NewRecord,
  thresholds: MatchThresholds,
  reviewItemId: string | null = null,
  moved: ReadonlyMap<number, string> = new Map(),
): Promise<Applied> {
  const householdId = randomUUID();
  // A NIN that names someone else is refused (issue #14): a move is decided first, then `moved` names its person.
  await assertNinsFree(em, record.members, householdId);
  const matches = (await matchPeople(em, record.members, areaOf(record.household), thresholds, { excludeHouseholdId: householdId })).map(
    (match, i) => movedHere(match, moved.get(record.members[i]!.lineNumber)),
  );
  const rows = newHouseholdRows(submission, record, householdId, matches, reviewItemId);
  await insertNewHouseholds(em, [rows]);
  return { householdId, version: 1, reviews: rows.reviews };
}

type NewRecord = { household: HouseholdRecord; members: IndividualRecord[] };

/** A member a supervisor moved here from another household (move-person.ts) is that person, whatever the match said. */
function movedHere(match: PersonMatch, personId: string | undefined): PersonMatch {
  return personId ? { ...match, decision: "link", personId } : match;
}

/** A new household's rows, ready to insert: the household, its members (with their person ids) and version 1. */
export interface NewHouseholdRows {
  household: HouseholdRecord & { id: string; version: number; sourceSubmissionId: string; createdAt: Date; updatedAt: Date };
  individuals: (IndividualRecord & {
    id: string;
    personId: string;
    household: string;
    island: string | null;
    commune: string | null;
    createdAt: Date;
  })[];
  version: ReturnType<typeof versionRow>;
  /** Review items opened for members in the matching grey zone. */
  reviewItems: ReviewItemRow[];
  reviews: number;
}

/**
 * The rows of a new household whose members are already matched (`matches[i]` for `record.members[i]`),
 * review items for the grey zone included; only built (insertNewHouseholds writes them).
 */
export function newHouseholdRows(
  submission: SubmissionSource,
  record: NewRecord,
  householdId: string,
  matches: PersonMatch[],
  reviewItemId: string | null = null,
): NewHouseholdRows {
  const reviewItems: ReviewItemRow[] = [];
  const at = new Date();
  const place = areaOf(record.household);
  const individuals = record.members.map((member, i) => {
    const id = randomUUID();
    const personId = placePerson(submission, householdId, member, id, matches[i]!, (item) => reviewItems.push(reviewItemRow(item)));
    return { ...member, ...place, id, personId, household: householdId, createdAt: at };
  });
  return {
    household: { id: householdId, ...record.household, version: 1, sourceSubmissionId: submission.id, createdAt: at, updatedAt: at },
    individuals,
    version: versionRow(householdId, 1, null, fromSubmission(submission, "create", reviewItemId), stateOf(record.household, individuals)),
    reviewItems,
    reviews: reviewItems.length,
  };
}

/**
 * Writes new households with one insert per table (plain-sql.ts), not through the unit of work: a flush
 * would compare every entity the transaction holds, and a new household has nothing to compare.
 */
export async function insertNewHouseholds(em: EntityManager, rows: NewHouseholdRows[]): Promise<void> {
  await insertRows(
    em,
    Household,
    rows.map((r) => r.household),
  );
  await insertRows(
    em,
    Individual,
    rows.flatMap((r) => r.individuals),
  );
  await insertRows(
    em,
    HouseholdVersion,
    rows.map((r) => r.version),
  );
  await insertRows(
    em,
    ReviewItem,
    rows.flatMap((r) => r.reviewItems),
  );
}

/**
 * Applies a submission as the next version of `household` (locked by the caller): members are matched to
 * the roster by line number, so each keeps its id and person; new lines are matched like new members,
 * lines no longer there are removed. The field changes are recorded with the version.
 * Written with plain statements, as a batch writes new households: through the unit of work, each update
 * loaded the household's entities and compared every entity the transaction held at its flush, four
 * times the worker's time of a new household.
 */
export async function updateHousehold(
  em: EntityManager,
  submission: SubmissionSource,
  household: { id: string; version: number },
  record: { household: HouseholdRecord; members: IndividualRecord[] },
  thresholds: MatchThresholds,
  reviewItemId: string | null = null,
  moved: ReadonlyMap<number, string> = new Map(),
): Promise<Applied> {
  await assertNinsFree(em, record.members, household.id);
  const before = await readHouseholdState(em, household.id);
  const byLine = new Map(before.members.map((m) => [m.lineNumber, m]));
  const place = areaOf(record.household);
  const added = record.members.filter((m) => !byLine.has(m.lineNumber));
  const matched = await matchPeople(em, added, place, thresholds, { excludeHouseholdId: household.id });
  const matches = new Map(added.map((member, i) => [member, movedHere(matched[i]!, moved.get(member.lineNumber))]));
  const reviewItems: ReviewItemRow[] = [];
  const kept: (IndividualRecord & { id: string })[] = [];
  const created: NewHouseholdRows["individuals"] = [];
  const members: Parameters<typeof stateOf>[1] = [];
  for (const member of record.members) {
    const current = byLine.get(member.lineNumber);
    byLine.delete(member.lineNumber);
    if (current) {
      kept.push({ ...member, id: current.id });
      members.push({ ...member, id: current.id, personId: current.personId });
      continue;
    }
    const id = randomUUID();
    const personId = placePerson(submission, household.id, member, id, matches.get(member)!, (item) =>
      reviewItems.push(reviewItemRow(item)),
    );
    const row = { ...member, ...place, id, personId, household: household.id, createdAt: new Date() };
    created.push(row);
    members.push(row);
  }
  const version = household.version + 1;
  // A change of place reaches the members already there through a trigger (Migration20261129020000IndividualPlace).
  await updateRows(em, Household, [{ id: household.id, ...record.household, version, updatedAt: new Date() }]);
  // The unique NIN index checks each row as it is written: members leave, and NINs that change are let go,
  // before any member takes one (a NIN passed from one line to another of the roster).
  const gone = [...byLine.values()].map((m) => m.id);
  if (gone.length) await queryRows(em, `delete from individuals where id = any(?::uuid[])`, [sqlArray(gone)]);
  const ninChanged = kept.filter((m) => m.nin !== before.members.find((b) => b.id === m.id)?.nin).map((m) => m.id);
  if (ninChanged.length) await queryRows(em, `update individuals set nin = null where id = any(?::uuid[])`, [sqlArray(ninChanged)]);
  await updateRows(em, Individual, kept);
  await insertRows(em, Individual, created);
  const after = stateOf(record.household, members);
  await insertRows(em, HouseholdVersion, [
    versionRow(household.id, version, before, fromSubmission(submission, "update", reviewItemId), after),
  ]);
  await insertRows(em, ReviewItem, reviewItems);
  return { householdId: household.id, version, reviews: reviewItems.length };
}

/** Where matching looks for a household's members: its island (and commune, for the score); also the place its members carry. */
export function areaOf(place: { island?: string | null; commune?: string | null }) {
  return { island: place.island ?? null, commune: place.commune ?? null };
}

/** The person id a new member gets from its match, opening a review item (`open`) in the grey zone. */
function placePerson(
  submission: SubmissionSource,
  householdId: string,
  member: IndividualRecord,
  individualId: string,
  match: PersonMatch,
  open: (item: NewReviewItem) => void,
): string {
  // Linked: the record joins the person the candidate is (read with the candidate, no query more).
  if (match.decision === "link" && match.personId) return match.personId;
  if (match.decision === "review") {
    open({
      kind: "duplicate_person",
      submissionId: submission.id,
      householdId,
      incomingIndividualId: individualId,
      existingIndividualId: match.individualId,
      incomingLine: member.lineNumber,
      score: match.candidates[0]?.score ?? null,
      reasons: [REASONS.duplicatePerson(member.lineNumber)],
    });
  }
  return randomUUID();
}
