import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppConfig } from "../../api/config";
import { asOwner } from "../helpers/audit-log";
import { runCli } from "../helpers/run-cli";
import { createTestContext, type TestContext } from "../helpers/test-context";

let ctx: TestContext;
let env: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestContext("audit");
  env = {
    DATABASE_URL: ctx.config.databaseUrl,
    REDIS_URL: ctx.config.redisUrl,
    AUDIT_ANCHOR_FILE: ctx.config.audit.anchorFile,
    LOG_LEVEL: "error",
  };
});
afterAll(() => ctx?.close());

/** Each `rsu` run starts a Node process that compiles TypeScript: several of them take a while on a busy machine. */
const CLI = { timeout: 120_000 };
const sql = (text: string, params: unknown[] = []) => ctx.orm.em.getConnection().execute(text, params);

/** As a database superuser could: with triggers off for this connection only. */
function tamper(config: AppConfig, statement: string, params: unknown[]) {
  return asOwner(config, async (owner) => {
    await owner.query("set session_replication_role = replica");
    await owner.query(statement, params);
  });
}

describe("audit log", () => {
  it("records who did what, filterable by actor, entity and time", async () => {
    await ctx.request("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "audited.user", password: "un-mot-de-passe-long", roles: ["analyst"] }),
    });
    const res = await ctx.request("/api/audit?actor=admin&entityType=user");
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.items[0]).toMatchObject({ actor: "admin", action: "user.create", entityType: "user" });
    expect(JSON.stringify(body)).not.toContain("un-mot-de-passe-long");
    const future = await ctx.request(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(((await future.json()) as any).items).toEqual([]);
    expect((await ctx.request("/api/audit?from=yesterday")).status).toBe(400);
  });

  it("refuses changes to its rows in the database itself: the application may not, the owner's triggers refuse", async () => {
    await expect(sql("update audit_log set actor = 'someone else'")).rejects.toThrow(/permission denied/);
    await expect(sql("delete from audit_log")).rejects.toThrow(/permission denied/);
    await asOwner(ctx.config, async (owner) => {
      await expect(owner.query("update audit_log set actor = 'someone else'")).rejects.toThrow(/append-only/);
      await expect(owner.query("delete from audit_log")).rejects.toThrow(/append-only/);
    });
  });

  it("`rsu audit verify` passes on an intact log and names the first edited, then the first deleted, row", async () => {
    const chained = await runCli(["audit", "chain"], env);
    expect(chained.stdout).toMatch(/^chained \d+ rows; anchored seq=\d+/);
    const intact = await runCli(["audit", "verify"], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain("intact");

    const [{ seq: edited }] = (await sql("select seq from audit_log order by seq limit 1 offset 2")) as [{ seq: string }];
    await tamper(ctx.config, `update audit_log set details = '{"forged": true}' where seq = $1`, [edited]);
    const afterEdit = await runCli(["audit", "verify"], env);
    expect(afterEdit.code).toBe(1);
    expect(afterEdit.stdout).toContain(`seq=${edited}`);
    expect(afterEdit.stdout).toContain("altered");
  }, 120_000);

  it("names a deleted row", async () => {
    const fresh = await createTestContext("audit_delete");
    try {
      const freshEnv = { DATABASE_URL: fresh.config.databaseUrl, AUDIT_ANCHOR_FILE: fresh.config.audit.anchorFile, LOG_LEVEL: "error" };
      await runCli(["audit", "chain"], freshEnv);
      const rows = (await fresh.orm.em.getConnection().execute("select seq from audit_log order by seq")) as { seq: string }[];
      const deleted = rows[1]!.seq;
      await tamper(fresh.config, "delete from audit_log where seq = $1", [deleted]);
      const verdict = await runCli(["audit", "verify"], freshEnv);
      expect(verdict.code).toBe(1);
      expect(verdict.stdout).toContain(`seq=${deleted}`);
      expect(verdict.stdout).toContain("DELETED");
    } finally {
      await fresh.close();
    }
  }, 120_000);
});

describe("rsu user and rsu token", () => {
  it("adds a user with the password from standard input, lists them, and issues a working token", CLI, async () => {
    const added = await runCli(["user", "add", "cli.clerk", "--role", "clerk", "--area", "101"], env, "mot-de-passe-cli-2026\n");
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const login = await ctx.app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost" },
      body: JSON.stringify({ username: "cli.clerk", password: "mot-de-passe-cli-2026" }),
    });
    expect(login.status).toBe(200);

    const list = await runCli(["user", "list"], env);
    expect(list.stdout).toMatch(/cli\.clerk\s+active\s+clerk\s+101/);

    const passwd = await runCli(["user", "passwd", "cli.clerk"], env, "un-autre-mot-de-passe\n");
    expect(passwd.code).toBe(0);

    const token = await runCli(["token", "create", "cli.clerk"], env);
    expect(token.code).toBe(0);
    const secret = token.stdout.trim();
    const me = await ctx.app.request("/api/auth/me", { headers: { authorization: `Bearer ${secret}` } });
    expect(((await me.json()) as any).username).toBe("cli.clerk");
  });

  it("refuses a short password and an unknown role with a clear message", CLI, async () => {
    const short = await runCli(["user", "add", "cli.short", "--role", "clerk"], env, "court\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password|mot de passe/i);
    const king = await runCli(["user", "add", "cli.king", "--role", "king"], env, "mot-de-passe-cli-2026\n");
    expect(king.code).toBe(1);
    expect(king.stderr).toContain('"king" is not a role');
    // Neither was created.
    expect((await runCli(["user", "list"], env)).stdout).not.toMatch(/cli\.short|cli\.king/);
  });
});
