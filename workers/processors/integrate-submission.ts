import { randomUUID } from "node:crypto";
import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, Individual, OutboxEntry, Submission } from "../../api/entities";
import { systemActor } from "../../api/auth/actor";
import { recordAudit } from "../../api/audit/record-audit";
import { validatorFor } from "../../api/services/form-validators";
import type { IntegrateSubmissionPayload } from "../../schemas/contracts/jobs";
import { householdFromSubmission } from "../integrate/household-from-submission";

export type IntegrationOutcome = "integrated" | "invalid" | "already_done" | "unknown_submission";

/**
 * Integrates one accepted submission into the registry, in one transaction that also removes its outbox
 * row. Safe to run twice: the submission row is locked and its status checked first, and a household
 * records its source submission under a unique constraint. Bad data becomes a stored status, never a retry.
 */
export async function integrateSubmission(em: EntityManager, { submissionId }: IntegrateSubmissionPayload): Promise<IntegrationOutcome> {
  return em.transactional(async (tx) => {
    const submission = await tx.findOne(Submission, submissionId, {
      populate: ["formVersion"],
      // Concurrent runs of one submission (a re-enqueued job, two workers) wait for each other here.
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (!submission) return "unknown_submission";
    await tx.nativeDelete(OutboxEntry, { submissionId });
    if (submission.status !== "received") return "already_done";

    const errors = validatorFor(submission.formVersion)(submission.data);
    if (errors.length) {
      submission.status = "invalid";
      submission.errors = errors;
      return "invalid";
    }

    const { household, members } = householdFromSubmission(submission.data);
    const householdId = randomUUID();
    const created = tx.create(Household, { id: householdId, ...household, sourceSubmissionId: submission.id });
    for (const member of members) tx.create(Individual, { id: randomUUID(), household: created, ...member });
    submission.status = "integrated";
    submission.householdId = householdId;
    submission.integratedAt = new Date();
    await tx.flush();
    await recordAudit(tx, systemActor("worker"), {
      action: "household.create",
      entityType: "household",
      entityId: householdId,
      details: { submissionId: submission.id, members: members.length },
    });
    return "integrated";
  });
}
