import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, HouseholdVersion, Individual, ReviewItem } from "../../entities";
import type { HouseholdRecord, IndividualRecord } from "../../../schemas/registry/household-from-submission";
import { stateOf } from "./household-state";
import { versionRow, type Provenance } from "./household-versions";
import { matchPeople, type MatchThresholds, type PersonMatch } from "../matching/match-person";
import { placementOf } from "../../../schemas/registry/match-decision";
import type { ReviewDecision } from "../../../schemas/contracts/review";
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

/** A supervisor's decision that applies a submission: the version it writes names them, not the clerk (issue #14). */
export interface Decided {
  reviewItemId: string;
  by: string;
  decision: ReviewDecision;
  comment: string | null;
}

/** Provenance of a change made by integrating `submission` (its form version must be loaded), or by a decision on it. */
export function fromSubmission(submission: SubmissionSource, action: Provenance["action"], decided: Decided | null = null): Provenance {
  return {
    action,
    submissionId: submission.id,
    formId: submission.formVersion.form.id,
    formVersion: submission.formVersion.version,
    by: decided?.by ?? submission.submittedBy ?? null,
    reviewItemId: decided?.reviewItemId ?? null,
    decision: decided?.decision ?? null,
    comment: decided?.comment ?? null,
  };
}

/**
 * Creates a household from a submission as version 1 (in the name of the supervisor when `decided`). Each
 * member is placed by its match (placePerson). The household is not held back for a doubt on one member:
 * the registry keeps every answer at once.
 */
export async function createHousehold(
  em: EntityManager,
  submission: SubmissionSource,
  record: NewRecord,
  thresholds: MatchThresholds,
  decided: Decided | null = null,
  moved: ReadonlyMap<number, string> = new Map(),
): Promise<Applied> {
  const householdId = randomUUID();
  // A NIN that names someone else is refused (issue #14): a move is decided first, then `moved` names its person.
  await assertNinsFree(em, record.members, householdId);
  const matches = (await matchPeople(em, record.members, areaOf(record.household), thresholds, { excludeHouseholdId: householdId })).map(
    (match, i) => movedHere(match, moved.get(record.members[i]!.lineNumber)),
  );
  const rows = newHouseholdRows(submission, record, householdId, matches, decided);
  await insertNewHouseholds(em, [rows]);
  return { householdId, version: 1, reviews: rows.reviews };
}

type NewRecord = { household: HouseholdRecord; members: IndividualRecord[] };

/**
 * A member a supervisor moved here from another household (move-person.ts) is that person, whatever the
 * match said: they have left their household, so they join this one (placementOf).
 */
export function movedHere(match: PersonMatch, personId: string | undefined): PersonMatch {
  return personId ? { ...match, decision: "link", personId, householdId: null } : match;
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
  decided: Decided | null = null,
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
    version: versionRow(householdId, 1, null, fromSubmission(submission, "create", decided), stateOf(record.household, individuals)),
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

/**
 * The person id a new member gets from its match (placementOf): joining, the person the candidate is (read
 * with the candidate, no query more); otherwise a person of their own, with a review item (`open`) when
 * the match is a doubt (duplicate_person: « same » merges them) or a member of another household
 * (person_move, issue #14: « same » moves that person here, move-person.ts). Never one person in two households.
 */
export function placePerson(
  submissionId: string,
  householdId: string,
  member: IndividualRecord,
  individualId: string,
  match: PersonMatch,
  open: (item: NewReviewItem) => void,
): string {
  const placement = placementOf(match, householdId);
  if (placement === "join") return match.personId!;
  if (placement !== "new") {
    const line = member.lineNumber;
    open({
      kind: placement === "move" ? "person_move" : "duplicate_person",
      submissionId,
      householdId,
      incomingIndividualId: individualId,
      existingIndividualId: match.individualId,
      incomingLine: line,
      score: match.candidates[0]?.score ?? null,
      reasons: [placement === "move" ? REASONS.personElsewhere(line) : REASONS.duplicatePerson(line)],
    });
  }
  return randomUUID();
}
