import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("readiness");
});
afterAll(() => ctx?.close());

describe("health and published forms", () => {
  it("/readyz answers 200 when PostgreSQL and Redis answer", async () => {
    const res = await ctx.request("/readyz");
    expect(res.status).toBe(200);
    // No backup proven yet on a fresh installation: the alarm says so (issue #16).
    expect(await res.json()).toEqual({ status: "ok", services: { postgres: "ok", redis: "ok" }, backup: "never" });
  });

  it("lists the published demo form", async () => {
    const res = await ctx.request("/api/forms");
    const forms = (await res.json()) as any[];
    expect(forms).toEqual([
      expect.objectContaining({
        id: "menage",
        version: 1,
        title: expect.objectContaining({ fr: expect.any(String), en: expect.any(String) }),
      }),
    ]);
  });

  it("serves a version's mask and JSON Schema, immutable and checksummed", async () => {
    const res = await ctx.request("/api/forms/menage/versions/1");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("immutable");
    const body = (await res.json()) as any;
    expect(body.schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(body.mask.pages.length).toBeGreaterThan(1);
    expect(body.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["/api/forms/menage/versions/2", 404, "form_version_not_found"],
    ["/api/forms/menage/versions/abc", 400, "invalid_parameter"],
    ["/api/households/not-a-uuid", 400, "invalid_parameter"],
    ["/api/households/00000000-0000-4000-8000-000000000000", 404, "household_not_found"],
    ["/api/submissions/00000000-0000-4000-8000-000000000000", 404, "submission_not_found"],
    ["/api/households?limit=100000", 400, "invalid_parameter"],
    ["/api/nothing-here", 404, "not_found"],
  ])("GET %s → %i %s", async (path, status, code) => {
    const res = await ctx.request(path);
    expect(res.status).toBe(status);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe(code);
    expect(body.error.message.fr).toBeTruthy();
  });

  it("seeding again changes nothing (idempotent)", async () => {
    const { seedDemo } = await import("../../api/db/seeders/seed-demo");
    await seedDemo(ctx.orm.em.fork());
    const forms = (await (await ctx.request("/api/forms")).json()) as any[];
    expect(forms).toHaveLength(1);
    expect(forms[0].version).toBe(1);
  });
});
