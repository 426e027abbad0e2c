import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asOwner } from "../helpers/audit-log";
import { spawnApi, type ApiProcess } from "../helpers/api-process";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * Issue #22: each API instance caches who a token or cookie names, for 30 s while it hears of changes. A
 * token revoked or a user disabled on one instance must be refused by every other instance at once (within
 * the time PostgreSQL takes to deliver a NOTIFY), not when the other's cache entry expires. The other
 * instance is a real process on the same database; this test's app is the first.
 */
let ctx: TestContext;
let other: ApiProcess;
beforeAll(async () => {
  ctx = await createTestContext("credential_coherence");
  other = await spawnApi(ctx.config);
  // Its listener is up once PostgreSQL shows the LISTEN: from then on its cache keeps entries for 30 s.
  await waitFor(async () => ((await listeners()) > 0 ? true : undefined), { what: "the other instance's LISTEN" });
});
afterAll(async () => {
  other?.child.kill();
  await other?.exited;
  await ctx?.close();
});

const listeners = () =>
  asOwner(ctx.config, async (db) =>
    Number(
      (await db.query(`select count(*) as n from pg_stat_activity where datname = current_database() and query = 'listen rsu_credentials'`))
        .rows[0].n,
    ),
  );
/** GET /api/auth/me on the other instance with a bearer token or a session cookie. */
const meThere = (credential: { token?: string; cookie?: string }) =>
  fetch(`${other.url}/api/auth/me`, {
    headers: credential.token ? { authorization: `Bearer ${credential.token}` } : { cookie: credential.cookie! },
  }).then((res) => res.status);
const refusedThere = (credential: { token?: string; cookie?: string }) =>
  waitFor(async () => ((await meThere(credential)) === 401 ? true : undefined), { timeoutMs: 5_000, what: "a refusal there" });

describe("credentials across API instances", () => {
  it("a token revoked here is refused there, although the other instance had it cached", async () => {
    await ctx.addUser({ username: "revoque.ici", displayName: "Révoqué ici", roles: ["analyst"], areas: [] });
    const token = ctx.tokens["revoque.ici"]!;
    expect(await meThere({ token })).toBe(200);
    expect(await meThere({ token })).toBe(200);

    const users = await ctx.get("/api/users");
    const userId = users.body.find((u: { username: string }) => u.username === "revoque.ici").id;
    const id = (await ctx.get("/api/tokens")).body.find((t: { userId: string }) => t.userId === userId).id;
    expect((await ctx.post(`/api/tokens/${id}/revoke`)).status).toBe(200);
    expect((await ctx.get("/api/auth/me", "revoque.ici")).status).toBe(401);
    await refusedThere({ token });
  });

  it("a user disabled here loses their session and their tokens there", async () => {
    await ctx.addUser({ username: "desactive.ici", displayName: "Désactivé ici", roles: ["clerk"], areas: ["101"] });
    const login = await fetch(`${other.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: other.url },
      body: JSON.stringify({ username: "desactive.ici", password: "desactive.ici-demo-2026" }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const token = ctx.tokens["desactive.ici"]!;
    expect([await meThere({ cookie }), await meThere({ token })]).toEqual([200, 200]);

    const users = await ctx.get("/api/users");
    const id = users.body.find((u: { username: string }) => u.username === "desactive.ici").id;
    expect((await ctx.patch(`/api/users/${id}`, { active: false })).status).toBe(200);
    await refusedThere({ cookie });
    await refusedThere({ token });
  });
});
