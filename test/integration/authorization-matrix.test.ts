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

/** A generated household located on the given island (Mwali is "3"), or in the given prefecture. */
function householdOnIsland(island: string, prefecture?: string, from = 1) {
  for (let seed = from; ; seed++) {
    const data = validHousehold(seed);
    if (data.island === island && (!prefecture || data.prefecture === prefecture)) return data;
  }
}

/**
 * Every route of the route table with the permission it must declare. A route added without an entry here
 * fails the first test: whoever adds it says who may call it, and a reviewer sees that in the diff.
 */
const ROUTE_TABLE: Record<string, Permission> = {
  "GET /healthz": "public",
  "GET /readyz": "public",
  // Prometheus's: no user may read it, only the scraper's METRICS_TOKEN (test/integration/metrics.test.ts).
  "GET /metrics": "public",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "authenticated",
  "GET /api/auth/me": "authenticated",
  "GET /api/forms": "forms:read",
  "POST /api/forms": "forms:design",
  "GET /api/forms/:id": "forms:design",
  "GET /api/forms/:id/draft": "forms:design",
  "POST /api/forms/import": "forms:design",
  "GET /api/forms/:id/xlsform": "forms:design",
  "PUT /api/forms/:id/draft": "forms:design",
  "GET /api/forms/:id/check": "forms:design",
  "GET /api/forms/:id/diff": "forms:design",
  "POST /api/forms/:id/publish": "forms:publish",
  "GET /api/forms/:id/versions": "forms:design",
  "GET /api/forms/:id/versions/:version": "forms:read",
  "GET /api/forms/:id/versions/:version/schema.json": "forms:read",
  "PUT /api/forms/:id/versions/:version": "forms:publish",
  "PATCH /api/forms/:id/versions/:version": "forms:publish",
  "DELETE /api/forms/:id/versions/:version": "forms:publish",
  "POST /api/forms/:id/versions/:version/retire": "forms:publish",
  "GET /api/config/designer": "forms:design",
  "POST /api/submissions": "submissions:create",
  "GET /api/submissions": "submissions:read",
  "GET /api/submissions/:id": "submissions:read",
  "GET /api/submissions/:id/answers": "submissions:create",
  "GET /api/submissions/:id/attachments/:attachment": "submissions:read",
  "POST /api/submissions/:id/return": "review:decide",
  "GET /api/households": "households:read",
  "GET /api/households/:id": "households:read",
  "GET /api/households/:id/answers": "submissions:create",
  "GET /api/households/:id/attachments/:attachment": "households:read",
  "GET /api/households/:id/history": "households:read",
  "GET /api/sync/households": "households:read",
  "POST /api/exports": "registry:export",
  "GET /api/exports": "registry:export",
  "GET /api/dashboards": "dashboards:read",
  "GET /api/dashboards/indicator": "dashboards:read",
  "GET /api/exports/:id": "registry:export",
  "POST /api/exports/:id/cancel": "registry:export",
  "GET /api/exports/:id/file": "registry:export",
  "GET /api/review-items": "review:decide",
  "GET /api/review-items/:id": "review:decide",
  "POST /api/review-items/:id/decision": "review:decide",
  "POST /api/merges/:id/undo": "review:decide",
  "GET /api/jobs/failed": "jobs:manage",
  "POST /api/jobs/:id/retry": "jobs:manage",
  "POST /api/jobs/:id/discard": "jobs:manage",
  "GET /api/operations/figures": "operations:manage",
  "GET /api/backups": "operations:manage",
  "POST /api/backups": "operations:manage",
  "POST /api/backups/:id/verify": "operations:manage",
  "GET /api/incidents": "operations:manage",
  "POST /api/incidents": "operations:manage",
  "GET /api/incidents/:id": "operations:manage",
  "PATCH /api/incidents/:id": "operations:manage",
  "POST /api/incidents/:id/actions": "operations:manage",
  "POST /api/incidents/:id/close": "operations:manage",
  "GET /api/reports/:period": "operations:manage",
  "GET /api/reports/:period/report.html": "operations:manage",
  "GET /api/reports/:period/report.xlsx": "operations:manage",
  "GET /api/users": "users:manage",
  "POST /api/users": "users:manage",
  "PATCH /api/users/:id": "users:manage",
  "POST /api/users/:id/password": "users:manage",
  "POST /api/users/:id/unlock": "users:manage",
  "GET /api/tokens": "tokens:manage",
  "POST /api/tokens": "tokens:manage",
  "POST /api/tokens/:id/revoke": "tokens:manage",
  "GET /api/audit": "audit:read",
  "GET /api/variables": "catalogue:read",
  "GET /api/variables/units": "catalogue:read",
  "GET /api/variables/:code": "catalogue:read",
  "GET /api/variables/:code/revisions": "catalogue:read",
  "POST /api/variables": "catalogue:write",
  "PUT /api/variables/:code": "catalogue:write",
  "GET /api/code-lists": "catalogue:read",
  "GET /api/code-lists/:code": "catalogue:read",
  "POST /api/code-lists": "catalogue:write",
  "PUT /api/code-lists/:code": "catalogue:write",
  "GET /api/catalogue/releases": "catalogue:read",
  "GET /api/catalogue/releases/:id": "catalogue:read",
  "GET /api/catalogue/releases/:id/diff": "catalogue:read",
  "POST /api/catalogue/releases": "catalogue:write",
  "GET /api/catalogue/export": "catalogue:read",
  "POST /api/catalogue/import": "catalogue:write",
  "GET /api/imports": "imports:manage",
  "POST /api/imports": "imports:manage",
  "GET /api/imports/:id": "imports:manage",
  "PUT /api/imports/:id/individuals": "imports:manage",
  "GET /api/imports/:id/suggestions": "imports:manage",
  "POST /api/imports/:id/dry-run": "imports:manage",
  "GET /api/imports/:id/errors.xlsx": "imports:manage",
  "GET /api/imports/provenance/:submissionId": "imports:manage",
  "POST /api/imports/:id/run": "imports:manage",
  "POST /api/imports/:id/pause": "imports:manage",
  "POST /api/imports/:id/cancel": "imports:manage",
  "POST /api/imports/:id/undo": "imports:manage",
  "GET /api/imports/:id/progress": "imports:manage",
  "GET /api/import-profiles": "imports:manage",
  "POST /api/import-profiles": "imports:manage",
  "GET /api/import-profiles/:id": "imports:manage",
  "PUT /api/import-profiles/:id": "imports:manage",
  "GET /api/openapi.json": "public",
  "GET /api/reference": "public",
  "GET /": "public",
  "GET /runtime": "public",
  "GET /designer": "public",
  "GET /*": "public",
};

