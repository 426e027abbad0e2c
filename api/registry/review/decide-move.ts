import type { EntityManager } from "@mikro-orm/postgresql";
import { registryRecord } from "../../../schemas/registry/household-from-submission";
import { Household, type ReviewItem, Submission } from "../../entities";
import { problems } from "../../problems";
import { createHousehold } from "../households/apply-household";
import { updateHousehold } from "../households/update-household";
import { lockPlace } from "../households/locks";
import { moveHoldersOut } from "../households/move-person";
import type { MatchThresholds } from "../matching/match-person";
import { REASONS } from "./review-item-rows";

/**
 * A decision on a person_move item (issue #14): a roster names, by NIN, members of other households.
 * « same »: they move into it (move-person.ts), then the submission is applied, creating its household or
 * updating it if it is still at the version the update was built on; « different »: the NIN cannot name
 * two people, so the submission is rejected and goes back to the clerk to be corrected.
 */
export async function decideMove(
  tx: EntityManager,
  item: ReviewItem,
  decision: "same" | "different",
  by: string,
  thresholds: MatchThresholds,
): Promise<void> {
  const submission = await tx.findOneOrFail(Submission, item.submissionId!, { populate: ["formVersion.form"] });
  if (decision === "different") {
    submission.status = "rejected";
    submission.reasons = [REASONS.rejectedByReviewer()];
    return;
  }
  const record = registryRecord(submission.data, submission.formVersion.snapshot);
  const provenance = { by, reviewItemId: item.id };
  if (submission.baseVersion == null) {
    // Same rule as the worker: new households of one commune are created one at a time.
    await lockPlace(tx, record.household.commune);
    const moved = await moveHoldersOut(tx, record.members, null, provenance);
    submission.householdId = (await createHousehold(tx, submission, record, thresholds, item.id, moved)).householdId;
    return;
  }
  const moved = await moveHoldersOut(tx, record.members, submission.householdId!, provenance);
  const household = await tx.findOneOrFail(Household, submission.householdId!, { refresh: true });
  if (household.version !== submission.baseVersion) throw problems.householdMovedOn(submission.baseVersion, household.version);
  await updateHousehold(tx, submission, household, record, thresholds, item.id, moved);
}
