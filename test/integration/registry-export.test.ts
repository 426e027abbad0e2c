import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { exportLevels, type ExportColumn } from "../../schemas/registry/export-columns";
import { validHousehold } from "../helpers/demo-responses";
import {
  downloadExport,
  expectSameAsRegistry,
  exportAndDrain,
  readCsv,
  readParquet,
  readStatFile,
  readXlsx,
  type Table,
} from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";
import type { RunningWorkers } from "../../workers/start-workers";

/**
 * Registry exports (issue #17): every format read back (csv-parse, exceljs, ReadStat) and compared with the
 * registry as GET /api/households/:id shows it; the state as of a date; filters; cancel; who may download.
 */
let ctx: TestContext;
const ids: string[] = [];
let beforeUpdate: string;
let updatedId: string;
let workers: RunningWorkers;
beforeAll(async () => {
  ctx = await createTestContext("registry_export");
  workers = ctx.startWorkers();
  for (const seed of [1, 2, 3, 4, 5]) {
    const done = await ctx.submitAndDrain(validHousehold(seed));
    expect(done.status).toBe("integrated");
    ids.push(done.householdId);
  }
  beforeUpdate = new Date().toISOString();
  updatedId = ids[0]!;
  const answers = (await ctx.get(`/api/households/${updatedId}/answers`)).body;
  const changed = { ...answers.data, number_of_rooms: 29 };
  const update = await ctx.submitAndDrain(changed, { householdId: updatedId, baseVersion: 1 });
  expect(update.status).toBe("integrated");
}, 120_000);
afterAll(() => ctx?.close());

// The working catalogue is read in code order (api/services/catalogue-store.ts): so are the columns after the keys.
const byCode = { ...demoCatalogue, variables: [...demoCatalogue.variables].sort((a, b) => (a.code < b.code ? -1 : 1)) };
const [householdColumns, individualColumns] = exportLevels(byCode, "fr").map((level) => level.columns) as [ExportColumn[], ExportColumn[]];
const columns = { households: householdColumns, individuals: individualColumns };

