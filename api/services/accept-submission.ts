import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { createValidator } from "../../schemas/compile";
import type { SubmissionAccepted, SubmissionRequest } from "../../schemas/contracts/api";
import { HOUSEHOLD_KEY_VARIABLES } from "../../schemas/contracts/registry";
import { submissionEnvelopeSchema } from "../../schemas/contracts/submission-envelope";
import { auditActor, coversPlace, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { Household, OutboxEntry, Submission } from "../entities";
import { problems } from "../problems";
import { findFormVersion } from "../repositories/form-versions.repository";
import { dispatchSubmission, type Dispatch } from "./dispatch-submission";
import { validatorFor } from "./form-validators";
import { contentHash } from "./hash";

const validateEnvelope = createValidator(submissionEnvelopeSchema);

/**
 * Accepts a clerk's submission (DESIGN.md rules 1 and 2): checks the envelope and the answers against the
 * published version, then writes the submission and its outbox row in one transaction and enqueues the
 * integration job after commit. A retry with the same id and content gets the same answer; with other
 * content, 409. Nothing is written for refused input.
 */
export async function acceptSubmission(
  em: EntityManager,
  dispatch: Dispatch,
  body: unknown,
  actor: Actor,
  address: string | null,
): Promise<SubmissionAccepted> {
  const envelopeErrors = validateEnvelope(body);
  if (envelopeErrors.length) throw problems.envelopeInvalid(envelopeErrors);
  const request = body as SubmissionRequest;
  const id = request.id.toLowerCase();

  const version = await findFormVersion(em, request.formId, request.version);
  if (!version) throw problems.formVersionNotFound(request.formId, request.version);
  // A retired version stays readable (its submissions keep their meaning) but takes no new ones.
  if (version.retiredAt) throw problems.formVersionRetired(request.formId, request.version);

  // The update target is part of the content only when given, so earlier hashes stay valid.
  const target = request.householdId ? { householdId: request.householdId.toLowerCase(), baseVersion: request.baseVersion! } : null;
  const hash = contentHash({ formId: request.formId, version: request.version, data: request.data, ...target });
  // Clerks and supervisors collect only in their areas (the household's location answers say where). Checked
  // before the id is looked up, so that a 409 never tells anyone that another area's submission exists (#15).
  const place = placeOf(request.data);
  if (!coversPlace(actor, "submissions:create", place)) throw problems.outsideArea();
  const earlier = await em.findOne(Submission, id);
  if (earlier) return sameAnswerOrConflict(earlier, hash, actor);

  const dataErrors = validatorFor(version)(request.data);
  if (dataErrors.length) throw problems.submissionInvalid(dataErrors);
  if (target) await checkUpdateTarget(em, target.householdId, actor);

  try {
    await em.transactional(async (tx) => {
      tx.create(Submission, {
        id,
        formVersion: version,
        data: request.data,
        contentHash: hash,
        status: "received",
        submittedBy: actor.userId,
        commune: place.commune,
        ...target,
      });
      tx.create(OutboxEntry, { submissionId: id, nextAttemptAt: dispatch.retryAt() });
      await tx.flush();
      await recordAudit(tx, auditActor(actor, address), {
        action: "submission.create",
        entityType: "submission",
        entityId: id,
        details: { formId: request.formId, version: request.version },
      });
    });
  } catch (error) {
    // Two copies of the same submission raced (a double tap, a retry over a slow link): the loser answers
    // as a retry would.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await em.fork().findOneOrFail(Submission, id);
    return sameAnswerOrConflict(winner, hash, actor);
  }
  await dispatchSubmission(em, dispatch, id);
  return { id, status: "received" };
}

/**
 * Update flow (issue #6): the household must exist and lie in the clerk's areas. Whether the base version
 * is still current is decided by the worker under the household's lock, not here (it may change meanwhile).
 */
async function checkUpdateTarget(em: EntityManager, householdId: string, actor: Actor) {
  const household = await em.findOne(Household, householdId);
  if (!household) throw problems.householdNotFound();
  if (!coversPlace(actor, "submissions:create", household)) throw problems.outsideArea();
}

/** Where a household is, from its answers; the variable codes are the registry's key columns. */
export function placeOf(data: Record<string, unknown>) {
  const code = (name: string) => (typeof data[name] === "string" ? (data[name] as string) : null);
  return {
    island: code(HOUSEHOLD_KEY_VARIABLES.island),
    prefecture: code(HOUSEHOLD_KEY_VARIABLES.prefecture),
    commune: code(HOUSEHOLD_KEY_VARIABLES.commune),
  };
}

/** A retry gets its first answer; an id already used elsewhere is refused as outside the caller's areas. */
function sameAnswerOrConflict(earlier: Submission, hash: string, actor: Actor): SubmissionAccepted {
  if (!coversPlace(actor, "submissions:create", placeOf(earlier.data))) throw problems.outsideArea();
  if (earlier.contentHash !== hash) throw problems.submissionConflict(earlier.id);
  return { id: earlier.id, status: earlier.status };
}
