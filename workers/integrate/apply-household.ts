import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, Individual, type Submission } from "../../api/entities";
import type { HouseholdRecord, IndividualRecord } from "./household-from-submission";
import { readHouseholdState, stateOf } from "./household-state";
import { recordVersion, type Provenance } from "./household-versions";
import { matchPeople, type MatchThresholds, type PersonMatch } from "./match-person";
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
  const matches = await matchPeople(em, record.members, areaOf(record.household), thresholds, { excludeHouseholdId: householdId });
  let reviews = 0;
  const members = record.members.map((member, i) => {
    const id = randomUUID();
    return { ...member, id, personId: placePerson(em, submission, householdId, member, id, matches[i]!, () => reviews++) };
  });
  // Plain inserts rather than the unit of work: in a batch, every flush would compare all the entities
  // the transaction holds, and a new household has nothing to compare.
  const at = new Date();
  await em.insert(Household, { id: householdId, ...record.household, version: 1, sourceSubmissionId: submission.id, createdAt: at, updatedAt: at });
  if (members.length) await em.insertMany(Individual, members.map((m) => ({ ...m, household: householdId, createdAt: at })));
  await recordVersion(em, householdId, 1, null, fromSubmission(submission, "create", reviewItemId), stateOf(record.household, members));
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
  const added = record.members.filter((m) => !byLine.has(m.lineNumber));
  const matches = new Map((await matchPeople(em, added, areaOf(household), thresholds, { excludeHouseholdId: household.id })).map((match, i) => [added[i]!, match]));
  let reviews = 0;
  for (const member of record.members) {
    const current = byLine.get(member.lineNumber);
    byLine.delete(member.lineNumber);
    if (current) {
      em.assign(current, member);
      continue;
    }
    const id = randomUUID();
    const personId = placePerson(em, submission, household.id, member, id, matches.get(member)!, () => reviews++);
    em.create(Individual, { id, household, personId, ...member });
  }
  for (const gone of byLine.values()) em.remove(gone);
  await em.flush();
  await recordVersion(em, household.id, household.version, before, fromSubmission(submission, "update", reviewItemId));
  return { householdId: household.id, version: household.version, reviews };
}

/** Where matching looks for a household's members: its island (and commune, for the score). */
function areaOf(place: { island?: string | null; commune?: string | null }) {
  return { island: place.island ?? null, commune: place.commune ?? null };
}

/** The person id a new member gets from its match, opening a review item in the grey zone. */
function placePerson(
  em: EntityManager,
  submission: Submission,
  householdId: string,
  member: IndividualRecord,
  individualId: string,
  match: PersonMatch,
  onReview: () => void,
): string {
  // Linked: the record joins the person the candidate is (read with the candidate, no query more).
  if (match.decision === "link" && match.personId) return match.personId;
  if (match.decision === "review") {
    onReview();
    openReviewItem(em, {
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
