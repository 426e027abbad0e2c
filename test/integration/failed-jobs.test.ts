import { UnrecoverableError, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerConnection } from "../../api/queue/redis";
import { INTEGRATION_QUEUE, JOB_INTEGRATE_SUBMISSION } from "../../schemas/contracts/jobs";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * Failed jobs of every queue (issue #23): listed with a reason code and never the failure's text, retried
 * or discarded by an administrator, both audited; a job standing for an accepted submission not integrated
 * yet cannot be discarded.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("failed_jobs");
});
afterAll(() => ctx?.close());

const auditRows = async (action: string) =>
  ctx.orm.em.fork().getConnection().execute(`select entity_id, details from audit_log where action = ? order by seq`, [action]);

describe("failed jobs", () => {
  it("lists a broken job with its reason as a code, and discards it, audited", async () => {
    const workers = ctx.startWorkers();
    await ctx.queue.queue.add(JOB_INTEGRATE_SUBMISSION, { submissionId: "not-a-uuid" }, { jobId: "broken-job" });
    await ctx.drain();
    await workers.close();

    const page = await ctx.get("/api/jobs/failed");
    expect(page.body).toEqual({
      items: [
        {
          queue: "integration",
          id: "broken-job",
          name: JOB_INTEGRATE_SUBMISSION,
          submissionId: "not-a-uuid",
          reason: "invalid_payload",
          attempts: 1,
          failedAt: expect.any(String),
        },
      ],
      total: 1,
    });
    expect(JSON.stringify(page.body)).not.toContain("payload without");
    expect((await ctx.get("/api/jobs/failed?queue=nowhere")).body.error.code).toBe("invalid_parameter");

    expect((await ctx.post("/api/jobs/broken-job/discard?queue=integration", {}, "superviseur")).status).toBe(403);
    const discarded = await ctx.post("/api/jobs/broken-job/discard?queue=integration", {});
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ id: "broken-job", reason: "invalid_payload" });
    expect((await ctx.get("/api/jobs/failed")).body).toEqual({ items: [], total: 0 });
    expect((await ctx.post("/api/jobs/broken-job/discard", {})).body.error.code).toBe("job_not_found");
    expect(await auditRows("job.discard")).toEqual([
      {
        entity_id: "broken-job",
        details: { queue: "integration", name: JOB_INTEGRATE_SUBMISSION, reason: "invalid_payload", submissionId: "not-a-uuid" },
      },
    ]);
  });

  it("refuses to discard the job of an accepted submission not integrated yet, and retries it, audited", async () => {
    const sent = await ctx.submit(validHousehold(11));
    expect(sent.status).toBe(202);
    // The integration of this one submission fails for good, as a broken deployment would make it.
    const connection = workerConnection(ctx.config.redisUrl);
    const failing = new Worker(
      INTEGRATION_QUEUE,
      async () => {
        throw new UnrecoverableError("DatabaseError (42P01)");
      },
      { connection, prefix: ctx.config.queuePrefix },
    );
    const failed = new Promise((resolve) => failing.once("failed", resolve));
    await failed;
    await failing.close();
    connection.disconnect();

    const [job] = (await ctx.get("/api/jobs/failed")).body.items;
    expect(job).toMatchObject({ id: sent.body.id, submissionId: sent.body.id, reason: "database_error" });
    const refused = await ctx.post(`/api/jobs/${sent.body.id}/discard`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("job_still_needed");
    expect(refused.body.error.message.fr).toContain("ne peut pas être abandonnée");

    expect((await ctx.post(`/api/jobs/${sent.body.id}/retry`, {})).status).toBe(202);
    const workers = ctx.startWorkers();
    await ctx.drain();
    await workers.close();
    expect((await ctx.get(`/api/submissions/${sent.body.id}`)).body.status).toBe("integrated");
    expect(await auditRows("job.retry")).toEqual([
      {
        entity_id: sent.body.id,
        details: { queue: "integration", name: JOB_INTEGRATE_SUBMISSION, reason: "database_error", submissionId: sent.body.id },
      },
    ]);
    expect(await auditRows("job.discard")).toHaveLength(1);
  });
});
