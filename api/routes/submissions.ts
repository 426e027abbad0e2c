import type { EntityManager } from "@mikro-orm/postgresql";
import { Hono } from "hono";
import { SUBMISSION_STAGES } from "../../schemas/contracts/submissions";
import type { AppDeps, AppEnv } from "../app-env";
import { coversPlace, isAreaBound, type Actor } from "../auth/actor";
import { Submission } from "../entities";
import { allow } from "../middleware/authorize";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { submissionBody } from "../repositories/submissions.repository";
import { acceptSubmission, placeOf } from "../services/accept-submission";
import { submissionAnswers } from "../services/form-answers";
import { listSubmissions } from "../services/list-submissions";
import { redactorFor } from "../services/redaction";
import { returnSubmission, submissionReturnSchema } from "../services/submission-return";
import type { SubmissionReturnRequest } from "../../schemas/contracts/review";
import { oneOf, positiveInteger, uuid } from "./params";
import { validateBody } from "./validate-body";

export function submissionRoutes({ queue, logger, config }: AppDeps) {
  const dispatch = { queue, logger, retryAt: () => new Date(Date.now() + config.relayGraceMs) };
  return (
    new Hono<AppEnv>()
      .post("/", allow("submissions:create"), jsonBody(), async (c) => {
        const accepted = await acceptSubmission(c.get("em"), dispatch, await readJson(c), c.get("actor")!, c.get("address"));
        return c.json(accepted, 202);
      })
      // « Mes envois » (mine=1, and always for clerks); supervisors and administrators: the submissions of their areas.
      .get("/", allow("submissions:read"), async (c) => {
        const actor = c.get("actor")!;
        const mine = oneOf("mine", c.req.query("mine"), ["0", "1"]) === "1" || seesOwnOnly(actor);
        if (mine && !actor.userId) throw problems.forbidden();
        return c.json(
          await listSubmissions(
            c.get("em"),
            {
              submittedBy: mine ? actor.userId! : undefined,
              areas: isAreaBound(actor) ? actor.areas : undefined,
              stage: oneOf("stage", c.req.query("stage"), SUBMISSION_STAGES),
              limit: positiveInteger("limit", c.req.query("limit"), { max: 200, fallback: 20 }),
              offset: positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000_000, fallback: 0 }),
            },
            await redactorFor(c.get("em"), actor),
          ),
        );
      })
      .get("/:id", allow("submissions:read"), async (c) =>
        c.json(submissionBody(await visibleSubmission(c.get("em"), c.get("actor")!, c.req.param("id")))),
      )
      // A submission's answers, fitted to the form's newest version, to correct it and send it again.
      .get("/:id/answers", allow("submissions:create"), async (c) => {
        const em = c.get("em");
        return c.json(await submissionAnswers(em, await visibleSubmission(em, c.get("actor")!, c.req.param("id"))));
      })
      .post("/:id/return", allow("review:decide"), jsonBody(), async (c) => {
        const request = validateBody<SubmissionReturnRequest>(submissionReturnSchema, await readJson(c));
        const returned = await returnSubmission(c.get("em"), uuid("id", c.req.param("id")), request, c.get("actor")!, c.get("address"));
        return c.json(submissionBody(returned));
      })
  );
}

async function visibleSubmission(em: EntityManager, actor: Actor, rawId: string): Promise<Submission> {
  const found = await em.findOne(Submission, uuid("id", rawId), { populate: ["formVersion.form"] });
  if (!found) throw problems.submissionNotFound();
  checkMaySee(actor, found);
  return found;
}

/** Clerks see only their own submissions; supervisors those of their areas. */
function checkMaySee(actor: Actor, submission: Submission) {
  if (seesOwnOnly(actor) && submission.submittedBy !== actor.userId) throw problems.forbidden();
  if (!coversPlace(actor, placeOf(submission.data))) throw problems.outsideArea();
}

function seesOwnOnly(actor: Actor): boolean {
  return actor.roles.includes("clerk") && !actor.roles.some((r) => r === "admin" || r === "supervisor");
}
