import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardFigures, IndicatorFigures } from "../../schemas/contracts/dashboards";
import { validHousehold } from "../helpers/demo-responses";
import { exportAndDrain } from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * Dashboards (issue #17): each figure equals an independent SQL count over the registry and what an export
 * of the same scope holds; supervisors see their areas only; an indicator on a variable the user may not
 * read is refused.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("dashboards");
  ctx.startWorkers();
  for (let seed = 1; seed <= 8; seed++) {
    const data = validHousehold(seed);
    if (seed <= 2) (data.members as Record<string, unknown>[])[0]!.disability = true;
    expect((await ctx.submitAndDrain(data)).status).toBe("integrated");
  }
}, 180_000);
afterAll(() => ctx?.close());

const sql = async <T>(text: string, params: unknown[] = []) => (await ctx.orm.em.fork().getConnection().execute(text, params)) as T[];
const count = async (text: string, params: unknown[] = []) => Number((await sql<{ n: string }>(text, params))[0]!.n);
const dashboard = async (query: string, as = "admin") => {
  const res = await ctx.get(`/api/dashboards${query}`, as);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as DashboardFigures;
};

describe("figures of the country", () => {
  it("count households, members, sizes, ages and submissions as SQL does", async () => {
    const d = await dashboard("");
    expect(d.households).toBe(await count("select count(*) as n from households"));
    expect(d.individuals).toBe(await count("select count(*) as n from individuals"));
    const islands = await sql<{ code: string; n: string }>("select island as code, count(*) as n from households group by 1 order by 1");
    expect(d.byArea.map((r) => [r.code, r.households])).toEqual(islands.map((r) => [r.code, Number(r.n)]));
    const sizes = await sql<{ size: number; n: string }>(
      "select c as size, count(*) as n from (select household_id, count(*)::int as c from individuals group by 1) x group by 1 order by 1",
    );
    expect(d.householdSizes).toEqual(sizes.map((r) => ({ size: r.size, households: Number(r.n) })));
    expect(d.pyramidMinCell).toBeNull();
    expect(d.pyramid.reduce((n, r) => n + r.individuals!, 0)).toBe(
      await count("select count(*) as n from individuals where birth_date is not null"),
    );
    expect(d.submissionsPerDay.reduce((n, r) => n + r.submissions, 0)).toBe(8);
    expect(d.integration).toMatchObject({ pending: 0, integrated: 8 });
    expect(d.integration.lagSeconds.p50).toBeGreaterThanOrEqual(0);
    expect(d.review).toEqual([]);
  });

  it("counts for an island what an export of that island holds", async () => {
    const island = (await sql<{ island: string }>("select island from households group by 1 order by count(*) desc limit 1"))[0]!.island;
    const d = await dashboard(`?level=island&area=${island}`);
    expect(d.childLevel).toBe("prefecture");
    const exported = await exportAndDrain(ctx, { format: "csv", area: island });
    expect([d.households, d.individuals]).toEqual([exported.households, exported.individuals]);
    expect(d.households).toBe(await count("select count(*) as n from households where island = ?", [island]));
  });
});

describe("the age-sex pyramid's small cells", () => {
  beforeAll(async () => {
    await ctx.addUser({ username: "analyste_perso", roles: ["analyst"], grants: ["personal"] });
    await ctx.addUser({ username: "analyste_superviseur", roles: ["analyst", "supervisor"], areas: ["1"] });
  });

  it("hides cells of 1 to 4 people from an analyst without the personal grant, and says so", async () => {
    const exact = await dashboard("");
    expect(exact.pyramid.some((cell) => cell.individuals! < 5)).toBe(true);
    const analyst = await dashboard("", "analyste");
    expect(analyst.pyramidMinCell).toBe(5);
    expect(analyst.pyramid).toEqual(exact.pyramid.map((cell) => (cell.individuals! < 5 ? { ...cell, individuals: null } : cell)));
    // The totals are not cells of the pyramid: they stay exact.
    expect([analyst.households, analyst.individuals]).toEqual([exact.households, exact.individuals]);
  });

  it("shows every cell to an analyst granted personal data and to a supervisor", async () => {
    const exact = await dashboard("?level=island&area=1");
    for (const user of ["analyste_perso", "superviseur"]) {
      const d = await dashboard("?level=island&area=1", user);
      expect([user, d.pyramidMinCell, d.pyramid]).toEqual([user, null, exact.pyramid]);
    }
  });

  it("hides them from a supervisor of Ngazidja who is also an analyst without the grant: the analyst's role reaches other islands", async () => {
    const d = await dashboard("", "analyste_superviseur");
    expect(d.pyramidMinCell).toBe(5);
    expect(d.pyramid.some((cell) => cell.individuals === null)).toBe(true);
  });
});

