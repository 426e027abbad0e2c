import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env";
import { coversPlace, type Actor } from "../auth/actor";
import { Submission } from "../entities";
import { allow } from "../middleware/authorize";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { submissionBody } from "../repositories/submissions.repository";
import { acceptSubmission, placeOf } from "../services/accept-submission";
import { returnSubmission, submissionReturnSchema } from "../services/submission-return";
import type { SubmissionReturnRequest } from "../../schemas/contracts/review";
import { uuid } from "./params";
import { validateBody } from "./validate-body";

export function submissionRoutes({ queue, logger, config }: AppDeps) {
  const dispatch = { queue, logger, retryAt: () => new Date(Date.now() + config.relayGraceMs) };
  return new Hono<AppEnv>()
    .post("/", allow("submissions:create"), jsonBody(), async (c) => {
      const accepted = await acceptSubmission(c.get("em"), dispatch, await readJson(c), c.get("actor")!, c.get("address"));
      return c.json(accepted, 202);
    })
    .get("/:id", allow("submissions:read"), async (c) => {
      const found = await c.get("em").findOne(Submission, uuid("id", c.req.param("id")), { populate: ["formVersion.form"] });
      if (!found) throw problems.submissionNotFound();
      checkMaySee(c.get("actor")!, found);
      return c.json(submissionBody(found));
    })
    .post("/:id/return", allow("review:decide"), jsonBody(), async (c) => {
      const request = validateBody<SubmissionReturnRequest>(submissionReturnSchema, await readJson(c));
      const returned = await returnSubmission(c.get("em"), uuid("id", c.req.param("id")), request, c.get("actor")!, c.get("address"));
      return c.json(submissionBody(returned));
    });
}

/** Clerks see only their own submissions; supervisors those of their areas. */
function checkMaySee(actor: Actor, submission: Submission) {
  const ownOnly = actor.roles.includes("clerk") && !actor.roles.some((r) => r === "admin" || r === "supervisor");
  if (ownOnly && submission.submittedBy !== actor.userId) throw problems.forbidden();
  if (!coversPlace(actor, placeOf(submission.data))) throw problems.outsideArea();
}
