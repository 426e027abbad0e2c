import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardFigures } from "../../schemas/contracts/dashboards";
import { validHousehold } from "../helpers/demo-responses";
import { downloadExport, exportAndDrain, readStatFile, type Table } from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * The issue's « done when » (#17): an analyst exports the registry as of a date to Stata, opens it, and sees
 * the counts the dashboard showed on that date, although the registry changed since (new households, a
 * household that grew). The file is read back by ReadStat itself.
 */
let ctx: TestContext;
let then: DashboardFigures;
let asOf: string;
let grown: string;

const dashboard = async () => {
  const res = await ctx.get("/api/dashboards", "admin");
  expect(res.status).toBe(200);
  return res.body as DashboardFigures;
};

beforeAll(async () => {
  ctx = await createTestContext("exportasofdashboard");
  ctx.startWorkers();
  for (let seed = 1; seed <= 4; seed++) expect((await ctx.submitAndDrain(validHousehold(seed))).status).toBe("integrated");
  then = await dashboard();
  grown = (await ctx.get("/api/households?limit=1")).body.items[0].id;
  asOf = new Date().toISOString();
  // After that instant: two new households, and one household gains a member.
  for (let seed = 5; seed <= 6; seed++) expect((await ctx.submitAndDrain(validHousehold(seed))).status).toBe("integrated");
  const { data } = (await ctx.get(`/api/households/${grown}/answers`)).body;
  const members = data.members as Record<string, unknown>[];
  const last = members[members.length - 1]!;
  // A baby is asked none of the adults' questions: only names, sex, birth, relation, health and birth certificate.
  const newborn = {
    first_name: "Zaharia",
    last_name: last.last_name,
    sex: "2",
    birth_date: "2026-01-15",
    relation_to_head: "03",
    disability: false,
    chronic_illness: false,
    has_birth_certificate: true,
  };
  const update = await ctx.submitAndDrain({ ...data, members: [...members, newborn] }, { householdId: grown, baseVersion: 1 });
  expect(update.status).toBe("integrated");
}, 180_000);
afterAll(() => ctx?.close());

/** Rows per value of a column, as [value, rows] sorted by value: what a `tab` in Stata shows. */
const tabulate = (rows: Table, column: string) => {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row[column]!, (counts.get(row[column]!) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
};

describe("a Stata export as of a date", () => {
  it("holds the counts the dashboard showed on that date, by island and by sex", async () => {
    const now = await dashboard();
    expect(now.households).toBe(then.households + 2);
    expect(now.individuals).toBeGreaterThan(then.individuals);

    const view = await exportAndDrain(ctx, { format: "dta", asOf }, "analyste");
    expect([view.households, view.individuals]).toEqual([then.households, then.individuals]);
    const { files } = await downloadExport(ctx, view.id, "analyste");
    const households = (await readStatFile(files.get("households.dta")!, "dta")).rows;
    const individuals = (await readStatFile(files.get("individuals.dta")!, "dta")).rows;
    expect([households.length, individuals.length]).toEqual([then.households, then.individuals]);
    expect(tabulate(households, "island").map(([island, n]) => [String(Number(island)), n])).toEqual(
      then.byArea.map((row) => [row.code, row.households]),
    );
    const bySex = new Map<string, number>();
    for (const cell of then.pyramid) bySex.set(cell.sex!, (bySex.get(cell.sex!) ?? 0) + cell.individuals!);
    expect(tabulate(individuals, "sex").map(([sex, n]) => [String(Number(sex)), n])).toEqual(
      [...bySex].sort(([a], [b]) => a.localeCompare(b)).map(([sex, n]) => [String(Number(sex)), n]),
    );
    // The household that grew is in the file as it was: one member fewer than today.
    const today = (await ctx.get(`/api/households/${grown}`)).body.members.length;
    expect(individuals.filter((row) => row.household_id === grown).length).toBe(today - 1);
  });

  it("and as of now, the dashboard's counts of now", async () => {
    const now = await dashboard();
    const view = await exportAndDrain(ctx, { format: "dta" }, "analyste");
    expect([view.households, view.individuals]).toEqual([now.households, now.individuals]);
  });
});
