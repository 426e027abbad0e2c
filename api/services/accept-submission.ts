import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { createValidator } from "../../schemas/compile";
import type { SubmissionAccepted, SubmissionRequest } from "../../schemas/contracts/api";
import { submissionEnvelopeSchema } from "../../schemas/contracts/submission-envelope";
import { OutboxEntry, Submission } from "../entities";
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
export async function acceptSubmission(em: EntityManager, dispatch: Dispatch, body: unknown): Promise<SubmissionAccepted> {
  const envelopeErrors = validateEnvelope(body);
  if (envelopeErrors.length) throw problems.envelopeInvalid(envelopeErrors);
  const request = body as SubmissionRequest;
  const id = request.id.toLowerCase();

  const version = await findFormVersion(em, request.formId, request.version);
  if (!version) throw problems.formVersionNotFound(request.formId, request.version);

  const hash = contentHash({ formId: request.formId, version: request.version, data: request.data });
  const earlier = await em.findOne(Submission, id);
  if (earlier) return sameAnswerOrConflict(earlier, hash);

  const dataErrors = validatorFor(version)(request.data);
  if (dataErrors.length) throw problems.submissionInvalid(dataErrors);

  try {
    await em.transactional(async (tx) => {
      tx.create(Submission, { id, formVersion: version, data: request.data, contentHash: hash, status: "received" });
      tx.create(OutboxEntry, { submissionId: id, nextAttemptAt: dispatch.retryAt() });
    });
  } catch (error) {
    // Two copies of the same submission raced (a double tap, a retry over a slow link): the loser answers
    // as a retry would.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await em.fork().findOneOrFail(Submission, id);
    return sameAnswerOrConflict(winner, hash);
  }
  await dispatchSubmission(em, dispatch, id);
  return { id, status: "received" };
}

function sameAnswerOrConflict(earlier: Submission, hash: string): SubmissionAccepted {
  if (earlier.contentHash !== hash) throw problems.submissionConflict(earlier.id);
  return { id: earlier.id, status: earlier.status };
}

