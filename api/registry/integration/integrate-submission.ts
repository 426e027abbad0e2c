import type { EntityManager } from "@mikro-orm/postgresql";
import { ReviewItem } from "../../entities";
import { systemActor } from "../../auth/actor";
import { recordAudits, type AuditEntry } from "../../audit/record-audit";
import { validatorFor } from "../../services/form-validators";
import type { FieldError } from "../../../schemas/contracts/api";
import type { IntegrateSubmissionPayload } from "../../../schemas/contracts/jobs";
import { updateHousehold } from "../households/update-household";
import { readSubmissions, removeFromOutbox, writeStages, type IncomingSubmission } from "./batch-submissions";
import { claimBatch } from "./claim-batch";
import { rememberSettled, settledHere } from "./settled-here";
import { headIndex, registryRecord } from "../../../schemas/registry/household-from-submission";
import { lockHouseholds, lockNins, lockPlaces } from "../households/locks";
import { clashes, NinHolders, type NinClash } from "../households/nin-holders";
import { integrateNewHouseholds, type NewHouseholdResult } from "./new-households";
import type { MatchThresholds } from "../matching/match-person";
import { insertRows, queryRows } from "../../db/plain-sql";
import { REASONS, reviewItemRow, type NewReviewItem, type ReviewItemRow } from "../review/review-item-rows";

export type IntegrationOutcome = "integrated" | "invalid" | "needs_review" | "rejected" | "already_done" | "unknown_submission";

/** Used when no configuration is passed (the defaults of api/config.ts). */
export const DEFAULT_THRESHOLDS: MatchThresholds = { link: 0.99, review: 0.1 };

/**
 * Integrates an accepted submission into the registry (issue #6), in one transaction that also removes
 * its outbox row, so a crash leaves either nothing or everything. Safe to run twice: the submission row is
 * locked and its stage checked first, and every change records its source submission under a unique
 * constraint (household_versions.submission_id). Bad data becomes a stored stage, never a retry; any
 * thrown error is an infrastructure error and the job is retried with backoff.
 *
 * With `batchSize` > 1 the same transaction also takes up to batchSize − 1 other received submissions of
 * the same commune that no other worker holds (claim-batch.ts), so that a busy queue pays one commit, one audit-chain lock,
 * one set of place locks, one registry search and one insert per table per batch rather than per
 * household (workers/integrate/new-households.ts); their own jobs then find them done.
 * If the batch fails, the job's own submission is integrated alone, so one bad row cannot hold back the
 * others (their jobs integrate them one by one).
 *
 * - A new household is first checked against existing ones and those created earlier in the batch
 *   (matchHousehold's rules): a probable duplicate is not created but waits for a supervisor
 *   (duplicate_household, stage needs_review).
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
    // Most jobs of a busy queue find their submission settled by another job's batch, which removed its
    // outbox row in the same commit: one read outside any transaction says so.
    if (await settledAlready(em, submissionId)) return "already_done";
    try {
      const outcome = await integrateBatch(em, submissionId, thresholds, batchSize);
      // Held: another batch has this submission; this job integrated others meanwhile, and now waits for
      // that batch below (which, if it failed, leaves the submission to this job).
      if (outcome !== "held") return outcome;
    } catch {
      // Whatever failed rolled back with the batch; this submission is retried alone, below.
      em.clear();
    }
  }
  return (await integrateBatch(em, submissionId, thresholds, 1)) as IntegrationOutcome;
}

async function settledAlready(em: EntityManager, submissionId: string): Promise<boolean> {
  if (settledHere(em, submissionId)) return true;
  const [row] = await em.getConnection().execute<{ status: string }[]>(`select status from submissions where id = ?`, [submissionId]);
  return row !== undefined && row.status !== "received";
}

interface Pending {
  submission: IncomingSubmission;
  errors: FieldError[];
  record: Record;
}

async function integrateBatch(
  em: EntityManager,
  submissionId: string,
  thresholds: MatchThresholds,
  batchSize: number,
): Promise<IntegrationOutcome | "held"> {
  let settled: string[] = [];
  const outcome = await em.transactional(async (tx) => {
    const { own, ids, settling } = await claimBatch(tx, submissionId, batchSize);
    settled = settling;
    if (!own && batchSize === 1) return "unknown_submission";
    await removeFromOutbox(tx, settling);
    if (!ids.length) return own ? "already_done" : "held";
    const pending = (await readSubmissions(tx, ids)).map(prepare);
    await lockTargets(tx, pending);

    const outcomes = new Map<string, "integrated" | "invalid" | "needs_review" | "rejected">();
    // Review items the batch opens itself (invalid, stale, duplicate household), inserted together below.
    const reviews: ReviewItemRow[] = [];
    const open = (item: NewReviewItem) => reviews.push(reviewItemRow(item));
    // Updates first, one at a time (each locks and rereads its household); then the new households all
    // together. Neither can depend on the other: an update names a household that existed when it was filled.
    const creating: Pending[] = [];
    for (const p of pending) {
      if (!p.errors.length && p.submission.baseVersion == null) creating.push(p);
      else outcomes.set(p.submission.id, await integrateOne(tx, p, thresholds, open));
    }
    const created = await integrateNewHouseholds(tx, creating, thresholds);
    creating.forEach((p, i) => {
      outcomes.set(p.submission.id, settleNew(p.submission, p.record, created[i]!, open));
    });
    const entries: AuditEntry[] = pending.map(({ submission, errors }) => {
      const outcome = outcomes.get(submission.id)!;
      const details = outcome === "invalid" ? { errors: errors.length } : { householdId: submission.householdId ?? null };
      return { action: `submission.${outcome}` as const, entityType: "submission" as const, entityId: submission.id, details };
    });
    await insertRows(tx, ReviewItem, reviews);
    await writeStages(
      tx,
      pending.map((p) => p.submission),
    );
    await recordAudits(tx, systemActor("worker"), entries);
    return own ? (outcomes.get(submissionId) ?? "already_done") : "held";
  });
  rememberSettled(em, settled);
  return outcome;
}

function prepare(submission: IncomingSubmission): Pending {
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
  await lockPlaces(
    tx,
    valid.filter((p) => p.submission.baseVersion == null).map((p) => p.record.household.commune),
  );
  const households = [
    ...new Set(valid.flatMap((p) => (p.submission.baseVersion != null && p.submission.householdId ? [p.submission.householdId] : []))),
  ].sort();
  if (households.length) await lockHouseholds(tx, households);
  await lockNins(
    tx,
    valid.flatMap((p) => p.record.members.map((m) => m.nin)),
  );
}

type Open = (item: NewReviewItem) => void;

/** An invalid submission, or an update of an existing household. */
async function integrateOne(
  tx: EntityManager,
  { submission, errors, record }: Pending,
  thresholds: MatchThresholds,
  open: Open,
): Promise<"integrated" | "invalid" | "needs_review" | "rejected"> {
  if (errors.length) {
    submission.status = "invalid";
    submission.errors = errors;
    open({ kind: "invalid_submission", submissionId: submission.id });
    return "invalid";
  }
  return stage(submission, await integrateUpdate(tx, submission, record, thresholds, open));
}

