import type { EntityManager } from "@mikro-orm/postgresql";
import type { ReviewDecisionRequest, ReviewItemDetail } from "../../../schemas/contracts/review";
import { randomUUID } from "node:crypto";
import { createHousehold, fromSubmission, type Decided } from "../households/apply-household";
import { writeHousehold } from "../households/update-household";
import { planSame } from "./household-merge-plan";
import { registryRecord } from "../../../schemas/registry/household-from-submission";
import { lockHouseholds, lockPlace } from "../households/locks";
import type { MatchThresholds } from "../matching/match-person";
import { REASONS } from "./review-item-rows";
import { auditActor, type Actor } from "../../auth/actor";
import { recordAudit } from "../../audit/record-audit";
import { Merge, ReviewItem, Submission } from "../../entities";
import { problems } from "../../problems";
import { movePerson } from "../households/move-person";
import { findReviewItem, reviewItemDetail } from "./review-items";
import { decideMove } from "./decide-move";

export const reviewDecisionSchema = {
  type: "object",
  required: ["decision"],
  additionalProperties: false,
  properties: {
    decision: { enum: ["same", "different", "later"] },
    comment: { type: "string", maxLength: 2000 },
    confirm: { type: "array", maxItems: 500, items: { type: "string", maxLength: 200 } },
  },
} as const;

/**
 * A supervisor's decision on a review item (issue #6), in one audited transaction:
 * - duplicate_person: same → one person, who moves into the incoming member's household (movePerson: a
 *   person is a current member of one household, issue #14); different → the incoming member stays its own person.
 * - duplicate_household, stale_update: same → the submission is merged into the household value by value
 *   (household-merge-plan.ts): nothing the household became since is reverted, a conflict on a key
 *   variable must be confirmed, and the version names the reviewer, the decision and the comment; the
 *   merge can be undone. different → a new household (its members matched as usual), or rejected.
 * - person_move: same → the person moves into the household (leaving theirs; undone like a merge when the
 *   roster was written); different → two people, or, for a roster held for a NIN, rejected (decide-move.ts).
 * - invalid/rejected submissions: the decision is recorded (sending back is POST /submissions/:id/return).
 * - later: the item stays in the queue with status "later".
 * When a submission has no undecided item left, it leaves needs_review.
 */
export async function decideReviewItem(
  em: EntityManager,
  id: string,
  request: ReviewDecisionRequest,
  actor: Actor,
  address: string | null,
  thresholds: MatchThresholds,
): Promise<ReviewItemDetail> {
  await em.transactional(async (tx) => {
    const item = await findReviewItem(tx, id, actor, true);
    if (item.status === "decided") throw problems.reviewItemDecided(item.id);
    let mergeId: string | null = null;
    if (request.decision !== "later") mergeId = await apply(tx, item, { ...request, decision: request.decision }, actor.userId, thresholds);
    item.status = request.decision === "later" ? "later" : "decided";
    item.decision = request.decision;
    item.decidedBy = actor.userId;
    item.decidedAt = new Date();
    item.comment = request.comment ?? null;
    item.mergeId = mergeId;
    await tx.flush();
    if (item.status === "decided" && item.submissionId) await settleSubmission(tx, item.submissionId);
    await recordAudit(tx, auditActor(actor, address), {
      action: "review.decide",
      entityType: "review_item",
      entityId: item.id,
      details: { kind: item.kind, decision: request.decision, mergeId, submissionId: item.submissionId ?? null },
    });
  });
  return reviewItemDetail(em.fork(), await em.fork().findOneOrFail(ReviewItem, id));
}

async function apply(
  tx: EntityManager,
  item: ReviewItem,
  request: ReviewDecisionRequest & { decision: "same" | "different" },
  by: string,
  thresholds: MatchThresholds,
): Promise<string | null> {
  const { decision } = request;
  // A version a decision writes names the supervisor, the decision and the comment (issue #14).
  const decided: Decided = { reviewItemId: item.id, by, decision, comment: request.comment ?? null };
  switch (item.kind) {
    case "duplicate_person":
      return decision === "same" ? (await movePerson(tx, item.incomingIndividualId!, item.existingIndividualId!, decided)).id : null;
    case "person_move":
      return (await decideMove(tx, item, decided, thresholds))?.id ?? null;
    case "duplicate_household":
    case "stale_update": {
      const submission = await tx.findOneOrFail(Submission, item.submissionId!, { populate: ["formVersion.form"] });
      const record = registryRecord(submission.data, submission.formVersion.snapshot);
      if (item.kind === "stale_update" && decision === "different") {
        submission.status = "rejected";
        submission.reasons = [REASONS.rejectedByReviewer()];
        return null;
      }
      if (item.kind === "duplicate_household" && decision === "different") {
        // Same rule as the worker: new households of one commune are created one at a time.
        await lockPlace(tx, record.household.commune);
        submission.householdId = (await createHousehold(tx, submission, record, thresholds, decided)).householdId;
        return null;
      }
      await lockHouseholds(tx, [item.householdId!]);
      const plan = await planSame(tx, item, submission);
      if (!plan) throw problems.householdNotFound();
      const confirmed = new Set(request.confirm ?? []);
      const unconfirmed = plan.merged.conflicts.filter((c) => c.key && !confirmed.has(c.path));
      if (unconfirmed.length) throw problems.mergeConflicts(unconfirmed);
      const provenance = fromSubmission(submission, "update", decided);
      const applied = await writeHousehold(tx, plan.household, plan.current, plan.merged, {
        provenance,
        submissionId: submission.id,
        thresholds,
      });
      submission.householdId = plan.household.id;
      const merge = tx.create(Merge, {
        id: randomUUID(),
        reviewItemId: item.id,
        kind: "household",
        householdId: plan.household.id,
        householdVersion: applied.version,
        before: [],
        by,
      });
      return merge.id;
    }
    default:
      return null;
  }
}

/** The submission leaves needs_review once none of its items is open or postponed. */
async function settleSubmission(tx: EntityManager, submissionId: string) {
  const submission = await tx.findOneOrFail(Submission, submissionId);
  if (submission.status !== "needs_review") return;
  const pending = await tx.count(ReviewItem, { submissionId, status: { $ne: "decided" } });
  if (pending) return;
  submission.status = submission.householdId ? "integrated" : "rejected";
  if (submission.status === "integrated") submission.integratedAt = new Date();
  await tx.flush();
}
