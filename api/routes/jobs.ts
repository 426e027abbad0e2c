import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { allow } from "../middleware/authorize";
import { listFailedJobs, retryFailedJob } from "../services/failed-jobs";
import { positiveInteger } from "./params";

/** Integration jobs that failed for good, for administrators (issue #6). */
export function jobRoutes({ queue }: AppDeps) {
  return new Hono<AppEnv>()
    .get("/failed", allow("jobs:manage"), async (c) => {
      const limit = positiveInteger("limit", c.req.query("limit"), { max: 500, fallback: 50 });
      const offset = positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000_000, fallback: 0 });
      return c.json(await listFailedJobs(queue, limit, offset));
    })
    .post("/:id/retry", allow("jobs:manage"), async (c) => {
      const job = await retryFailedJob(queue, c.req.param("id"));
      await c.get("em").transactional((tx) =>
        recordAudit(tx, auditActor(c.get("actor")!, c.get("address")), {
          action: "job.retry",
          entityType: "job",
          entityId: job.id,
          details: { submissionId: job.submissionId },
        }),
      );
      return c.json(job, 202);
    });
}
