import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { submissionBody } from "../repositories/submissions.repository";
import { acceptSubmission } from "../services/accept-submission";
import { Submission } from "../entities";
import { uuid } from "./params";

export function submissionRoutes({ queue, logger, config }: AppDeps) {
  const dispatch = { queue, logger, retryAt: () => new Date(Date.now() + config.relayGraceMs) };
  return new Hono<AppEnv>()
    .post("/", jsonBody(), async (c) => {
      const accepted = await acceptSubmission(c.get("em"), dispatch, await readJson(c));
      return c.json(accepted, 202);
    })
    .get("/:id", async (c) => {
      const found = await c.get("em").findOne(Submission, uuid("id", c.req.param("id")), { populate: ["formVersion.form"] });
      if (!found) throw problems.submissionNotFound();
      return c.json(submissionBody(found));
    });
}