describe("formats, read back and compared with the registry", () => {
  it("CSV with a semicolon: UTF-8 with a BOM, one file per level joined by household_id, a codebook", async () => {
    const view = await exportAndDrain(ctx, { format: "csv", delimiter: ";" });
    expect(view).toMatchObject({ households: 5, progress: { done: 5, total: 5 }, error: null });
    const { bytes, files } = await downloadExport(ctx, view.id);
    expect([...files.keys()].sort()).toEqual(["codebook.csv", "households.csv", "individuals.csv"]);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(view.checksum);
    const households = files.get("households.csv")!;
    expect([...households.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(households.toString("utf8", 3).split("\r\n")[0]).toBe(householdColumns.map((c) => c.name).join(";"));
    const individuals = readCsv(files.get("individuals.csv")!, ";");
    expect(individuals.length).toBe(view.individuals);
    await expectSameAsRegistry(ctx, columns, readCsv(households, ";"), individuals, ids);
    const codebook = readCsv(files.get("codebook.csv")!, ";");
    expect(codebook.find((line) => line.name === "sex")).toMatchObject({
      file: "individuals",
      label: "Sexe",
      values: "1=Masculin | 2=Féminin",
      sensitivity: "internal",
    });
    expect(codebook.find((line) => line.name === "nin")).toMatchObject({ sensitivity: "personal" });
  });

  it("XLSX, read back with exceljs", async () => {
    const view = await exportAndDrain(ctx, { format: "xlsx" });
    const { files } = await downloadExport(ctx, view.id);
    await expectSameAsRegistry(
      ctx,
      columns,
      await readXlsx(files.get("households.xlsx")!),
      await readXlsx(files.get("individuals.xlsx")!),
      ids,
    );
  });

  it("Parquet, read back with hyparquet: typed values and the variable labels in the file's metadata", async () => {
    const view = await exportAndDrain(ctx, { format: "parquet" });
    const { files } = await downloadExport(ctx, view.id);
    expect([...files.keys()].sort()).toEqual(["codebook.csv", "households.parquet", "individuals.parquet"]);
    const households = await readParquet(files.get("households.parquet")!);
    const individuals = await readParquet(files.get("individuals.parquet")!);
    expect(individuals.rows.length).toBe(view.individuals);
    expect(JSON.parse(individuals.metadata["rsu.labels"]!)).toMatchObject({ sex: "Sexe", individual_id: "Identifiant du membre" });
    await expectSameAsRegistry(ctx, columns, households.rows, individuals.rows, ids);
  });

  for (const format of ["dta", "sav"] as const) {
    it(`${format === "dta" ? "Stata" : "SPSS"} .${format}, read back by ReadStat: values, variable labels and value labels in the language asked`, async () => {
      const view = await exportAndDrain(ctx, { format, language: "en" });
      const { files } = await downloadExport(ctx, view.id);
      const households = await readStatFile(files.get(`households.${format}`)!, format);
      const individuals = await readStatFile(files.get(`individuals.${format}`)!, format);
      const sex = individuals.metadata.variables.find((v) => v.name === "sex")!;
      expect(sex).toMatchObject({ type: "NUMERIC", label: "Sex" });
      expect(sex.categories?.map((c) => [Number(c.code), c.label])).toEqual([
        [1, "Male"],
        [2, "Female"],
      ]);
      expect(households.metadata.variables.find((v) => v.name === "island")?.categories?.map((c) => c.label)).toEqual(
        demoCatalogue.codeLists.find((l) => l.code === "island")!.items.map((i) => i.label.en),
      );
      expect(individuals.metadata.variables.find((v) => v.name === "disability")).toMatchObject({ label: "Lives with a disability" });
      // Codes are labelled numbers, dates are the format's own dates: bring them back to the registry's text.
      const back = (table: Table, columns: ExportColumn[]) =>
        table.map((row) => Object.fromEntries(columns.map((c) => [c.name, registryText(c, row[c.name] ?? "", format)])));
      await expectSameAsRegistry(ctx, columns, back(households.rows, householdColumns), back(individuals.rows, individualColumns), ids);
    });
  }
});

/** A ReadStat CSV cell as the registry's own text: numbers without trailing zeros, codes with their leading zeros, ISO dates. */
function registryText(column: ExportColumn, raw: string, format: "dta" | "sav"): string {
  if (raw === "") return "";
  if (column.kind === "date") {
    const epoch = format === "dta" ? Date.UTC(1960, 0, 1) : Date.UTC(1582, 9, 14);
    const ms = format === "dta" ? Number(raw) * 86_400_000 : Number(raw) * 1000;
    return new Date(epoch + ms).toISOString().slice(0, 10);
  }
  if (column.kind === "code" && column.numericCodes) return column.categories!.find((c) => Number(c.code) === Number(raw))!.code;
  if (column.kind === "number" || column.kind === "boolean") return String(Number(raw));
  return raw;
}

describe("which households, as of when", () => {
  it("as of a date: the state recorded by then, not today's", async () => {
    const past = await exportAndDrain(ctx, { format: "csv", asOf: beforeUpdate });
    const { files } = await downloadExport(ctx, past.id);
    const households = readCsv(files.get("households.csv")!);
    expect(households.find((r) => r.household_id === updatedId)).toMatchObject({ version: "1" });
    await expectSameAsRegistry(
      ctx,
      columns,
      households,
      readCsv(files.get("individuals.csv")!),
      ids,
      `?at=${encodeURIComponent(beforeUpdate)}`,
    );
    const now = await exportAndDrain(ctx, { format: "csv" });
    const today = readCsv((await downloadExport(ctx, now.id)).files.get("households.csv")!);
    expect(today.find((r) => r.household_id === updatedId)).toMatchObject({ version: "2", number_of_rooms: "29" });
  });

  it("a date before the first household: empty files with their headers", async () => {
    const view = await exportAndDrain(ctx, { format: "csv", asOf: "2020-01-01" });
    expect(view).toMatchObject({ households: 0, individuals: 0 });
    expect(readCsv((await downloadExport(ctx, view.id)).files.get("households.csv")!)).toEqual([]);
  });

  it("filters: area, changed since, form version", async () => {
    const first = (await ctx.get(`/api/households/${ids[1]}`)).body;
    const inCommune = [];
    for (const id of ids) if ((await ctx.get(`/api/households/${id}`)).body.commune === first.commune) inCommune.push(id);
    const byArea = await exportAndDrain(ctx, { format: "csv", area: first.commune });
    expect(
      readCsv((await downloadExport(ctx, byArea.id)).files.get("households.csv")!)
        .map((r) => r.household_id)
        .sort(),
    ).toEqual(inCommune.sort());

    const changed = await exportAndDrain(ctx, { format: "csv", changedSince: beforeUpdate });
    expect(readCsv((await downloadExport(ctx, changed.id)).files.get("households.csv")!).map((r) => r.household_id)).toEqual([updatedId]);

    expect((await exportAndDrain(ctx, { format: "csv", formId: "menage", formVersion: 1 })).households).toBe(5);
    expect((await exportAndDrain(ctx, { format: "csv", formId: "menage", formVersion: 2 })).households).toBe(0);
  });

  it("refuses a malformed request with a 422 naming the field, and writes nothing", async () => {
    const before = (await ctx.get("/api/exports")).body.length;
    const res = await ctx.post("/api/exports", { format: "pdf", asOf: "yesterday" });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { pointer: string }) => d.pointer).sort()).toEqual(["/asOf", "/format"]);
    expect((await ctx.get("/api/exports")).body.length).toBe(before);
  });
});