type Record = ReturnType<typeof registryRecord>;

/** A new household created, or held back as a probable duplicate of an existing one (matchHousehold). */
function settleNew(submission: IncomingSubmission, record: Record, result: NewHouseholdResult, open: Open) {
  if (result.created) {
    submission.householdId = result.householdId;
    return stage(submission, settle(submission, result.reviews));
  }
  if (!result.match) return stage(submission, holdForNins(submission, result.clash, null, open));
  const reasons = [...result.clash.held.map((h) => REASONS.ninHeld(h.line)), REASONS.duplicateHousehold()];
  const best = result.match.candidates[0]!;
  const head = record.members[headIndex(record.members)]!;
  open({
    kind: "duplicate_household",
    submissionId: submission.id,
    householdId: best.householdId,
    existingIndividualId: best.individualId,
    incomingLine: head.lineNumber,
    score: best.score,
    reasons,
  });
  submission.reasons = reasons;
  return stage(submission, "needs_review");
}

/**
 * A roster that repeats a NIN is rejected (sent back to the clerk); one that gives a NIN naming a member of
 * another household waits for a supervisor (issue #14): « same » moves that person here, « different »
 * rejects the submission (review-decision.ts). Reviewed, not moved automatically: a NIN is typed by a clerk,
 * and one wrong digit would silently take a member out of another household (DESIGN.md rule 10: no member
 * dropped without a person deciding); a NIN also names its holder anywhere, so a supervisor sees both sides.
 */
function holdForNins(submission: IncomingSubmission, clash: NinClash, householdId: string | null, open: Open) {
  if (clash.repeated.length) {
    submission.reasons = clash.repeated.map((r) => REASONS.ninRepeated(r.line, r.firstLine));
    open({ kind: "rejected_submission", submissionId: submission.id, reasons: submission.reasons });
    return "rejected" as const;
  }
  const [first] = clash.held;
  submission.reasons = clash.held.map((h) => REASONS.ninHeld(h.line));
  open({
    kind: "person_move",
    submissionId: submission.id,
    householdId,
    incomingLine: first!.line,
    existingIndividualId: first!.holder.individualId,
    reasons: submission.reasons,
  });
  return "needs_review" as const;
}

function stage(submission: IncomingSubmission, outcome: "integrated" | "needs_review" | "rejected") {
  submission.status = outcome;
  if (outcome === "integrated") submission.integratedAt = new Date();
  return outcome;
}

async function integrateUpdate(tx: EntityManager, submission: IncomingSubmission, record: Record, thresholds: MatchThresholds, open: Open) {
  // Locked by lockTargets: every change to this household is serialised, across workers and machines.
  const [household] = await queryRows<{ id: string; version: number }>(tx, `select id, version from households where id = ?`, [
    submission.householdId,
  ]);
  if (!household) {
    submission.reasons = [REASONS.householdGone()];
    // Listed in the review queue so that a supervisor can send it back to the clerk.
    open({ kind: "rejected_submission", submissionId: submission.id, reasons: submission.reasons });
    return "rejected" as const;
  }
  if (household.version !== submission.baseVersion) {
    const reason = REASONS.staleUpdate(submission.baseVersion!, household.version);
    open({ kind: "stale_update", submissionId: submission.id, householdId: household.id, reasons: [reason] });
    submission.reasons = [reason];
    return "needs_review" as const;
  }
  const clash = (
    await NinHolders.read(
      tx,
      record.members.map((m) => m.nin),
    )
  ).clash(record.members, household.id);
  if (clashes(clash)) return holdForNins(submission, clash, household.id, open);
  const applied = await updateHousehold(tx, submission, household, record, thresholds);
  return settle(submission, applied.reviews);
}

function settle(submission: IncomingSubmission, reviews: number) {
  if (!reviews) return "integrated" as const;
  submission.reasons = [
    {
      rule: "duplicate_person",
      message: { fr: `${reviews} personne(s) à vérifier par un superviseur.`, en: `${reviews} person(s) to be checked by a supervisor.` },
    },
  ];
  return "needs_review" as const;
}
