import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS, roleMay, type Permission } from "../../api/auth/permissions";
import { ROLES } from "../../api/auth/roles";
import { DEMO_ACCOUNTS } from "../../api/db/seeders/demo-accounts";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type DemoUsername, type TestContext } from "../helpers/test-context";

/**
 * Every registered route × every role (and anonymous) → allowed or refused, generated from the routes the
 * app really registers and the one permission table (api/auth/permissions.ts).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("authz");
});
afterAll(() => ctx?.close());

interface DeclaredRoute {
  method: string;
  path: string;
  permission: Permission | undefined;
}

function declaredRoutes(): DeclaredRoute[] {
  const byRoute = new Map<string, DeclaredRoute>();
  for (const r of ctx.app.routes) {
    if (r.method === "ALL") continue; // app-wide middleware (authentication, headers), not routes
    const key = `${r.method} ${r.path}`;
    const entry = byRoute.get(key) ?? { method: r.method, path: r.path, permission: undefined };
    const permission = (r.handler as { permission?: Permission }).permission;
    if (permission) entry.permission = permission;
    byRoute.set(key, entry);
  }
  return [...byRoute.values()];
}

/** A generated household located on the given island (Mwali is "3"). */
function householdOnIsland(island: string) {
  for (let seed = 1; ; seed++) {
    const data = validHousehold(seed);
    if (data.island === island) return data;
  }
}

const usernameOf = (role: string) => DEMO_ACCOUNTS.find((a) => (a.roles as readonly string[]).includes(role))!.username as DemoUsername;
const concrete = (path: string) =>
  path
    .replace(/:id\b/g, randomUUID())
    .replace(/:version\b/g, "1")
    .replace("/*", "/runtime/index.html");

describe("authorization matrix", () => {
  it("every registered route declares who may call it", () => {
    const undeclared = declaredRoutes().filter((r) => !r.permission);
    expect(undeclared).toEqual([]);
    expect(declaredRoutes().length).toBeGreaterThan(15);
  });

  const callers = ["anonymous", ...ROLES] as const;
  it.each(callers)("%s gets exactly what the permission table grants on every route", async (caller) => {
    const mismatches: string[] = [];
    for (const route of declaredRoutes()) {
      const init: RequestInit = { method: route.method };
      if (route.method !== "GET") Object.assign(init, { headers: { "content-type": "application/json" }, body: "{}" });
      const res = await ctx.request(concrete(route.path), init, caller === "anonymous" ? null : usernameOf(caller));
      const permission = route.permission!;
      const allowed = caller === "anonymous" ? PERMISSIONS[permission] === "anyone" : roleMay([caller], permission);
      const refusedAs = res.status === 401 || res.status === 403 ? res.status : null;
      const expected = allowed ? null : caller === "anonymous" ? 401 : 403;
      if (refusedAs !== expected) mismatches.push(`${route.method} ${route.path} → ${res.status}, expected ${expected ?? "allowed"}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("refuses a clerk outside their area: submitting there, and reading a household there", async () => {
    // The clerk "agent" works in prefecture 101 (Moroni-Bambao); this household is in another island.
    const elsewhere = householdOnIsland("3");
    const refused = await ctx.submit(elsewhere, {}, "agent");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("outside_area");

    const workers = ctx.startWorkers();
    const { id, status, householdId } = await ctx.submitAndDrain(elsewhere, {}, "admin");
    await workers.close();
    expect(status).toBe("integrated");
    expect((await ctx.request(`/api/households/${householdId}`, {}, "agent")).status).toBe(403);
    expect((await ctx.request(`/api/households/${householdId}`, {}, "superviseur")).status).toBe(403);
    expect((await ctx.request(`/api/households/${householdId}`, {}, "admin")).status).toBe(200);
    const listed = (await (await ctx.request("/api/households", {}, "agent")).json()) as any;
    expect(listed.items.map((h: { id: string }) => h.id)).not.toContain(householdId);
    // A clerk does not see another user's submission either.
    expect((await ctx.request(`/api/submissions/${id}`, {}, "agent")).status).toBe(403);
  });
});
