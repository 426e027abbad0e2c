import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkQueueStuck } from "../../api/services/incident-alarms";
import { asOwner, chainAndAnchor } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { runCli } from "../helpers/run-cli";
import { createTestContext, type TestContext } from "../helpers/test-context";

/** The incident register (issue #23): opened, followed, closed with its root cause, audited; alarms open one. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("incidents");
});
afterAll(() => ctx?.close());

const sql = (text: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute(text, params);

describe("incident register", () => {
  it("opens an incident, records actions, refuses to close it without root cause and measure, closes it, all audited", async () => {
    const refused = await ctx.post("/api/incidents", { severity: "major", title: "Panne", description: "x", systems: [] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d: any) => d.pointer)).toEqual(["/systems"]);
    expect((await ctx.post("/api/incidents", {}, "superviseur")).status).toBe(403);

    const opened = await ctx.post("/api/incidents", {
      severity: "major",
      title: "Coupure du réseau à Moroni",
      description: "Les tablettes ne synchronisent plus depuis 9 h.",
      systems: ["network", "field"],
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ number: 1, status: "open", alarm: null, openedBy: "Administrateur démo", actions: [] });
    const id = opened.body.id;

    expect((await ctx.post(`/api/incidents/${id}/actions`, { text: "Opérateur appelé." })).body.actions).toEqual([
      { id: expect.any(String), at: expect.any(String), by: "Administrateur démo", text: "Opérateur appelé." },
    ]);
    expect((await ctx.patch(`/api/incidents/${id}`, { rootCause: "Câble coupé par des travaux." })).body.rootCause).toBe(
      "Câble coupé par des travaux.",
    );
    const early = await ctx.post(`/api/incidents/${id}/close`, { rootCause: "Câble coupé par des travaux." });
    expect(early.status).toBe(422);
    expect(early.body.error.details.map((d: any) => d.pointer)).toEqual(["/preventiveMeasure"]);

    const closed = await ctx.post(`/api/incidents/${id}/close`, {
      rootCause: "Câble coupé par des travaux.",
      preventiveMeasure: "Deuxième lien par un autre opérateur.",
    });
    expect(closed.body).toMatchObject({
      status: "closed",
      closedBy: "Administrateur démo",
      preventiveMeasure: "Deuxième lien par un autre opérateur.",
    });
    const late = await ctx.post(`/api/incidents/${id}/actions`, { text: "Trop tard." });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("incident_closed");

    const audit = await sql(`select action, details from audit_log where entity_type = 'incident' and entity_id = ? order by seq`, [id]);
    expect(audit.map((a: any) => a.action)).toEqual(["incident.open", "incident.action", "incident.update", "incident.close"]);
    // The texts stay in the register, not in the audit log.
    expect(JSON.stringify(audit)).not.toContain("Câble");
  });

  it("opens one « queue stuck » incident when integration waits too long, not one per check", async () => {
    const sent = await ctx.submit(validHousehold(1));
    expect(sent.status).toBe(202);
    expect(await checkQueueStuck(ctx.orm.em.fork(), 900)).toBe(false);
    await sql(`update outbox set created_at = now() - interval '20 minutes' where submission_id = ?`, [sent.body.id]);
    expect(await checkQueueStuck(ctx.orm.em.fork(), 900)).toBe(true);
    expect(await checkQueueStuck(ctx.orm.em.fork(), 900)).toBe(true);
    const open = (await ctx.get("/api/incidents?status=open")).body.items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ alarm: "queue_stuck", severity: "major", systems: ["queue", "workers"], openedBy: null });
    expect(open[0].description).toMatch(/outbox_rows=1 oldest_seconds=12\d\d limit_seconds=900$/);
  });

  it("opens an incident when `rsu audit verify` finds the log tampered with", async () => {
    await chainAndAnchor(ctx.config);
    const [{ seq }] = (await sql("select seq from audit_log order by seq limit 1 offset 1")) as [{ seq: string }];
    await asOwner(ctx.config, async (owner) => {
      await owner.query("set session_replication_role = replica");
      await owner.query(`update audit_log set details = '{"forged": true}' where seq = $1`, [seq]);
    });
    const env = { DATABASE_URL: ctx.config.databaseUrl, AUDIT_ANCHOR_FILE: ctx.config.audit.anchorFile, LOG_LEVEL: "error" };
    const verified = await runCli(["audit", "verify"], env);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain("incident opened / incident ouvert");
    const [incident] = (await ctx.get("/api/incidents?status=open")).body.items.filter((i: any) => i.alarm === "audit_verification_failed");
    expect(incident).toMatchObject({ severity: "critical", systems: ["audit", "database"] });
    expect(incident.description).toContain("kinds=altered");
  }, 120_000);
});
