import type { EntityManager } from "@mikro-orm/postgresql";
import { createValidator } from "../../schemas/compile";
import { canonicalJson } from "../../schemas/contracts/canonical-json";
import type { SubmissionAccepted, SubmissionRequest } from "../../schemas/contracts/api";
import { HOUSEHOLD_KEY_VARIABLES } from "../../schemas/contracts/registry";
import { submissionEnvelopeSchema } from "../../schemas/contracts/submission-envelope";
import { auditActor, coversPlace, type Actor } from "../auth/actor";
import { Household } from "../entities";
import { problems } from "../problems";
import type { StoredSubmission } from "../repositories/submission-batch.repository";
import type { SubmissionBatcher } from "./submission-batcher";
import { publishedVersion } from "./published-versions";
import { recordRefusal } from "./submission-refusals";
import { submissionContentHash } from "./hash";
import { takeFiles } from "./submission-files";

const validateEnvelope = createValidator(submissionEnvelopeSchema);

/**
 * Accepts a clerk's submission (DESIGN.md rules 1 and 2): checks the envelope and the answers against the
 * published version, then writes the submission, its outbox row and its audit row in one transaction shared
 * with concurrent submissions, and enqueues the integration job after commit. A retry with the same id and
 * content gets the same answer (`resent`: nothing was written); with other content, 409. Nothing is written for
 * refused input.
 */
export async function acceptSubmission(
  entityManager: () => EntityManager,
  batcher: SubmissionBatcher,
  body: unknown,
  actor: Actor,
  address: string | null,
): Promise<{ answer: SubmissionAccepted; resent: boolean }> {
  const envelopeErrors = validateEnvelope(body);
  if (envelopeErrors.length) throw problems.envelopeInvalid(envelopeErrors);
  const request = body as SubmissionRequest;
  const id = request.id.toLowerCase();

  const version = await publishedVersion(entityManager, request.formId, request.version);
  if (!version) throw problems.formVersionNotFound(request.formId, request.version);
  // A retired version stays readable (its submissions keep their meaning) but takes no new ones.
  if (version.retired) throw problems.formVersionRetired(request.formId, request.version);

  const dataErrors = version.validate(request.data);
  const place = placeOf(request.data);
  if (dataErrors.length) {
    // Counted in the administrator's report (issue #23): variables and codes only, nothing of the answers.
    const refusal = { submissionId: id, submittedBy: actor.userId, place, formId: request.formId, formVersion: request.version };
    await recordRefusal(entityManager(), { ...refusal, errors: dataErrors });
    throw problems.submissionInvalid(dataErrors);
  }
  // Clerks and supervisors collect only in their areas (the household's location answers say where);
  // checked before any answer about an earlier copy, so that nobody learns of ids outside their areas.
  if (!coversPlace(actor, "submissions:create", place)) throw problems.outsideArea();
  // The update target is part of the content only when given, so earlier hashes stay valid.
  const target = request.householdId ? { householdId: request.householdId.toLowerCase(), baseVersion: request.baseVersion! } : null;
  if (target) await checkUpdateTarget(entityManager(), target.householdId, actor);
  const dataJson = canonicalJson(request.data);
  const hash = submissionContentHash(dataJson, request.formId, request.version, target);
  // Files leave the answers after the hash, so that the same submission sent again hashes the same (issue #20).
  const attachments = version.files
    ? await takeFiles(entityManager(), version.files(request.data), request.data, id, {
        userId: actor.userId,
        householdId: target?.householdId ?? null,
      })
    : [];

  // Written together with the submissions arriving at the same moment (group commit, issue #22); answered
  // once this one's row is durable. A copy already there (a retry, or a double tap racing this one, even in
  // the same batch) inserts nothing and is answered from that copy.
  const outcome = await batcher.write({
    id,
    formVersionId: version.id,
    data: request.data,
    // The text hashed is the text stored, unless files were taken out of the answers after the hash.
    ...(version.files ? {} : { dataJson }),
    contentHash: hash,
    submittedBy: actor.userId,
    commune: place.commune,
    householdId: target?.householdId ?? null,
    baseVersion: target?.baseVersion ?? null,
    attachments,
    audit: {
      actor: auditActor(actor, address),
      entry: {
        action: "submission.create",
        entityType: "submission",
        entityId: id,
        details: { formId: request.formId, version: request.version },
      },
    },
  });
  if (!outcome.inserted) return { answer: sameAnswerOrConflict(id, outcome.earlier, hash, actor), resent: true };
  return { answer: { id, status: "received" }, resent: false };
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

/** A retry gets its first answer; an id already used elsewhere is refused as outside the caller's areas (#15). */
function sameAnswerOrConflict(id: string, earlier: StoredSubmission, hash: string, actor: Actor): SubmissionAccepted {
  if (!coversPlace(actor, "submissions:create", placeOf(earlier.data))) throw problems.outsideArea();
  if (earlier.contentHash !== hash) throw problems.submissionConflict(id);
  return { id, status: earlier.status };
}
