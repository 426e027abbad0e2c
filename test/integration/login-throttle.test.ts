import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEvent, User } from "../../api/entities";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * Sign-in throttling per (account, address) (#15 finding 6) and the end of a user's sessions and tokens
 * (finding 5). No sleeps: a wait is made to have passed by moving its end in PostgreSQL, whose clock decides.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("login_throttle", { TRUST_PROXY: "true", LOGIN_MAX_FAILURES: "5", LOGIN_LOCK_SECONDS: "30" });
});
afterAll(() => ctx?.close());

const ORIGIN = "http://localhost";
const login = (username: string, password: string, address: string, app: { request: typeof ctx.app.request } = ctx.app) =>
  Promise.resolve(
    app.request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": address },
      body: JSON.stringify({ username, password }),
    }),
  );
const statuses = async (n: number, username: string, address: string) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await login(username, `wrong-${i}`, address)).status);
  return out;
};
const sql = (text: string, params: unknown[] = []) => ctx.orm.em.getConnection().execute(text, params);
/** Makes the pair's current wait end now, as if it had been waited out. */
const waitOut = (username: string) => sql(`update login_throttle set locked_until = now() where username = ?`, [username]);
const idOf = async (username: string) => (await ctx.orm.em.fork().findOneOrFail(User, { username })).id;
const post = (path: string, body?: unknown) =>
  ctx.request(path, {
    method: body === undefined ? "POST" : "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });

describe("sign-in throttling", () => {
  it("makes an address that keeps failing wait, with Retry-After, while the owner signs in from elsewhere", async () => {
    expect(await statuses(6, "concepteur", "203.0.113.7")).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await login("concepteur", "concepteur-demo-2026", "203.0.113.7");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(25);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(((await refused.json()) as any).error.details.retryAfterSeconds).toBe(retryAfter);
    // The owner, at their office, is not locked out by someone failing elsewhere.
    expect((await login("concepteur", "concepteur-demo-2026", "198.51.100.20")).status).toBe(200);
  });

  it("does not lock a whole office behind one address: 50 failures there leave the others in", async () => {
    for (let i = 0; i < 50; i++) expect((await login(`inconnu-${i}`, "wrong", "192.0.2.50")).status).toBe(401);
    expect((await login("analyste", "analyste-demo-2026", "192.0.2.50")).status).toBe(200);
  }, 120_000);

  it("doubles each further wait up to its cap, and never locks for good", async () => {
    await statuses(5, "superviseur", "203.0.113.8");
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await waitOut("superviseur");
      const res = await login("superviseur", "wrong", "203.0.113.8");
      expect(res.status).toBe(401);
      const refused = await login("superviseur", "wrong", "203.0.113.8");
      waits.push(Number(refused.headers.get("retry-after")));
    }
    // 60, 120, 240, 480 s, then the 900 s cap (rounding up a second at most).
    expect(waits.map((w) => Math.round(w / 60) * 60)).toEqual([60, 120, 240, 480, 900, 900, 900, 900]);
    await waitOut("superviseur");
    expect((await login("superviseur", "superviseur-demo-2026", "203.0.113.8")).status).toBe(200);
  });

  it("throttles as one across API instances: the counts are in PostgreSQL", async () => {
    const other = await ctx.listen();
    await statuses(5, "agent", "203.0.113.9");
    const res = await fetch(`${other.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: other.url, "x-forwarded-for": "203.0.113.9" },
      body: JSON.stringify({ username: "agent", password: "agent-demo-2026" }),
    });
    expect(res.status).toBe(429);
  });

  it("audits every lock, and an administrator lifts it (audited too)", async () => {
    await statuses(5, "admin", "203.0.113.10");
    expect((await login("admin", "admin-demo-2026", "203.0.113.10")).status).toBe(429);
    const id = await idOf("admin");
    const locks = await ctx.orm.em.fork().find(AuditEvent, { action: "auth.locked", entityId: id });
    expect(locks.map((e) => e.address)).toEqual(["203.0.113.10"]);

    const listed = (await (await ctx.request("/api/users")).json()) as { username: string; lockedUntil: string | null }[];
    expect(listed.find((u) => u.username === "admin")!.lockedUntil).not.toBeNull();
    expect((await post(`/api/users/${id}/unlock`)).status).toBe(204);
    expect((await login("admin", "admin-demo-2026", "203.0.113.10")).status).toBe(200);
    const unlocks = await ctx.orm.em.fork().find(AuditEvent, { action: "user.unlock", entityId: id });
    expect(unlocks.map((e) => e.details)).toEqual([{ pairs: 1 }]);
  });
});

describe("ending a user's access", () => {
  it("a password reset ends their sessions; deactivating revokes their API tokens for good", async () => {
    const user = await ctx.request("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "anli.s", password: "un-mot-de-passe-long", roles: ["clerk"], areas: ["101"] }),
    });
    const { id } = (await user.json()) as { id: string };
    const session = (await login("anli.s", "un-mot-de-passe-long", "198.51.100.30")).headers.get("set-cookie")!.split(";")[0]!;
    const me = (headers: Record<string, string>) => Promise.resolve(ctx.app.request(`${ORIGIN}/api/auth/me`, { headers }));
    expect((await me({ cookie: session })).status).toBe(200);
    const reset = await ctx.request(`/api/users/${id}/password`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password: "un-autre-mot-de-passe" }),
    });
    expect(reset.status).toBe(204);
    expect((await me({ cookie: session })).status).toBe(401);

    const issued = await ctx.request("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "anli.s", name: "tablette 12" }),
    });
    const { id: tokenId, token } = (await issued.json()) as { id: string; token: string };
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    const used = ((await (await ctx.request("/api/tokens")).json()) as any[]).find((t) => t.id === tokenId);
    expect(used.lastUsedAt).not.toBeNull();

    expect((await post(`/api/users/${id}`, { active: false })).status).toBe(200);
    expect((await post(`/api/users/${id}`, { active: true })).status).toBe(200);
    // Enabling the account again does not bring its machines back.
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
    const revoked = ((await (await ctx.request("/api/tokens")).json()) as any[]).find((t) => t.id === tokenId);
    expect(revoked.revokedAt).not.toBeNull();
  });
});
