import type { EntityManager } from "@mikro-orm/postgresql";
import type { SubmissionReturnRequest } from "../../schemas/contracts/review";
import { auditActor, coversPlace, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { Submission } from "../entities";
import { problems } from "../problems";
import { placeOf } from "./accept-submission";

export const submissionReturnSchema = {
  type: "object",
  required: ["comment"],
  additionalProperties: false,
  properties: { comment: { type: "string", minLength: 1, maxLength: 2000 } },
} as const;

/**
 * Sends a submission back to its clerk with a supervisor's comment (issue #6): the clerk reads it in
 * GET /api/submissions/:id. The submission's stage does not change; the clerk corrects by sending anew.
 * Any stage: a supervisor who doubts a valid, integrated submission sends it back too (issue #21).
 */
export async function returnSubmission(
  em: EntityManager,
  id: string,
  request: SubmissionReturnRequest,
  actor: Actor,
  address: string | null,
) {
  return em.transactional(async (tx) => {
    const submission = await tx.findOne(Submission, id, { populate: ["formVersion.form"] });
    if (!submission) throw problems.submissionNotFound();
    if (!coversPlace(actor, "review:decide", placeOf(submission.data))) throw problems.outsideArea();
    submission.returnComment = request.comment;
    submission.returnedAt = new Date();
    await tx.flush();
    await recordAudit(tx, auditActor(actor, address), { action: "submission.return", entityType: "submission", entityId: id, details: {} });
    return submission;
  });
}
