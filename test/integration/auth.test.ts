import { MAX_SUBMISSION_BODY_BYTES } from "../../schemas/contracts/attachments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("auth");
});
afterAll(() => ctx?.close());

const ORIGIN = "http://localhost";
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
  body: JSON.stringify(body),
});
const login = (username: string, password: string, url = `${ORIGIN}/api/auth/login`) => ctx.app.request(url, json({ username, password }));
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0]!;

describe("sessions", () => {
  it("signs in, survives a reload (the cookie), and ends on logout", async () => {
    const res = await login("agent", "agent-demo-2026");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: "agent", roles: ["clerk"], areas: ["101"] });
    const cookie = cookieOf(res);
    const me = await ctx.app.request(`${ORIGIN}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: "agent", roles: ["clerk"], areas: ["101"], via: "session" });

    const out = await ctx.app.request(`${ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie, origin: ORIGIN } });
    expect(out.status).toBe(204);
    expect((await ctx.app.request(`${ORIGIN}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("sets an HttpOnly, SameSite=Strict cookie, Secure over https", async () => {
    const plain = (await login("agent", "agent-demo-2026")).headers.get("set-cookie")!;
    expect(plain).toMatch(/HttpOnly/i);
    expect(plain).toMatch(/SameSite=Strict/i);
    expect(plain).toMatch(/Path=\//);
    expect(plain).not.toMatch(/Secure/i);
    const https = await ctx.app.request(
      "https://rsu.example/api/auth/login",
      json({ username: "agent", password: "agent-demo-2026" }, { origin: "https://rsu.example" }),
    );
    expect(https.headers.get("set-cookie")).toMatch(/Secure/i);
  });

  it("answers a wrong password and an unknown account alike, without saying which", async () => {
    const wrong = await login("analyste", "not-the-password");
    const unknown = await login("nobody-here", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("ends a session after inactivity", async () => {
    const cookie = cookieOf(await login("analyste", "analyste-demo-2026"));
    await ctx.orm.em.getConnection().execute(`update sessions set last_seen_at = now() - interval '31 minutes'`);
    const me = await ctx.app.request(`${ORIGIN}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(401);
    expect(((await me.json()) as any).error.code).toBe("unauthenticated");
  });

  it("refuses a state-changing request from another site", async () => {
    const cookie = cookieOf(await login("admin", "admin-demo-2026"));
    const forged = await ctx.app.request(`${ORIGIN}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as any).error.code).toBe("cross_site_refused");
    const crossSite = await ctx.app.request(`${ORIGIN}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect((await ctx.app.request(`${ORIGIN}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("are shown once, work as a bearer token, and stop working when revoked or expired", async () => {
    const created = await ctx.request("/api/tokens", json({ username: "agent", name: "tablette 07" }));
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toMatch(/^rsu_/);
    const listed = (await (await ctx.request("/api/tokens")).json()) as Record<string, unknown>[];
    expect(JSON.stringify(listed)).not.toContain(token);

    const asTablet = () => ctx.app.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
    expect((await asTablet()).status).toBe(200);
    // Just used, so the token is in the credential cache (#22): revoking still refuses it at once.
    expect((await asTablet()).status).toBe(200);
    expect((await ctx.request(`/api/tokens/${id}/revoke`, { method: "POST" })).status).toBe(200);
    expect((await asTablet()).status).toBe(401);

    const past = await ctx.request("/api/tokens", json({ username: "agent", name: "old", expiresAt: "2020-01-01T00:00:00Z" }));
    const expired = ((await past.json()) as { token: string }).token;
    expect((await ctx.app.request("/api/auth/me", { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
  });

  it("cannot carry a role its user does not hold", async () => {
    const res = await ctx.request("/api/tokens", json({ username: "agent", name: "x", role: "admin" }));
    expect(res.status).toBe(422);
  });
});

describe("users", () => {
  it("an administrator creates a clerk, who signs in; deactivating ends their session", async () => {
    const created = await ctx.request(
      "/api/users",
      json({ username: "zaharia.m", displayName: "Zaharia M.", password: "un-mot-de-passe-long", roles: ["clerk"], areas: ["10101"] }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const cookie = cookieOf(await login("zaharia.m", "un-mot-de-passe-long"));
    expect((await ctx.app.request(`${ORIGIN}/api/auth/me`, { headers: { cookie } })).status).toBe(200);

    const off = await ctx.request(`/api/users/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ active: false }),
    });
    expect(off.status).toBe(200);
    expect((await ctx.app.request(`${ORIGIN}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect((await login("zaharia.m", "un-mot-de-passe-long")).status).toBe(401);
  });

  it.each([
    [{ username: "x", password: "un-mot-de-passe-long", roles: ["clerk"] }, "/username"],
    [{ username: "valid.name", password: "short", roles: ["clerk"] }, "/password"],
    [{ username: "valid.name", password: "un-mot-de-passe-long", roles: ["king"] }, "/roles/0"],
    [{ username: "valid.name", password: "un-mot-de-passe-long", roles: ["clerk"], areas: ["99999"] }, "/areas/0"],
  ])("refuses %j naming %s", async (body, pointer) => {
    const res = await ctx.request("/api/users", json(body));
    expect(res.status).toBe(422);
    const details = ((await res.json()) as any).error.details as { pointer: string }[];
    expect(details.map((d) => d.pointer)).toContain(pointer);
  });

  it("refuses a second account with the same username", async () => {
    const res = await ctx.request("/api/users", json({ username: "agent", password: "un-mot-de-passe-long", roles: ["clerk"] }));
    expect(res.status).toBe(409);
  });
});

describe("protective headers and limits", () => {
  it("sends a Content-Security-Policy and the usual security headers on every answer", async () => {
    for (const path of ["/healthz", "/api/forms", "/api/nothing"]) {
      const res = await ctx.request(path);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBeTruthy();
    }
  });

  it("refuses a body over the size limit with 413", async () => {
    // A submission may carry its photos and signatures (#20): the limit is theirs plus the answers.
    const res = await ctx.request("/api/submissions", json({ padding: "x".repeat(MAX_SUBMISSION_BODY_BYTES + 1) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe("payload_too_large");
  });
});
