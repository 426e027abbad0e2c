import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asOwner } from "../helpers/audit-log";
import { spawnApi, type ApiProcess } from "../helpers/api-process";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * Issue #22: each API instance caches who a token or cookie names, for 30 s while it hears of changes. A
 * token revoked or a user disabled through one instance must be refused by every other instance within a
 * second (the time PostgreSQL takes to deliver a NOTIFY), not when the other's cache entry expires. Two
 * real API processes on the same database and Redis, as behind a load balancer: changes go through `here`,
 * refusals are awaited from `there`, which had the credential cached. The test's in-process app is not used.
 */
let ctx: TestContext;
let here: ApiProcess;
let there: ApiProcess;
beforeAll(async () => {
  ctx = await createTestContext("credential_coherence");
  // PGAPPNAME names each process's connections in pg_stat_activity, so that one listener can be cut.
  [here, there] = await Promise.all([spawnApi(ctx.config, { PGAPPNAME: "rsu-here" }), spawnApi(ctx.config, { PGAPPNAME: "rsu-there" })]);
  // Their listeners are up once PostgreSQL shows both LISTENs: from then on their caches keep entries for 30 s.
  await waitFor(async () => ((await listeners()).length === 2 ? true : undefined), { what: "both instances' LISTEN" });
});
afterAll(async () => {
  for (const api of [here, there]) api?.child.kill();
  await Promise.all([here?.exited, there?.exited]);
  await ctx?.close();
});

const LISTENING = `datname = current_database() and query = 'listen rsu_credentials'`;
const listeners = () =>
  asOwner(ctx.config, async (db) => (await db.query(`select application_name from pg_stat_activity where ${LISTENING} order by 1`)).rows);

type Credential = { token: string } | { cookie: string };
const headersOf = (credential: Credential): Record<string, string> =>
  "token" in credential ? { authorization: `Bearer ${credential.token}` } : { cookie: credential.cookie };
/** GET /api/auth/me on an instance with a bearer token or a session cookie. */
const me = (api: ApiProcess, credential: Credential) =>
  fetch(`${api.url}/api/auth/me`, { headers: headersOf(credential) }).then((res) => res.status);
/** An administrator's request through `here`. */
const asAdmin = (method: string, path: string, body?: unknown) =>
  fetch(`${here.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.tokens.admin}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

/**
 * Milliseconds from `since` (when `here` answered the change) to the start of the first request `there`
 * refused. Polls without pause; gives up after 10 s so that a failure shows the figure rather than hangs.
 */
async function refusedThereAfter(credential: Credential, since: number): Promise<number> {
  for (;;) {
    const sent = Date.now();
    if ((await me(there, credential)) === 401) return sent - since;
    if (Date.now() - since > 10_000) return Number.POSITIVE_INFINITY;
  }
}

async function userId(username: string): Promise<string> {
  const users = (await (await asAdmin("GET", "/api/users")).json()) as { id: string; username: string }[];
  return users.find((u) => u.username === username)!.id;
}

async function login(api: ApiProcess, username: string): Promise<string> {
  const res = await fetch(`${api.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: api.url },
    body: JSON.stringify({ username, password: `${username}-demo-2026` }),
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

async function revokeTokenOf(username: string): Promise<number> {
  const id = await userId(username);
  const tokens = (await (await asAdmin("GET", "/api/tokens")).json()) as { id: string; userId: string }[];
  const res = await asAdmin("POST", `/api/tokens/${tokens.find((t) => t.userId === id)!.id}/revoke`);
  expect(res.status).toBe(200);
  return Date.now();
}

describe("credentials across two API processes", () => {
  it("a token revoked through one instance is refused by the other within a second, although it had it cached", async () => {
    await ctx.addUser({ username: "revoque.ici", displayName: "Révoqué ici", roles: ["analyst"], areas: [] });
    const token = { token: ctx.tokens["revoque.ici"]! };
    expect([await me(there, token), await me(there, token), await me(here, token)]).toEqual([200, 200, 200]);

    const revoked = await revokeTokenOf("revoque.ici");
    expect(await me(here, token)).toBe(401);
    expect(await refusedThereAfter(token, revoked)).toBeLessThan(1_000);
  });

  it("a user disabled through one instance loses their session and their tokens on the other within a second", async () => {
    await ctx.addUser({ username: "desactive.ici", displayName: "Désactivé ici", roles: ["clerk"], areas: ["101"] });
    const cookie = { cookie: await login(there, "desactive.ici") };
    const token = { token: ctx.tokens["desactive.ici"]! };
    expect([await me(there, cookie), await me(there, token), await me(there, cookie), await me(there, token)]).toEqual([
      200, 200, 200, 200,
    ]);

    const res = await asAdmin("PATCH", `/api/users/${await userId("desactive.ici")}`, { active: false });
    expect(res.status).toBe(200);
    const disabled = Date.now();
    expect(await refusedThereAfter(cookie, disabled)).toBeLessThan(1_000);
    expect(await refusedThereAfter(token, disabled)).toBeLessThan(1_000);
  });

  it("a role taken from a user through one instance is taken from their token on the other within a second", async () => {
    await ctx.addUser({ username: "change.ici", displayName: "Changé ici", roles: ["admin"], areas: [] });
    const token = { token: ctx.tokens["change.ici"]! };
    const users = () => fetch(`${there.url}/api/users`, { headers: headersOf(token) }).then((r) => r.status);
    expect([await users(), await users(), await me(there, token)]).toEqual([200, 200, 200]);

    expect((await asAdmin("PATCH", `/api/users/${await userId("change.ici")}`, { roles: ["analyst"] })).status).toBe(200);
    // The token was issued for the admin role, which the user no longer has: it names no one now.
    expect(await refusedThereAfter(token, Date.now())).toBeLessThan(1_000);
  });

  it("an instance whose listener PostgreSQL cut still refuses a token revoked meanwhile within a second", async () => {
    await ctx.addUser({ username: "sourd.ici", displayName: "Sourd ici", roles: ["analyst"], areas: [] });
    const token = { token: ctx.tokens["sourd.ici"]! };
    expect([await me(there, token), await me(there, token)]).toEqual([200, 200]);

    // The notification of the revocation below reaches no listener of `there`: it is being reconnected.
    const cut = await asOwner(ctx.config, (db) =>
      db.query(`select pg_terminate_backend(pid) from pg_stat_activity where ${LISTENING} and application_name = 'rsu-there'`),
    );
    expect(cut.rows.length).toBe(1);
    const revoked = await revokeTokenOf("sourd.ici");
    expect(await refusedThereAfter(token, revoked)).toBeLessThan(1_000);
    // And it listens again, so that its cache may go back to 30 s entries.
    await waitFor(async () => ((await listeners()).length === 2 ? true : undefined), { what: "the listener to reconnect" });
  });
});
