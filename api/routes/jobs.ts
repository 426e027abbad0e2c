import { type Context, Hono } from "hono";
import { INTEGRATION_QUEUE, JOB_QUEUES } from "../../schemas/contracts/jobs";
import type { FailedJob } from "../../schemas/contracts/operations";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import type { JobQueues } from "../queue/job-queues";
import { discardFailedJob, listFailedJobs, retryFailedJob } from "../services/failed-jobs";
import { oneOf, positiveInteger } from "./params";

/** Jobs of every queue that failed for good, for administrators (issues #6, #23): see, retry, discard. */
export function jobRoutes(queues: JobQueues) {
  const queueNamed = (raw: string | undefined) => oneOf("queue", raw, JOB_QUEUES) ?? INTEGRATION_QUEUE;
  return new Hono<AppEnv>()
    .get(
      "/failed",
      allow("jobs:manage"),
      describeRoute("Les tâches en échec définitif, par file.", "Jobs that failed for good, by queue.", { errors: ["invalidParameter"] }),
      async (c) => {
        const queue = oneOf("queue", c.req.query("queue"), JOB_QUEUES);
        const limit = positiveInteger("limit", c.req.query("limit"), { max: 500, fallback: 50 });
        const offset = positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000, fallback: 0 });
        return c.json(await listFailedJobs(queues, queue ? [queue] : JOB_QUEUES, limit, offset));
      },
    )
    .post(
      "/:id/retry",
      allow("jobs:manage"),
      describeRoute("Relance une tâche en échec.", "Retries a failed job.", { status: 202, errors: ["jobNotFound", "invalidParameter"] }),
      async (c) => {
        const name = queueNamed(c.req.query("queue"));
        const job = await retryFailedJob(queues.get(name)!, name, c.req.param("id"));
        await audit(c, "job.retry", job);
        return c.json(job, 202);
      },
    )
    .post(
      "/:id/discard",
      allow("jobs:manage"),
      describeRoute("Abandonne une tâche en échec.", "Discards a failed job.", {
        errors: ["jobNotFound", "jobStillNeeded", "invalidParameter"],
      }),
      async (c) => {
        const name = queueNamed(c.req.query("queue"));
        const job = await discardFailedJob(c.get("em"), queues.get(name)!, name, c.req.param("id"));
        await audit(c, "job.discard", job);
        return c.json(job);
      },
    );
}

/** Ids and codes only: a job's payload is never copied into the audit log. */
function audit(c: Context<AppEnv>, action: "job.retry" | "job.discard", job: FailedJob) {
  return c.get("em").transactional((tx) =>
    recordAudit(tx, auditActor(c.get("actor")!, c.get("address")), {
      action,
      entityType: "job",
      entityId: job.id,
      details: { queue: job.queue, name: job.name, reason: job.reason, submissionId: job.submissionId },
    }),
  );
}
