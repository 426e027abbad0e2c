import type { EntityManager } from "@mikro-orm/postgresql";
import { registryRecord } from "../../../schemas/registry/household-from-submission";
import { Household, type Merge, type ReviewItem, Submission } from "../../entities";
import { problems } from "../../problems";
import { createHousehold, type Decided } from "../households/apply-household";
import { updateHousehold } from "../households/update-household";
import { lockPlace } from "../households/locks";
import { moveHoldersOut, movePerson } from "../households/move-person";
import type { MatchThresholds } from "../matching/match-person";
import { REASONS } from "./review-item-rows";

/**
 * A decision on a person_move item (issue #14): a roster names a member of another household.
 * - By names and birth date (the item names the incoming member, written as a person of their own): « same »
 *   moves the person into the roster's household (movePerson, undone like a merge); « different » keeps two
 *   people, as written.
 * - By NIN (the submission was held, nothing written): « same » moves the holders into it (moveHoldersOut),
 *   then the submission is applied, creating its household or updating it if it is still at the version
 *   the update was built on; « different »: a NIN cannot name two people, so the submission is rejected and
 *   goes back to the clerk to be corrected.
 * Every version written names the supervisor and their decision (`decided`), not the clerk.
 */
export async function decideMove(
  tx: EntityManager,
  item: ReviewItem,
  decided: Decided,
  thresholds: MatchThresholds,
): Promise<Merge | null> {
  if (item.incomingIndividualId) {
    return decided.decision === "same" ? movePerson(tx, item.incomingIndividualId, item.existingIndividualId!, decided) : null;
  }
  const submission = await tx.findOneOrFail(Submission, item.submissionId!, { populate: ["formVersion.form"] });
  if (decided.decision === "different") {
    submission.status = "rejected";
    submission.reasons = [REASONS.rejectedByReviewer()];
    return null;
  }
  const record = registryRecord(submission.data, submission.formVersion.snapshot);
  if (submission.baseVersion == null) {
    // Same rule as the worker: new households of one commune are created one at a time.
    await lockPlace(tx, record.household.commune);
    const moved = await moveHoldersOut(tx, record.members, null, decided);
    submission.householdId = (await createHousehold(tx, submission, record, thresholds, decided, moved)).householdId;
    return null;
  }
  const moved = await moveHoldersOut(tx, record.members, submission.householdId!, decided);
  const household = await tx.findOneOrFail(Household, submission.householdId!, { refresh: true });
  if (household.version !== submission.baseVersion) throw problems.householdMovedOn(submission.baseVersion, household.version);
  await updateHousehold(tx, submission, household, record, thresholds, decided, moved);
  return null;
}