describe("reach and rights", () => {
  it("shows a supervisor of Ngazidja (1) that island only, and nothing of Mwali (3)", async () => {
    const own = await dashboard("", "superviseur");
    expect(own.households).toBe(await count("select count(*) as n from households where island = '1'"));
    expect(own.byArea.map((r) => r.code)).toEqual(own.households ? ["1"] : []);
    const other = await dashboard("?level=island&area=3", "superviseur");
    expect([other.households, other.individuals, other.pyramid]).toEqual([0, 0, []]);
  });

  it("refuses clerks and designers, and bad parameters with where they are", async () => {
    expect((await ctx.get("/api/dashboards", "agent")).status).toBe(403);
    expect((await ctx.get("/api/dashboards", "concepteur")).status).toBe(403);
    const noArea = await ctx.get("/api/dashboards?level=commune", "admin");
    expect([noArea.status, noArea.body.error.code, noArea.body.error.details[0].pointer]).toEqual([400, "invalid_parameter", "/area"]);
    const level = await ctx.get("/api/dashboards?level=village&area=1", "admin");
    expect([level.status, level.body.error.details[0].pointer]).toEqual([400, "/level"]);
  });

  it("counts a chosen variable by value and area as SQL does", async () => {
    const res = await ctx.get("/api/dashboards/indicator?variable=sex&breakdown=area", "analyste");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as IndicatorFigures;
    const expected = await sql<{ group: string; value: string; n: string }>(
      `select h.island as "group", i.sex as value, count(*) as n from individuals i join households h on h.id = i.household_id group by 1, 2 order by 1, 2`,
    );
    expect(body.counts).toEqual(expected.map((r) => ({ group: r.group, value: r.value, count: Number(r.n) })));
    const rooms = (await ctx.get("/api/dashboards/indicator?variable=number_of_rooms&breakdown=none", "analyste")).body as IndicatorFigures;
    const [stats] = await sql<{ n: string; mean: string }>(
      "select count(*) as n, avg((attributes->>'number_of_rooms')::numeric) as mean from households where jsonb_typeof(attributes->'number_of_rooms') = 'number'",
    );
    expect(rooms.summary).toEqual([
      {
        group: null,
        answered: Number(stats!.n),
        mean: expect.closeTo(Number(stats!.mean), 9),
        min: expect.any(Number),
        max: expect.any(Number),
      },
    ]);
  });

  it("refuses a sensitive variable without the grant, text variables, and unknown ones", async () => {
    const refused = await ctx.get("/api/dashboards/indicator?variable=disability", "analyste");
    expect([refused.status, refused.body.error.code]).toEqual([403, "indicator_not_granted"]);
    expect(refused.body.error.message.fr).toContain("disability");
    const granted = await ctx.get("/api/dashboards/indicator?variable=disability&breakdown=sex", "admin");
    expect(granted.status).toBe(200);
    const yes = (granted.body as IndicatorFigures).counts.filter((r) => r.value === "true").reduce((n, r) => n + r.count, 0);
    expect(yes).toBe(await count("select count(*) as n from individuals where attributes->'disability' = 'true'::jsonb"));
    const text = await ctx.get("/api/dashboards/indicator?variable=address", "admin");
    expect([text.status, text.body.error.code]).toEqual([400, "indicator_not_countable"]);
    const unknown = await ctx.get("/api/dashboards/indicator?variable=nope", "admin");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "variable_not_found"]);
  });
});
