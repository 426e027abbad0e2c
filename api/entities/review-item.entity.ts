import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { MatchScore, ReviewDecision, ReviewKind, ReviewStatus, StageReason } from "../../schemas/contracts/review";

/**
 * A question for a supervisor (issue #6): a probable duplicate person or household, an update built on a
 * stale household version, or an invalid/rejected submission. The submission it comes from waits in
 * stage needs_review until every item it raised is decided.
 */
export const ReviewItem = defineEntity({
  name: "ReviewItem",
  tableName: "review_items",
  properties: {
    id: p.uuid().primary(),
    kind: p.string().$type<ReviewKind>().length(30),
    status: p.string().$type<ReviewStatus>().length(10).index(),
    submissionId: p.uuid().nullable().index(),
    householdId: p.uuid().nullable().index(),
    /** The household's version when the item was opened (set by a trigger, Migration20261206210000ReviewMerge). */
    householdVersion: p.integer().nullable(),
    /** The individual the submission brought (null when it is not created yet: duplicate household). */
    incomingIndividualId: p.uuid().nullable(),
    existingIndividualId: p.uuid().nullable(),
    /** Line of the incoming person in the submission's roster (its state when no individual exists yet). */
    incomingLine: p.integer().nullable(),
    score: p.json<MatchScore>().nullable(),
    reasons: p.json<StageReason[]>(),
    decision: p.string().$type<ReviewDecision>().length(10).nullable(),
    decidedBy: p.uuid().nullable(),
    decidedAt: p.datetime().nullable(),
    comment: p.text().nullable(),
    mergeId: p.uuid().nullable(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});
export type ReviewItem = InferEntity<typeof ReviewItem>;
