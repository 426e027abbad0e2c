import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../api/entities";
import { downloadExport, exportAndDrain, readCsv, readParquet, readStatFile, readXlsx, type Table } from "../helpers/export-files";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { type Harvest, plotsWithHarvests, publishHarvests } from "../helpers/unit-records";

/**
 * A unit whose records stand in another unit's records (issue #20: each plot's harvests) has its own file,
 * `harvests.<format>`, one row per harvest keyed by household_id, version, plots_record (the `record` of
 * its plot in plots' file) and record (its place in the plot's list), in every format, with the same
 * redaction per role and the same as-of date as the other files.
 */
let ctx: TestContext;
let version: number;
let householdId: string;
/** Before the second visit changed a harvest. */
let asOf: string;
const submitted = plotsWithHarvests(41, 2, 2);
beforeAll(async () => {
  ctx = await createTestContext("export_nested_records");
  ctx.startWorkers();
  version = await publishHarvests(ctx);
  const done = await ctx.submitAndDrain({ ...validHousehold(41), plots: submitted }, { version });
  expect(done.status, JSON.stringify(done)).toBe("integrated");
  householdId = done.householdId;
  // A household whose only plot has no harvest: a plot's row, no harvest's.
  const bare = await ctx.submitAndDrain({ ...validHousehold(42), plots: plotsWithHarvests(42, 1, 0) }, { version });
  expect(bare.status, JSON.stringify(bare)).toBe("integrated");
  asOf = new Date().toISOString();
}, 120_000);
afterAll(() => ctx?.close());

/** The keys, then the unit's variables in catalogue order (by code). */
const COLUMNS = ["household_id", "version", "plots_record", "record", "harvest_buyer", "harvest_crop", "harvest_tons"];

/** The harvests' rows of the household, as text. */
function expected(plots: typeof submitted, householdVersion: number, columns = COLUMNS): Table {
  return plots.flatMap((plot, p) =>
    plot.harvests.map((harvest: Harvest, h) => {
      const row: Record<string, string> = {
        household_id: householdId,
        version: String(householdVersion),
        plots_record: String(p + 1),
        record: String(h + 1),
        harvest_crop: harvest.harvest_crop!,
        harvest_tons: String(harvest.harvest_tons),
        harvest_buyer: harvest.harvest_buyer!,
      };
      return Object.fromEntries(columns.map((c) => [c, row[c]!]));
    }),
  );
}

/** Numbers as JavaScript prints them (Stata and SPSS print 41.5 as 41.500000), rows in the files' order. */
const normalised = (rows: Table) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        ["version", "plots_record", "record", "harvest_tons"].includes(name) ? String(Number(value)) : value,
      ]),
    ),
  );

