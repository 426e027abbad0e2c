import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, HouseholdVersion, Individual, ReviewItem } from "../../entities";
import type { HouseholdRecord, IndividualRecord } from "../../../schemas/registry/household-from-submission";
import { stateOf } from "./household-state";
import { versionRow, type Provenance } from "./household-versions";
import { matchPeople, type MatchThresholds, type PersonMatch } from "../matching/match-person";
import { insertRows } from "../../db/plain-sql";
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
export function movedHere(match: PersonMatch, personId: string | undefined): PersonMatch {
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
    const personId = placePerson(submission.id, householdId, member, id, matches[i]!, (item) => reviewItems.push(reviewItemRow(item)));
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

/** Where matching looks for a household's members: its island (and commune, for the score); also the place its members carry. */
export function areaOf(place: { island?: string | null; commune?: string | null }) {
  return { island: place.island ?? null, commune: place.commune ?? null };
}

/** The person id a new member gets from its match, opening a review item (`open`) in the grey zone. */
export function placePerson(
  submissionId: string,
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
      submissionId,
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
