import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import type { ReviewItem } from "../entities";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { undoMerge } from "../registry/households/merge-persons";
import { findReviewItem } from "../registry/review/review-items";
import { uuid } from "./params";

/** Undoing a "same person" decision (issue #6): the review item opens again. */
export function mergeRoutes() {
  return new Hono<AppEnv>().post(
    "/:id/undo",
    allow("review:decide"),
    describeRoute("Annule une fusion.", "Undoes a merge.", {
      errors: ["mergeNotFound", "mergeUndone", "householdMovedOn", "outsideArea", "invalidParameter"],
    }),
    async (c) => {
      const actor = c.get("actor")!;
      const id = uuid("id", c.req.param("id"));
      const merge = await c.get("em").transactional(async (tx) => {
        const undone = await undoMerge(tx, id, actor.userId);
        // Area check through the item the merge came from; a refusal rolls the undo back.
        const item: ReviewItem = await findReviewItem(tx, undone.reviewItemId, actor, true);
        Object.assign(item, { status: "open", decision: null, decidedBy: null, decidedAt: null, mergeId: null });
        // A duplicate household waits again without a household, as before the decision.
        if (item.submissionId)
          await tx.getConnection().execute(
            `update submissions set status = case when status = 'integrated' then 'needs_review' else status end,
              integrated_at = case when status = 'integrated' then null else integrated_at end,
              household_id = case when ? then null else household_id end where id = ?`,
            [item.kind === "duplicate_household", item.submissionId],
            "all",
            tx.getTransactionContext(),
          );
        await tx.flush();
        await recordAudit(tx, auditActor(actor, c.get("address")), {
          action: "merge.undo",
          entityType: "merge",
          entityId: id,
          details: { reviewItemId: item.id },
        });
        return undone;
      });
      return c.json({ id: merge.id, reviewItemId: merge.reviewItemId, undoneAt: merge.undoneAt!.toISOString() });
    },
  );
}
