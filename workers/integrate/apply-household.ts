import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, Individual, type Submission } from "../../api/entities";
import type { HouseholdRecord, IndividualRecord } from "./household-from-submission";
import { readHouseholdState } from "./household-state";
import { recordVersion, type Provenance } from "./household-versions";
import { matchPerson, type MatchThresholds } from "./match-person";
import { openReviewItem, REASONS } from "./review-items";

export interface Applied {
  householdId: string;
  version: number;
  /** Review items opened for members in the matching grey zone. */
  reviews: number;
}

/** Provenance of a change made by integrating `submission` (its form version must be loaded). */
export function fromSubmission(submission: Submission, action: Provenance["action"], reviewItemId: string | null = null): Provenance {
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
  submission: Submission,
  record: { household: HouseholdRecord; members: IndividualRecord[] },
  thresholds: MatchThresholds,
  reviewItemId: string | null = null,
): Promise<Applied> {
  const householdId = randomUUID();
  const household = em.create(Household, { id: householdId, ...record.household, version: 1, sourceSubmissionId: submission.id });
  let reviews = 0;
  for (const member of record.members) {
    const id = randomUUID();
    const personId = await placePerson(em, submission, household, member, id, thresholds, () => reviews++);
    em.create(Individual, { id, household, personId, ...member });
  }
  await em.flush();
  await recordVersion(em, householdId, 1, null, fromSubmission(submission, "create", reviewItemId));
  return { householdId, version: 1, reviews };
}

/**
 * Applies a submission as the next version of `household` (locked by the caller): members are matched to
 * the roster by line number, so each keeps its id and person; new lines are matched like new members,
 * lines no longer there are removed. The field changes are recorded with the version.
 */
export async function updateHousehold(
  em: EntityManager,
  submission: Submission,
  household: Household,
  record: { household: HouseholdRecord; members: IndividualRecord[] },
  thresholds: MatchThresholds,
  reviewItemId: string | null = null,
): Promise<Applied> {
  const before = await readHouseholdState(em, household.id);
  const existing = await em.find(Individual, { household: household.id });
  const byLine = new Map(existing.map((m) => [m.lineNumber, m]));
  em.assign(household, { ...record.household, version: household.version + 1 });
  let reviews = 0;
  for (const member of record.members) {
    const current = byLine.get(member.lineNumber);
    byLine.delete(member.lineNumber);
    if (current) {
      em.assign(current, member);
      continue;
    }
    const id = randomUUID();
    const personId = await placePerson(em, submission, household, member, id, thresholds, () => reviews++);
    em.create(Individual, { id, household, personId, ...member });
  }
  for (const gone of byLine.values()) em.remove(gone);
  await em.flush();
  await recordVersion(em, household.id, household.version, before, fromSubmission(submission, "update", reviewItemId));
  return { householdId: household.id, version: household.version, reviews };
}

/** The person id a new member gets, opening a review item in the grey zone. */
async function placePerson(
  em: EntityManager,
  submission: Submission,
  household: Household,
  member: IndividualRecord,
  individualId: string,
  thresholds: MatchThresholds,
  onReview: () => void,
): Promise<string> {
  const match = await matchPerson(em, member, { island: household.island ?? null, commune: household.commune ?? null }, thresholds, {
    excludeHouseholdId: household.id,
  });
  if (match.decision === "link" && match.individualId) return personIdOf(em, match.individualId);
  if (match.decision === "review") {
    onReview();
    openReviewItem(em, {
      kind: "duplicate_person",
      submissionId: submission.id,
      householdId: household.id,
      incomingIndividualId: individualId,
      existingIndividualId: match.individualId,
      incomingLine: member.lineNumber,
      score: match.candidates[0]?.score ?? null,
      reasons: [REASONS.duplicatePerson(member.lineNumber)],
    });
  }
  return randomUUID();
}

export async function personIdOf(em: EntityManager, individualId: string): Promise<string> {
  const [row] = await em.getConnection().execute<{ person_id: string }[]>(
    `select person_id from individuals where id = ?`,
    [individualId],
    "all",
    em.getTransactionContext(),
  );
  if (!row) throw new Error(`individual ${individualId} not found`);
  return row.person_id;
}
