import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../api/entities";
import { downloadExport, exportAndDrain, readCsv, readParquet, readStatFile, readXlsx, type Table } from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { householdWithPlots, type Plot, publishPlots } from "../helpers/unit-records";

/**
 * A registry export holds a file per unit of records the households hold (issue #20): `plots.<format>`
 * beside households and individuals, one row per record, keyed by household_id, version and the record's
 * place in the household's list, in every format, with the codebook's lines and the same redaction per role.
 */
let ctx: TestContext;
/** Each household's plots as submitted. */
const submitted = new Map<string, Plot[]>();
beforeAll(async () => {
  ctx = await createTestContext("export_unit_records");
  ctx.startWorkers();
  const version = await publishPlots(ctx);
  // The version's catalogue snapshot holds the plots' variables: without them integration drops the records.
  const { snapshot } = (await ctx.get(`/api/forms/menage/versions/${version}`)).body;
  expect(snapshot.variables.filter((v: { level: string }) => v.level === "plots").map((v: { code: string }) => v.code)).toEqual([
    "plot_area",
    "plot_irrigated",
    "plot_owner",
  ]);
  for (const [seed, count] of [
    [31, 2],
    [32, 0],
    [33, 3],
  ] as const) {
    const data = householdWithPlots(seed, count);
    const done = await ctx.submitAndDrain(data, { version });
    expect(done.status, JSON.stringify(done)).toBe("integrated");
    submitted.set(done.householdId, data.plots as Plot[]);
  }
}, 120_000);
afterAll(() => ctx?.close());

const PLOT_COLUMNS = ["household_id", "version", "record", "plot_area", "plot_irrigated", "plot_owner"];

/** The plots' rows an export should hold, as text: numbers as JavaScript prints them, booleans 1/0. */
function expectedPlots(columns = PLOT_COLUMNS): Table {
  return [...submitted].flatMap(([id, plots]) =>
    plots.map((plot, at) => {
      const row: Record<string, string> = {
        household_id: id,
        version: "1",
        record: String(at + 1),
        plot_area: String(plot.plot_area),
        plot_irrigated: plot.plot_irrigated ? "1" : "0",
        plot_owner: plot.plot_owner ?? "",
      };
      return Object.fromEntries(columns.map((c) => [c, row[c]!]));
    }),
  );
}

/** Rows in a stable order, numbers as JavaScript prints them (Stata and SPSS print 2.25 as 2.250000). */
const normalised = (rows: Table) =>
  rows
    .map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([name, value]) => [
          name,
          ["version", "record", "plot_area", "plot_irrigated"].includes(name) ? String(Number(value)) : value,
        ]),
      ),
    )
    .sort((a, b) => (a.household_id! + a.record!.padStart(4)).localeCompare(b.household_id! + b.record!.padStart(4)));

