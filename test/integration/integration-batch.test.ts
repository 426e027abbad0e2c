import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEvent, Household, HouseholdVersion, OutboxEntry, Submission } from "../../api/entities";
import { integrateSubmission } from "../../api/registry/integration/integrate-submission";
import { validHousehold, type Response } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { chainAndAnchor, verifyAudit } from "../helpers/audit-log";

/**
 * Batched integration (issue #6): a job takes other received submissions into its transaction. Two jobs
 * running at once on the same 50 submissions must share them out, never apply one twice, and leave one
 * audit row per submission on an intact chain. No worker runs here: the jobs are called as the worker does.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("integration_batch");
});
afterAll(() => ctx?.close());

async function submit(data: Response): Promise<string> {
  for (const member of data.members as Record<string, unknown>[]) delete member.nin;
  const res = await ctx.submit(data);
  expect(res.status).toBe(202);
  return res.body.id;
}

describe("integration in batches", () => {
  it("integrates 50 submissions with two concurrent batch runs, each exactly once", { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await submit(validHousehold(5000 + i)));
    const thresholds = ctx.config.matchThresholds;
    // Two "workers", each running every job in turn (as a re-enqueued queue would), batches of 10.
    const run = async (order: string[]) => {
      const outcomes: string[] = [];
      for (const submissionId of order) outcomes.push(await integrateSubmission(ctx.orm.em.fork(), { submissionId }, thresholds, 10));
      return outcomes;
    };
    const [a, b] = await Promise.all([run(ids), run([...ids].reverse())]);
    // Both runs took batches; a job returns its own submission's outcome, often done by another batch.
    expect(a.some((o) => o !== "already_done") && b.some((o) => o !== "already_done")).toBe(true);

    const em = ctx.orm.em.fork();
    const submissions = await em.find(Submission, { id: { $in: ids } });
    expect(submissions.filter((s) => s.status === "received")).toEqual([]);
    // Exactly one change per submission that made one (integrated, or created with a person to review),
    // none for one held back as a probable duplicate household.
    for (const s of submissions) {
      expect(await em.count(HouseholdVersion, { submissionId: s.id })).toBe(s.householdId ? 1 : 0);
      expect(await em.count(Household, { sourceSubmissionId: s.id })).toBe(s.householdId ? 1 : 0);
    }
    expect(submissions.filter((s) => s.status === "integrated").length).toBeGreaterThan(0);
    expect(await em.count(OutboxEntry, { submissionId: { $in: ids } })).toBe(0);
    const audited = await em.find(AuditEvent, {
      entityType: "submission",
      entityId: { $in: ids },
      action: { $like: "submission.%" },
      actor: "worker",
    });
    expect(audited.map((e) => e.entityId).sort()).toEqual([...ids].sort());
    await chainAndAnchor(ctx.config);
    expect(await verifyAudit(ctx.config)).toMatchObject({ ok: true, pending: 0 });
  });

  it("takes the submissions of one commune into a batch, and leaves the others to other batches", async () => {
    const ids: string[] = [];
    for (let seed = 6000; ids.length < 12; seed++) ids.push(await submit(validHousehold(seed)));
    const em = ctx.orm.em.fork();
    // The API keeps the commune its answers name with each submission.
    const received = await em.find(Submission, { id: { $in: ids } }, { orderBy: { receivedAt: "asc" } });
    for (const s of received) expect(s.commune).toBe(s.data.commune);
    const communes = new Set(received.map((s) => s.commune));
    expect(communes.size).toBeGreaterThan(1);

    const first = received[0]!;
    await integrateSubmission(ctx.orm.em.fork(), { submissionId: first.id }, ctx.config.matchThresholds, 50);
    const after = await ctx.orm.em.fork().find(Submission, { id: { $in: ids } });
    const settled = after.filter((s) => s.status !== "received");
    expect(settled.map((s) => s.commune)).toEqual(settled.map(() => first.commune));
    expect(settled.length).toBe(received.filter((s) => s.commune === first.commune).length);
  });
});
