import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, OutboxEntry, Submission } from "../../api/entities";
import { systemActor } from "../../api/auth/actor";
import { recordAudit } from "../../api/audit/record-audit";
import { validatorFor } from "../../api/services/form-validators";
import type { IntegrateSubmissionPayload } from "../../schemas/contracts/jobs";
import { HEAD_OF_HOUSEHOLD } from "../../schemas/contracts/registry";
import { createHousehold, updateHousehold } from "../integrate/apply-household";
import { registryRecord } from "../integrate/household-from-submission";
import { lockPlace } from "../integrate/lock-place";
import { matchHousehold } from "../integrate/match-household";
import type { MatchThresholds } from "../integrate/match-person";
import { openReviewItem, REASONS } from "../integrate/review-items";

export type IntegrationOutcome = "integrated" | "invalid" | "needs_review" | "rejected" | "already_done" | "unknown_submission";

/** Used when no configuration is passed (the defaults of api/config.ts). */
export const DEFAULT_THRESHOLDS: MatchThresholds = { link: 0.9, review: 0.7 };

/**
 * Integrates one accepted submission into the registry (issue #6), in one transaction that also removes
 * its outbox row, so a crash leaves either nothing or everything. Safe to run twice: the submission row is
 * locked and its stage checked first, and every change records its source submission under a unique
 * constraint (household_versions.submission_id). Bad data becomes a stored stage, never a retry; any
 * thrown error is an infrastructure error and the job is retried with backoff.
 *
 * - A new household is first checked against existing ones (matchHousehold): a probable duplicate is not
 *   created but waits for a supervisor (duplicate_household, stage needs_review).
 * - An update (the envelope named householdId + baseVersion) locks the household row; built on another
 *   version than the current one, it is never applied silently but becomes a stale_update review item.
 * - Members in the matching grey zone are created as new people with a duplicate_person item each: the
 *   submission stays in needs_review until every item is decided (api/services/review-decision.ts).
 */
export async function integrateSubmission(
  em: EntityManager,
  { submissionId }: IntegrateSubmissionPayload,
  thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): Promise<IntegrationOutcome> {
  return em.transactional(async (tx) => {
    const submission = await tx.findOne(Submission, submissionId, {
      populate: ["formVersion.form"],
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
      openReviewItem(tx, { kind: "invalid_submission", submissionId });
      await tx.flush();
      await audit(tx, "submission.invalid", submission.id, { errors: errors.length });
      return "invalid";
    }

    const record = registryRecord(submission.data, submission.formVersion.snapshot);
    const outcome = submission.baseVersion != null ? await integrateUpdate(tx, submission, record, thresholds) : await integrateNew(tx, submission, record, thresholds);
    submission.status = outcome;
    if (outcome === "integrated") submission.integratedAt = new Date();
    await tx.flush();
    await audit(tx, `submission.${outcome}`, submission.id, { householdId: submission.householdId ?? null });
    return outcome;
  });
}

type Record = ReturnType<typeof registryRecord>;

async function integrateNew(tx: EntityManager, submission: Submission, record: Record, thresholds: MatchThresholds) {
  // Two submissions of the same new household integrated at once would both find no duplicate: new
  // households of one commune are matched and created one at a time.
  await lockPlace(tx, record.household.commune);
  const head = record.members.find((m) => m.relationToHead === HEAD_OF_HOUSEHOLD) ?? record.members[0];
  if (head) {
    const match = await matchHousehold(tx, head, record.members.filter((m) => m !== head), record.household, thresholds);
    const best = match.candidates[0];
    if (match.decision === "review" && best) {
      openReviewItem(tx, {
        kind: "duplicate_household",
        submissionId: submission.id,
        householdId: best.householdId,
        existingIndividualId: best.individualId,
        incomingLine: head.lineNumber,
        score: best.score,
        reasons: [REASONS.duplicateHousehold()],
      });
      submission.reasons = [REASONS.duplicateHousehold()];
      return "needs_review" as const;
    }
  }
  const applied = await createHousehold(tx, submission, record, thresholds);
  submission.householdId = applied.householdId;
  return settle(submission, applied.reviews);
}

async function integrateUpdate(tx: EntityManager, submission: Submission, record: Record, thresholds: MatchThresholds) {
  // The lock serialises every change to this household, across workers and machines.
  const household = await tx.findOne(Household, submission.householdId!, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!household) {
    submission.reasons = [REASONS.householdGone()];
    // Listed in the review queue so that a supervisor can send it back to the clerk.
    openReviewItem(tx, { kind: "rejected_submission", submissionId: submission.id, reasons: submission.reasons });
    return "rejected" as const;
  }
  if (household.version !== submission.baseVersion) {
    const reason = REASONS.staleUpdate(submission.baseVersion!, household.version);
    openReviewItem(tx, { kind: "stale_update", submissionId: submission.id, householdId: household.id, reasons: [reason] });
    submission.reasons = [reason];
    return "needs_review" as const;
  }
  const applied = await updateHousehold(tx, submission, household, record, thresholds);
  return settle(submission, applied.reviews);
}

function settle(submission: Submission, reviews: number) {
  if (!reviews) return "integrated" as const;
  submission.reasons = [{ rule: "duplicate_person", message: { fr: `${reviews} personne(s) à vérifier par un superviseur.`, en: `${reviews} person(s) to be checked by a supervisor.` } }];
  return "needs_review" as const;
}

function audit(tx: EntityManager, action: string, submissionId: string, details: { [key: string]: unknown }) {
  return recordAudit(tx, systemActor("worker"), { action, entityType: "submission", entityId: submissionId, details });
}