describe("a file per unit of records", () => {
  it("CSV: plots.csv, one row per record numbered from 1, and the codebook's lines saying records are list items", async () => {
    const view = await exportAndDrain(ctx, { format: "csv" });
    expect(view).toMatchObject({ households: 3 });
    const { files } = await downloadExport(ctx, view.id);
    expect([...files.keys()].sort()).toEqual(["codebook.csv", "households.csv", "individuals.csv", "plots.csv"]);
    const plots = files.get("plots.csv")!;
    expect([...plots.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(plots.toString("utf8", 3).split("\r\n")[0]).toBe(PLOT_COLUMNS.join(","));
    expect(normalised(readCsv(plots))).toEqual(normalised(expectedPlots()));
    const codebook = readCsv(files.get("codebook.csv")!).filter((line) => line.file === "plots");
    expect(codebook.map((line) => line.name)).toEqual(PLOT_COLUMNS);
    expect(codebook.find((line) => line.name === "record")!.label).toBe(
      "Numéro de l'enregistrement : sa position dans la liste du ménage, à partir de 1",
    );
    expect(codebook.find((line) => line.name === "plot_owner")).toMatchObject({ sensitivity: "personal", type: "text" });
    expect(codebook.find((line) => line.name === "plot_irrigated")).toMatchObject({ type: "boolean", values: "0=Non | 1=Oui" });
  });

  it("XLSX and Parquet: the same rows", async () => {
    const xlsx = await exportAndDrain(ctx, { format: "xlsx" });
    expect(normalised(await readXlsx((await downloadExport(ctx, xlsx.id)).files.get("plots.xlsx")!))).toEqual(normalised(expectedPlots()));
    const parquet = await exportAndDrain(ctx, { format: "parquet" });
    const read = await readParquet((await downloadExport(ctx, parquet.id)).files.get("plots.parquet")!);
    expect(normalised(read.rows)).toEqual(normalised(expectedPlots()));
    expect(JSON.parse(read.metadata["rsu.labels"]!)).toMatchObject({ plot_area: "Superficie de la parcelle (hectares)" });
  });

  for (const format of ["dta", "sav"] as const) {
    it(`${format === "dta" ? "Stata" : "SPSS"}: the same rows, labelled in the language asked`, async () => {
      const view = await exportAndDrain(ctx, { format, language: "en" });
      const { rows, metadata } = await readStatFile((await downloadExport(ctx, view.id)).files.get(`plots.${format}`)!, format);
      expect(normalised(rows)).toEqual(normalised(expectedPlots()));
      expect(metadata.variables.find((v) => v.name === "plot_owner")).toMatchObject({ label: "Owner of the plot" });
    });
  }
});

describe("redaction per role", () => {
  it("an analyst without the personal grant gets plots without their owner; granted, with it", async () => {
    const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
    const grant = async (grants: string[]) => expect((await ctx.patch(`/api/users/${analyst.id}`, { grants })).status).toBe(200);
    await grant([]);
    const without = await exportAndDrain(ctx, { format: "csv" }, "analyste");
    const plots = readCsv((await downloadExport(ctx, without.id, "analyste")).files.get("plots.csv")!);
    const unnamed = PLOT_COLUMNS.filter((c) => c !== "plot_owner");
    expect(Object.keys(plots[0]!)).toEqual(unnamed);
    expect(normalised(plots)).toEqual(normalised(expectedPlots(unnamed)));
    await grant(["personal"]);
    const granted = await exportAndDrain(ctx, { format: "xlsx" }, "analyste");
    const named = await readXlsx((await downloadExport(ctx, granted.id, "analyste")).files.get("plots.xlsx")!);
    expect(normalised(named)).toEqual(normalised(expectedPlots()));
  });

  it("the household page and its history show each plot with only the fields the analyst may read", async () => {
    const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
    const [id, before] = [...submitted].find(([, list]) => list.length === 3)!;
    // A second visit changes the first plot: its history then carries plots, owners included.
    const plots = before.map((plot, at) => (at === 0 ? { ...plot, plot_area: 9.5, plot_owner: "Nouvelle propriétaire" } : plot));
    const version = Number((await ctx.get(`/api/households/${id}`)).body.version ?? 1);
    const update = await ctx.submitAndDrain({ ...householdWithPlots(33, 3), plots }, { version: 2, householdId: id, baseVersion: version });
    expect(update.status, JSON.stringify(update)).toBe("integrated");
    const read = async (grants: string[]) => {
      expect((await ctx.patch(`/api/users/${analyst.id}`, { grants })).status).toBe(200);
      const page = await ctx.get(`/api/households/${id}`, "analyste");
      const history = await ctx.get(`/api/households/${id}/history`, "analyste");
      expect([page.status, history.status]).toEqual([200, 200]);
      return { plots: page.body.attributes.plots, history: JSON.stringify(history.body) };
    };
    const unnamed = plots.map(({ plot_area, plot_irrigated }) => ({ plot_area, plot_irrigated }));
    // Sensitive answers granted, personal ones not: the owner stays hidden, in the page and in the history.
    for (const grants of [[], ["sensitive"]]) {
      const seen = await read(grants);
      expect(seen.plots).toEqual(unnamed);
      expect(seen.history).not.toContain("plot_owner");
      expect(seen.history).not.toContain("ropriétaire");
      expect(seen.history).toContain("9.5");
    }
    const granted = await read(["personal"]);
    expect(granted.plots).toEqual(plots);
    expect(granted.history).toContain("Nouvelle propriétaire");
  });
});
