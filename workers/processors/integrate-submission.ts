import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, OutboxEntry, Submission } from "../../api/entities";
import { systemActor } from "../../api/auth/actor";
import { recordAudits, type AuditEntry } from "../../api/audit/record-audit";
import { lockHouseholds } from "../../api/services/merge-persons";
import { validatorFor } from "../../api/services/form-validators";
import type { FieldError } from "../../schemas/contracts/api";
import type { IntegrateSubmissionPayload } from "../../schemas/contracts/jobs";
import { HEAD_OF_HOUSEHOLD } from "../../schemas/contracts/registry";
import { createHousehold, updateHousehold } from "../integrate/apply-household";
import { registryRecord } from "../integrate/household-from-submission";
import { lockPlaces } from "../integrate/lock-place";
import { matchHousehold } from "../integrate/match-household";
import type { MatchThresholds } from "../integrate/match-person";
import { openReviewItem, REASONS } from "../integrate/review-items";

export type IntegrationOutcome = "integrated" | "invalid" | "needs_review" | "rejected" | "already_done" | "unknown_submission";

/** Used when no configuration is passed (the defaults of api/config.ts). */
export const DEFAULT_THRESHOLDS: MatchThresholds = { link: 0.9, review: 0.7 };

/**
 * Integrates an accepted submission into the registry (issue #6), in one transaction that also removes
 * its outbox row, so a crash leaves either nothing or everything. Safe to run twice: the submission row is
 * locked and its stage checked first, and every change records its source submission under a unique
 * constraint (household_versions.submission_id). Bad data becomes a stored stage, never a retry; any
 * thrown error is an infrastructure error and the job is retried with backoff.
 *
 * With `batchSize` > 1 the same transaction also takes up to batchSize − 1 other received submissions
 * that no other worker holds (SKIP LOCKED), so that a busy queue pays one commit, one audit-chain lock
 * and one set of place locks per batch rather than per household; their own jobs then find them done.
 * If the batch fails, the job's own submission is integrated alone, so one bad row cannot hold back the
 * others (their jobs integrate them one by one).
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
  batchSize = 1,
): Promise<IntegrationOutcome> {
  if (batchSize > 1) {
    try {
      return await integrateBatch(em, submissionId, thresholds, batchSize);
    } catch {
      // Whatever failed rolled back with the batch; this submission is retried alone, below.
      em.clear();
    }
  }
  return integrateBatch(em, submissionId, thresholds, 1);
}

interface Pending {
  submission: Submission;
  errors: FieldError[];
  record: Record;
}

function integrateBatch(em: EntityManager, submissionId: string, thresholds: MatchThresholds, batchSize: number): Promise<IntegrationOutcome> {
  return em.transactional(async (tx) => {
    // Concurrent runs of one submission (a re-enqueued job, two workers) wait for each other here. Only
    // the stage is read: most jobs of a busy queue find their submission done by another's batch.
    const [own] = await tx.getConnection().execute<{ status: string }[]>(
      `select status from submissions where id = ? for update`,
      [submissionId],
      "all",
      tx.getTransactionContext(),
    );
    if (!own) return "unknown_submission";
    const others = own.status === "received" && batchSize > 1 ? await claimOthers(tx, submissionId, batchSize - 1) : [];
    const ids = own.status === "received" ? [submissionId, ...others] : [];
    await tx.nativeDelete(OutboxEntry, { submissionId: { $in: [submissionId, ...others] } });
    if (!ids.length) return "already_done";
    // The form versions (mask, schema, snapshot: large) are read once per batch, not joined to every row.
    const batch = await tx.find(Submission, { id: { $in: ids } }, { populate: ["formVersion.form"], strategy: "select-in", orderBy: { receivedAt: "asc" } });
    const pending = batch.map(prepare);
    await lockTargets(tx, pending);

    const outcomes = new Map<string, IntegrationOutcome>();
    const entries: AuditEntry[] = [];
    for (const p of pending) {
      const outcome = await integrateOne(tx, p, thresholds);
      outcomes.set(p.submission.id, outcome);
      const details = outcome === "invalid" ? { errors: p.errors.length } : { householdId: p.submission.householdId ?? null };
      entries.push({ action: `submission.${outcome}`, entityType: "submission", entityId: p.submission.id, details });
    }
    await tx.flush();
    await recordAudits(tx, systemActor("worker"), entries);
    return outcomes.get(submissionId) ?? "already_done";
  });
}

/** Other received submissions no other worker holds, oldest first, locked until the batch commits. */
async function claimOthers(tx: EntityManager, except: string, limit: number): Promise<string[]> {
  const rows = await tx.getConnection().execute<{ id: string }[]>(
    `select id from submissions where status = 'received' and id <> ? order by received_at limit ? for update skip locked`,
    [except, limit],
    "all",
    tx.getTransactionContext(),
  );
  return rows.map((r) => r.id);
}

function prepare(submission: Submission): Pending {
  const errors = validatorFor(submission.formVersion)(submission.data);
  return { submission, errors, record: registryRecord(submission.data, submission.formVersion.snapshot) };
}

/**
 * Takes, up front and in a fixed order, every lock the batch needs: the communes where it creates
 * households (two new households of one commune in flight at once would not see each other) and the
 * households it updates. Taken one by one as the batch went, two batches could deadlock.
 */
async function lockTargets(tx: EntityManager, pending: Pending[]): Promise<void> {
  const valid = pending.filter((p) => !p.errors.length);
  await lockPlaces(tx, valid.filter((p) => p.submission.baseVersion == null).map((p) => p.record.household.commune));
  const households = [...new Set(valid.flatMap((p) => (p.submission.baseVersion != null && p.submission.householdId ? [p.submission.householdId] : [])))].sort();
  if (households.length) await lockHouseholds(tx, households);
}

async function integrateOne(tx: EntityManager, { submission, errors, record }: Pending, thresholds: MatchThresholds): Promise<IntegrationOutcome> {
  if (errors.length) {
    submission.status = "invalid";
    submission.errors = errors;
    openReviewItem(tx, { kind: "invalid_submission", submissionId: submission.id });
    return "invalid";
  }
  const outcome = submission.baseVersion != null ? await integrateUpdate(tx, submission, record, thresholds) : await integrateNew(tx, submission, record, thresholds);
  submission.status = outcome;
  if (outcome === "integrated") submission.integratedAt = new Date();
  return outcome;
}

type Record = ReturnType<typeof registryRecord>;

/** The commune is locked (lockTargets): new households of one commune are matched and created one at a time. */
async function integrateNew(tx: EntityManager, submission: Submission, record: Record, thresholds: MatchThresholds) {
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
  // Locked by lockTargets: every change to this household is serialised, across workers and machines.
  const household = await tx.findOne(Household, submission.householdId!);
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