describe("the requester's own file, for a while", () => {
  it("is audited: who asked with which filters, then rows and checksum, then each download", async () => {
    const view = await exportAndDrain(ctx, { format: "csv", area: "1" });
    await downloadExport(ctx, view.id);
    const rows = await ctx.orm.em
      .fork()
      .getConnection()
      .execute<{ actor: string; action: string; details: any }[]>(
        `select actor, action, details from audit_log where entity_id = ? order by seq`,
        [view.id],
      );
    expect(rows.map((r) => r.action)).toEqual(["registry_export.requested", "registry_export.completed", "registry_export.downloaded"]);
    expect(rows[0]).toMatchObject({ actor: "admin", details: { format: "csv", filters: { area: "1" } } });
    expect(rows[1]!.details).toMatchObject({
      rows: { households: view.households, individuals: view.individuals },
      checksum: view.checksum,
    });
    expect(rows[2]).toMatchObject({ actor: "admin", details: { checksum: view.checksum } });
  });

  it("is neither listed, shown nor downloadable for anyone else, administrators included", async () => {
    await ctx.addUser({ username: "autre.admin", displayName: "Autre admin", roles: ["admin"], areas: [] });
    const view = await exportAndDrain(ctx, { format: "csv" });
    for (const path of [`/api/exports/${view.id}`, `/api/exports/${view.id}/file`]) {
      const res = await ctx.get(path, "autre.admin");
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("export_not_found");
    }
    expect((await ctx.get("/api/exports", "autre.admin")).body).toEqual([]);
    expect((await ctx.post(`/api/exports/${view.id}/cancel`, {}, "autre.admin")).status).toBe(404);
  });

  it("is gone after its keeping time: 410, and the sweep deletes the file", async () => {
    const view = await exportAndDrain(ctx, { format: "csv" });
    await ctx.orm.em
      .fork()
      .getConnection()
      .execute(`update registry_exports set expires_at = now() - interval '1 minute' where id = ?`, [view.id]);
    const res = await ctx.get(`/api/exports/${view.id}/file`);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe("export_expired");
    const { sweepExpiredExports, exportFilePath } = await import("../../api/registry/exports/run-export");
    expect(await sweepExpiredExports(ctx.orm.em.fork(), ctx.config.exports)).toBe(1);
    await expect(import("node:fs/promises").then((fs) => fs.stat(exportFilePath(ctx.config.exports, view.id)))).rejects.toThrow(/ENOENT/);
    expect((await ctx.get(`/api/exports/${view.id}`)).body.status).toBe("expired");
  });
});

describe("cancel", () => {
  it("a queued export cancelled is never written; a finished one cannot be cancelled", async () => {
    // No worker runs while the export waits, so it is cancelled while queued, before any row is read.
    await workers.close();
    const asked = await ctx.post("/api/exports", { format: "csv" });
    expect(asked.body.status).toBe("queued");
    const cancelled = await ctx.post(`/api/exports/${asked.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    workers = ctx.startWorkers();
    await ctx.drain();
    expect((await ctx.get(`/api/exports/${asked.body.id}`)).body.status).toBe("cancelled");
    const file = await ctx.get(`/api/exports/${asked.body.id}/file`);
    expect(file.status).toBe(409);
    expect(file.body.error.code).toBe("export_not_ready");

    const done = await exportAndDrain(ctx, { format: "csv" });
    const late = await ctx.post(`/api/exports/${done.id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("export_finished");
  });
});