describe("a file per unit of records kept in another unit's records", () => {
  it("CSV: harvests.csv keyed to its plot, and the codebook says which column joins which file", async () => {
    const view = await exportAndDrain(ctx, { format: "csv" });
    const { files } = await downloadExport(ctx, view.id);
    expect([...files.keys()].sort()).toEqual(["codebook.csv", "harvests.csv", "households.csv", "individuals.csv", "plots.csv"]);
    const harvests = files.get("harvests.csv")!;
    expect(harvests.toString("utf8", 3).split("\r\n")[0]).toBe(COLUMNS.join(","));
    expect(normalised(readCsv(harvests))).toEqual(expected(submitted, 1));
    const plots = readCsv(files.get("plots.csv")!);
    expect(plots.map((p) => [p.household_id === householdId, p.record])).toEqual(
      expect.arrayContaining([
        [true, "1"],
        [true, "2"],
      ]),
    );
    expect(plots).toHaveLength(3);
    const codebook = readCsv(files.get("codebook.csv")!).filter((line) => line.file === "harvests");
    expect(codebook.map((line) => [line.name, line.label])).toEqual([
      ["household_id", "Identifiant du ménage"],
      ["version", "Version du ménage"],
      ["plots_record", "Numéro de l'enregistrement « plots » qui le contient (colonne record du fichier plots)"],
      ["record", "Numéro de l'enregistrement : sa position dans la liste de l'enregistrement qui le contient, à partir de 1"],
      ["harvest_buyer", "Acheteur de la récolte"],
      ["harvest_crop", "Culture récoltée"],
      ["harvest_tons", "Quantité récoltée (tonnes)"],
    ]);
  });

  it("XLSX and Parquet: the same rows", async () => {
    const xlsx = await exportAndDrain(ctx, { format: "xlsx" });
    expect(normalised(await readXlsx((await downloadExport(ctx, xlsx.id)).files.get("harvests.xlsx")!))).toEqual(expected(submitted, 1));
    const parquet = await exportAndDrain(ctx, { format: "parquet" });
    const read = await readParquet((await downloadExport(ctx, parquet.id)).files.get("harvests.parquet")!);
    expect(normalised(read.rows)).toEqual(expected(submitted, 1));
  });

  for (const format of ["dta", "sav"] as const) {
    it(`${format === "dta" ? "Stata" : "SPSS"}: the same rows, the keys labelled in the language asked`, async () => {
      const view = await exportAndDrain(ctx, { format, language: "en" });
      const { rows, metadata } = await readStatFile((await downloadExport(ctx, view.id)).files.get(`harvests.${format}`)!, format);
      expect(normalised(rows)).toEqual(expected(submitted, 1));
      expect(metadata.variables.find((v) => v.name === "plots_record")).toMatchObject({
        label: "Number of the plots record holding it (column record of file plots)",
      });
    });
  }
});

describe("the same redaction and as-of date as the other files", () => {
  it("an analyst without the personal grant gets harvests without their buyer; granted, with it", async () => {
    const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
    const grant = async (grants: string[]) => expect((await ctx.patch(`/api/users/${analyst.id}`, { grants })).status).toBe(200);
    await grant([]);
    const without = await exportAndDrain(ctx, { format: "csv" }, "analyste");
    const unnamed = COLUMNS.filter((c) => c !== "harvest_buyer");
    const rows = readCsv((await downloadExport(ctx, without.id, "analyste")).files.get("harvests.csv")!);
    expect(normalised(rows)).toEqual(expected(submitted, 1, unnamed));
    const dta = await exportAndDrain(ctx, { format: "dta" }, "analyste");
    const stata = await readStatFile((await downloadExport(ctx, dta.id, "analyste")).files.get("harvests.dta")!, "dta");
    expect(normalised(stata.rows)).toEqual(expected(submitted, 1, unnamed));
    await grant(["personal"]);
    const granted = await exportAndDrain(ctx, { format: "csv" }, "analyste");
    const named = readCsv((await downloadExport(ctx, granted.id, "analyste")).files.get("harvests.csv")!);
    expect(normalised(named)).toEqual(expected(submitted, 1));
  });

  it("a second visit changes a harvest: exported now, the new value; as of before it, the first", async () => {
    const changed = structuredClone(submitted);
    changed[1]!.harvests[0]!.harvest_tons = 99.25;
    const update = await ctx.submitAndDrain({ ...validHousehold(41), plots: changed }, { version, householdId, baseVersion: 1 });
    expect(update.status, JSON.stringify(update)).toBe("integrated");
    for (const format of ["csv", "xlsx"] as const) {
      const now = await exportAndDrain(ctx, { format });
      const before = await exportAndDrain(ctx, { format, asOf });
      const read = async (id: string) => {
        const file = (await downloadExport(ctx, id)).files.get(`harvests.${format}`)!;
        return normalised(format === "csv" ? readCsv(file) : await readXlsx(file));
      };
      expect(await read(now.id)).toEqual(expected(changed, 2));
      expect(await read(before.id)).toEqual(expected(submitted, 1));
    }
  });
});
