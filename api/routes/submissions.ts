import { submissionEnvelopeSchema } from "../../schemas/contracts/submission-envelope";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Hono } from "hono";
import { MAX_SUBMISSION_BODY_BYTES } from "../../schemas/contracts/attachments";
import { SUBMISSION_STAGES } from "../../schemas/contracts/submissions";
import type { AppDeps, AppEnv } from "../app-env";
import { scopesFor, type Actor } from "../auth/actor";
import type { Permission } from "../auth/permissions";
import { Submission } from "../entities";
import { allow } from "../middleware/authorize";
import { requestEm } from "../middleware/entity-manager";
import { describeRoute } from "../openapi/describe";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { submissionAttachment } from "../repositories/attachments.repository";
import { submissionBody } from "../repositories/submissions.repository";
import { acceptSubmission } from "../services/accept-submission";
import { submissionAnswers } from "../services/form-answers";
import { submissionBatcher } from "../services/submission-batcher";
import { listSubmissions, submissionInScope } from "../services/list-submissions";
import { redactorFor, redactorsFor } from "../services/redaction";
import { returnSubmission, submissionReturnSchema } from "../services/submission-return";
import type { SubmissionReturnRequest } from "../../schemas/contracts/review";
import { fileResponse } from "./file-response";
import { oneOf, positiveInteger, uuid } from "./params";
import { validateBody } from "./validate-body";

export function submissionRoutes({ orm, queue, logger, config }: AppDeps) {
  const dispatch = { queue, logger, retryAt: () => new Date(Date.now() + config.relayGraceMs) };
  // One batcher per application: its submissions share transactions (group commit, issue #22).
  const batcher = submissionBatcher(orm, dispatch, config.submissionBatch);
  return (
    new Hono<AppEnv>()
      .post(
        "/",
        allow("submissions:create"),
        describeRoute(
          "Envoie une saisie (identifiant choisi par le client, idempotent) ; 202 dès qu'elle est enregistrée.",
          "Sends a submission (client-chosen id, idempotent); 202 once stored.",
          {
            body: submissionEnvelopeSchema,
            status: 202,
            errors: [
              "envelopeInvalid",
              "submissionInvalid",
              "submissionConflict",
              "formVersionNotFound",
              "formVersionRetired",
              "submissionFilesTooLarge",
              "householdNotFound",
              "outsideArea",
            ],
          },
        ),
        // Room for photos (issue #20): 20 MB of files a submission, in base64, and its answers.
        jsonBody(MAX_SUBMISSION_BODY_BYTES),
        async (c) => {
          const { answer, resent } = await acceptSubmission(
            () => requestEm(c),
            batcher,
            await readJson(c),
            c.get("actor")!,
            c.get("address"),
          );
          c.set("submissionResent", resent);
          return c.json(answer, 202);
        },
      )
      // « Mes envois » (mine=1, and always for clerks); supervisors and administrators: the submissions of their areas.
      .get(
        "/",
        allow("submissions:read"),
        describeRoute("Les saisies visibles (les siennes pour un agent), par étape.", "Visible submissions (a clerk's own), by stage.", {
          errors: ["invalidParameter"],
        }),
        async (c) => {
          const actor = c.get("actor")!;
          const scopes = scopesFor(actor, "submissions:read");
          return c.json(
            await listSubmissions(
              c.get("em"),
              {
                userId: actor.userId,
                mine: oneOf("mine", c.req.query("mine"), ["0", "1"]) === "1",
                scopes,
                stage: oneOf("stage", c.req.query("stage"), SUBMISSION_STAGES),
                limit: positiveInteger("limit", c.req.query("limit"), { max: 200, fallback: 20 }),
                offset: positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000_000, fallback: 0 }),
              },
              await redactorsFor(c.get("em"), scopes),
            ),
          );
        },
      )
      .get(
        "/:id",
        allow("submissions:read"),
        describeRoute("Une saisie et son état d'intégration.", "A submission and its integration status.", {
          errors: ["submissionNotFound", "outsideArea", "invalidParameter"],
        }),
        async (c) => c.json(submissionBody(await visibleSubmission(c.get("em"), c.get("actor")!, "submissions:read", c.req.param("id")))),
      )
      // A submission's answers, fitted to the form's newest version, to correct it and send it again.
      .get(
        "/:id/answers",
        allow("submissions:create"),
        describeRoute("Les réponses d'une saisie, pour la corriger.", "A submission's answers, to correct it.", {
          errors: ["submissionNotFound", "outsideArea", "invalidParameter"],
        }),
        async (c) => {
          const em = c.get("em");
          return c.json(await submissionAnswers(em, await visibleSubmission(em, c.get("actor")!, "submissions:create", c.req.param("id"))));
        },
      )
      // A file, photo or signature of a submission not integrated yet (issue #20): a reviewer sees what was sent.
      .get(
        "/:id/attachments/:attachment",
        allow("submissions:read"),
        describeRoute(
          "Un fichier, une photo ou une signature d'une saisie, pour qui peut lire la saisie et la réponse.",
          "A file, photo or signature of a submission, for whoever may read the submission and that answer.",
          {
            mediaType: "application/octet-stream",
            errors: ["submissionNotFound", "outsideArea", "forbidden", "attachmentNotFound", "invalidParameter"],
          },
        ),
        async (c) => {
          const em = c.get("em");
          const actor = c.get("actor")!;
          const submission = await visibleSubmission(em, actor, "submissions:read", c.req.param("id"));
          const file = await submissionAttachment(em, submission.id, uuid("attachment", c.req.param("attachment")));
          if (!file) throw problems.attachmentNotFound();
          const covering = scopesFor(actor, "submissions:read").filter((scope) => submissionInScope(scope, submission, actor.userId));
          if (!(await redactorFor(em, covering)).may(file.variable)) throw problems.forbidden();
          return fileResponse(c, file);
        },
      )
      .post(
        "/:id/return",
        allow("review:decide"),
        describeRoute("Renvoie une saisie à l'agent avec un commentaire.", "Sends a submission back to the clerk with a comment.", {
          body: submissionReturnSchema,
          errors: ["submissionNotFound", "outsideArea", "invalidParameter"],
        }),
        jsonBody(),
        async (c) => {
          const request = validateBody<SubmissionReturnRequest>(submissionReturnSchema, await readJson(c));
          const returned = await returnSubmission(c.get("em"), uuid("id", c.req.param("id")), request, c.get("actor")!, c.get("address"));
          return c.json(submissionBody(returned));
        },
      )
  );
}

/** A submission one of the caller's roles holding the permission reaches: clerks their own, supervisors their areas'. */
async function visibleSubmission(em: EntityManager, actor: Actor, permission: Permission, rawId: string): Promise<Submission> {
  const found = await em.findOne(Submission, uuid("id", rawId), { populate: ["formVersion.form"] });
  if (!found) throw problems.submissionNotFound();
  const scopes = scopesFor(actor, permission);
  if (scopes.some((scope) => submissionInScope(scope, found, actor.userId))) return found;
  // Kept apart so that a clerk learns "not yours" and a supervisor "not your area", as before.
  throw scopes.every((scope) => scope.ownSubmissionsOnly) && found.submittedBy !== actor.userId
    ? problems.forbidden()
    : problems.outsideArea();
}
