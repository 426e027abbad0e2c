import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainAuditRows, horizonReached, takeHorizon } from "../../api/audit/chain-audit";
import { recordAudit } from "../../api/audit/record-audit";
import { systemActor } from "../../api/auth/actor";
import { asApp, verifyAudit } from "../helpers/audit-log";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * The sequencer of the audit log (issues #15, #22): writers append without a lock, and a row whose
 * transaction commits after a higher-numbered one is still chained, in number order.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("audit_sequencer", { AUDIT_CHAIN_INTERVAL_MS: "100" });
});
afterAll(() => ctx?.close());

const head = () =>
  asApp(ctx.config, async (sql) => Number((await sql.query("select coalesce(max(seq), 0) as seq from audit_chain")).rows[0]!.seq));
const last = () => asApp(ctx.config, async (sql) => Number((await sql.query("select max(seq) as seq from audit_log")).rows[0]!.seq));

describe("audit sequencer", () => {
  it("waits for a transaction holding a lower number, then chains both rows in number order", async () => {
    let releaseLow!: () => void;
    const lowMayCommit = new Promise<void>((resolve) => (releaseLow = resolve));
    let lowWritten!: () => void;
    const lowHasNumber = new Promise<void>((resolve) => (lowWritten = resolve));
    // The lower number's transaction stays open while a higher one commits.
    const low = ctx.orm.em.fork().transactional(async (tx) => {
      await recordAudit(tx, systemActor("test"), { action: "job.retry", entityType: "job" });
      lowWritten();
      await lowMayCommit;
    });
    await lowHasNumber;
    await ctx.orm.em.fork().transactional((tx) => recordAudit(tx, systemActor("test"), { action: "job.discard", entityType: "job" }));

    await asApp(ctx.config, async (sql) => {
      const horizon = await takeHorizon(sql);
      expect(await horizonReached(sql, horizon)).toBe(false);
      releaseLow();
      await low;
      while (!(await horizonReached(sql, horizon))) await new Promise((resolve) => setTimeout(resolve, 20));
      await chainAuditRows(sql, ctx.config.audit.anchorKey, horizon.seq);
      const chained = (await sql.query("select l.action from audit_chain c join audit_log l using (seq) order by c.n desc limit 2")).rows;
      expect(chained.map((r) => r.action)).toEqual(["job.discard", "job.retry"]);
    });
    expect(await verifyAudit(ctx.config)).toMatchObject({ ok: true, pending: 0 });
  });

  it("runs in the workers: new rows are chained and the head anchored in a file, while writers go on", async () => {
    const workers = ctx.startWorkers();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.orm.em
          .fork()
          .transactional((tx) => recordAudit(tx, systemActor("test"), { action: "user.update", entityType: "user", entityId: `${i}` })),
      ),
    );
    const target = await last();
    while ((await head()) < target) await new Promise((resolve) => setTimeout(resolve, 50));
    await workers.close();
    const anchors = (await readFile(ctx.config.audit.anchorFile, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(anchors.at(-1)).toMatchObject({ seq: target });
    const report = await verifyAudit(ctx.config);
    expect(report).toMatchObject({ ok: true, pending: 0, findings: [] });
    expect(report.latestAnchor?.seq).toBe(target);
  });

  it("leaves the application role unable to update, delete or truncate the audit tables, yet able to append", async () => {
    await asApp(ctx.config, async (sql) => {
      for (const table of ["audit_log", "audit_chain"]) {
        await expect(sql.query(`update ${table} set seq = seq`)).rejects.toThrow(`permission denied for table ${table}`);
        await expect(sql.query(`delete from ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
        await expect(sql.query(`truncate ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
      }
      await expect(sql.query("set session_replication_role = replica")).rejects.toThrow(/permission denied/);
    });
    await ctx.orm.em
      .fork()
      .transactional((tx) => recordAudit(tx, systemActor("test"), { action: "token.revoke", entityType: "api_token" }));
    expect(await ctx.orm.em.getConnection().execute("select current_user as role")).toEqual([{ role: "rsu_app" }]);
  });
});