/** Users holding several roles, created through the API and signed in with a session (a token acts with one role). */
const MULTI_ROLE = {
  "clerk+analyst": { roles: ["clerk", "analyst"], areas: ["101"] },
  "supervisor+analyst": { roles: ["supervisor", "analyst"], areas: ["1"] },
  "clerk+designer": { roles: ["clerk", "designer"], areas: ["101"] },
  "supervisor+clerk": { roles: ["supervisor", "clerk"], areas: ["1"] },
} as const;
type MultiRole = keyof typeof MULTI_ROLE;
const ORIGIN = "http://localhost";
const cookies = {} as Record<MultiRole, string>;

async function signInMultiRole(name: MultiRole): Promise<string> {
  if (cookies[name]) return cookies[name];
  const username = name.replace("+", ".");
  const password = "un-mot-de-passe-long";
  const created = await ctx.request("/api/users", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password, ...MULTI_ROLE[name] }),
  });
  expect(created.status).toBe(201);
  const login = await ctx.app.request(`${ORIGIN}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  cookies[name] = login.headers.get("set-cookie")!.split(";")[0]!;
  return cookies[name];
}

/** A request as a multi-role user, through their session cookie. */
async function asMultiRole(name: MultiRole, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("cookie", await signInMultiRole(name));
  headers.set("origin", ORIGIN);
  return ctx.app.request(`${ORIGIN}${path}`, { ...init, headers });
}

const usernameOf = (role: string) => DEMO_ACCOUNTS.find((a) => (a.roles as readonly string[]).includes(role))!.username as DemoUsername;
const concrete = (path: string) =>
  path
    .replace(/:id\b/g, randomUUID())
    .replace(/:version\b/g, "1")
    .replace("/*", "/runtime/index.html");

describe("authorization matrix", () => {
  it("every registered route declares who may call it, and the route table above names it with that permission", () => {
    const undeclared = declaredRoutes().filter((r) => !r.permission);
    expect(undeclared).toEqual([]);
    const registered = Object.fromEntries(declaredRoutes().map((r) => [`${r.method} ${r.path}`, r.permission]));
    expect(registered).toEqual(ROUTE_TABLE);
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
      // An allowed call with an empty body is bad input: a 4xx, never a 500.
      if (refusedAs !== expected || res.status >= 500)
        mismatches.push(`${route.method} ${route.path} → ${res.status}, expected ${expected ?? "allowed"}`);
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

  it.each(Object.keys(MULTI_ROLE) as MultiRole[])("%s gets exactly what one of their roles grants on every route", async (name) => {
    const mismatches: string[] = [];
    for (const route of declaredRoutes()) {
      // Signing out would end the session the rest of the loop uses; logout is covered by the single roles.
      if (route.path === "/api/auth/logout") continue;
      const init: RequestInit = { method: route.method };
      if (route.method !== "GET") Object.assign(init, { headers: { "content-type": "application/json" }, body: "{}" });
      const res = await asMultiRole(name, concrete(route.path), init);
      const allowed = roleMay(MULTI_ROLE[name].roles, route.permission!);
      const refusedAs = res.status === 401 || res.status === 403 ? res.status : null;
      if (refusedAs !== (allowed ? null : 403) || res.status >= 500)
        mismatches.push(`${route.method} ${route.path} → ${res.status}, expected ${allowed ? "allowed" : 403}`);
    }
    expect(mismatches).toEqual([]);
  });

  describe("a user with several roles gets each role's reach with that role's own areas and redaction", () => {
    let inArea: { householdId: string; submissionId: string; head: string };
    let elsewhere: { householdId: string; submissionId: string; head: string };
    beforeAll(async () => {
      const workers = ctx.startWorkers();
      const registered = async (data: ReturnType<typeof validHousehold>) => {
        const { id: submissionId, householdId } = await ctx.submitAndDrain(data);
        const head = (data.members as Record<string, string>[])[0]!.last_name!;
        return { householdId, submissionId, head };
      };
      // Seeds of their own: the households of the test above would make these probable duplicates.
      inArea = await registered(householdOnIsland("1", "101", 500));
      elsewhere = await registered(householdOnIsland("3", undefined, 500));
      await workers.close();
    });
    const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

    it("clerk and analyst: submits only in the clerk's areas", async () => {
      const res = await json(
        await asMultiRole("clerk+analyst", "/api/submissions", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ id: randomUUID(), formId: "menage", version: 1, data: householdOnIsland("3") }),
        }),
      );
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("outside_area");
    });

    it("clerk and analyst: reads names in the clerk's areas, and elsewhere only what the analyst may", async () => {
      const near = await json(await asMultiRole("clerk+analyst", `/api/households/${inArea.householdId}`));
      expect(near.status).toBe(200);
      expect(near.body.members[0].lastName).toBe(inArea.head);
      const far = await json(await asMultiRole("clerk+analyst", `/api/households/${elsewhere.householdId}`));
      expect(far.status).toBe(200);
      expect(far.body.headName).toBeNull();
      expect(far.body.members.map((m: any) => [m.firstName, m.lastName, m.birthDate, m.nin])).toEqual(
        far.body.members.map(() => [null, null, null, null]),
      );
      const history = await json(await asMultiRole("clerk+analyst", `/api/households/${elsewhere.householdId}/history`));
      expect(JSON.stringify(history.body)).not.toContain(elsewhere.head);

      const list = await json(await asMultiRole("clerk+analyst", "/api/households"));
      const headOf = (id: string) => list.body.items.find((h: any) => h.id === id)?.headName;
      expect(headOf(inArea.householdId)).toContain(inArea.head);
      expect(headOf(elsewhere.householdId)).toBeNull();
      // A name search looks only where a role may read names: the clerk's areas.
      const search = async (q: string) =>
        (await json(await asMultiRole("clerk+analyst", `/api/households?q=${encodeURIComponent(q)}`))).body.items.map((h: any) => h.id);
      expect(await search(inArea.head)).toContain(inArea.householdId);
      expect(await search(elsewhere.head)).not.toContain(elsewhere.householdId);
    });

    it("clerk and analyst: the update answers stay within the clerk's areas", async () => {
      expect((await asMultiRole("clerk+analyst", `/api/households/${elsewhere.householdId}/answers`)).status).toBe(403);
    });

    it("supervisor and analyst: reads and lists submissions of the supervisor's areas only", async () => {
      expect((await asMultiRole("supervisor+analyst", `/api/submissions/${elsewhere.submissionId}`)).status).toBe(403);
      expect((await asMultiRole("supervisor+analyst", `/api/submissions/${inArea.submissionId}`)).status).toBe(200);
      const list = await json(await asMultiRole("supervisor+analyst", "/api/submissions"));
      const ids = list.body.items.map((s: any) => s.id);
      expect(ids).toContain(inArea.submissionId);
      expect(ids).not.toContain(elsewhere.submissionId);
      const review = await json(
        await asMultiRole("supervisor+analyst", `/api/submissions/${elsewhere.submissionId}/return`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ comment: "x" }),
        }),
      );
      expect(review.body.error.code).toBe("outside_area");
    });

    it("refuses another area's submission id before comparing it: no 409 tells that it exists", async () => {
      // The clerk "agent" (prefecture 101) reuses the id of a submission of Mwali, with answers of Mwali…
      const reuse = (data: unknown) =>
        ctx.request(
          "/api/submissions",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ id: elsewhere.submissionId, formId: "menage", version: 1, data }),
          },
          "agent",
        );
      const far = await json(await reuse(householdOnIsland("3")));
      expect([far.status, far.body.error.code]).toEqual([403, "outside_area"]);
      // …or with answers of their own area: refused as outside their area, never a 409 saying the content differs.
      const near = await json(await reuse(householdOnIsland("1", "101")));
      expect([near.status, near.body.error.code]).toEqual([403, "outside_area"]);
    });

    it("refuses a caller who may not submit before comparing anything, even for an exact copy of a stored submission", async () => {
      const copy = (as: "analyste" | "admin") =>
        ctx
          .request(
            "/api/submissions",
            {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                id: elsewhere.submissionId,
                formId: "menage",
                version: 1,
                data: householdOnIsland("3", undefined, 500),
              }),
            },
            as,
          )
          .then(json);
      const analyst = await copy("analyste");
      expect([analyst.status, analyst.body.error.code]).toEqual([403, "forbidden"]);
      // The same body is an exact copy: for its sender it is a retry, answered with the stored stage.
      expect(await copy("admin")).toEqual({ status: 202, body: { id: elsewhere.submissionId, status: "integrated" } });
    });
  });
});
