import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { Writable } from "node:stream";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sensitivity } from "../../schemas/catalogue/types";
import { type ExportColumn, exportLevels } from "../../schemas/registry/export-columns";
import type { RoleScope } from "../../api/auth/actor";
import { copyCsvFiles } from "../../api/registry/exports/copy-csv";
import { readable, writeRowFiles } from "../../api/registry/exports/row-files";
import { loadCatalogue } from "../../api/services/catalogue-store";
import { redactorsFor } from "../../api/services/redaction";
import { validHousehold } from "../helpers/demo-responses";
import { readCsv } from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { householdWithPlots, publishPlots } from "../helpers/unit-records";

/**
 * The CSV export written by PostgreSQL's COPY (issue #17) against the row-by-row writer it replaced for
 * CSV, on states holding what a form should not send but history may hold: numbers as text, text as
 * numbers, the separator, quotes and line breaks inside values, booleans as text, several codes or none.
 * Both writers read the same versions with the same roles: their files must hold the same table.
 */
let ctx: TestContext;
const ids: string[] = [];
let dir: string;
beforeAll(async () => {
  ctx = await createTestContext("export_csv_copy");
  ctx.startWorkers();
  // Households with records of a unit (plots, issue #20): their file is compared too.
  const version = await publishPlots(ctx);
  for (const seed of [11, 12, 13, 14]) {
    const done = await ctx.submitAndDrain(seed === 14 ? validHousehold(seed) : householdWithPlots(seed, seed - 10), { version });
    expect(done.status).toBe("integrated");
    ids.push(done.householdId);
  }
  dir = await mkdtemp(join(tmpdir(), "rsu-csv-copy-"));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

const ALL: Sensitivity[] = ["public", "internal", "personal", "sensitive"];
const scope = (role: string, areas: string[] | null, sensitivities: Sensitivity[]) =>
  ({ role, areas, ownSubmissionsOnly: false, sensitivities: new Set(sensitivities) }) as RoleScope;

/** Odd values, one list per column kind, given to the households (and their members) in turn. */
const ODD: Record<ExportColumn["kind"], unknown[]> = {
  number: [" 12 ", "1.50", "abc", 2.5, "", "007"],
  text: ['a; b, "c"', "line\nbreak", "crlf\r\nend", 3.25, "", "Mohéli", null],
  date: ["2025-01-02", "", 20250102],
  code: ["01", 2, "a;b"],
  codes: [["01", "07"], [], "01", ["x", 3, null]],
  boolean: [true, false, "true", null],
  // A reference, a list of them, a list holding what is none, text: both writers name the same paths.
  file: [
    { name: "a.png", type: "image/png", size: 1, sha256: "0".repeat(64), attachment: "00000000-0000-4000-8000-000000000001" },
    [
      { name: "b.pdf", type: "application/pdf", size: 1, sha256: "1".repeat(64), attachment: "00000000-0000-4000-8000-000000000002" },
      { attachment: "not-an-id" },
    ],
    [],
    "photo.png",
  ],
};

/** Sets an odd value in every answer of every household's version and member, by column kind. */
async function oddStates(levels: readonly { columns: ExportColumn[] }[]) {
  const em = ctx.orm.em.fork();
  const rows = await em.getConnection().execute<{ id: string; state: any }[]>("select id, state from household_versions");
  // Each kind's values in turn across all cells of that kind, so that every odd value is written somewhere.
  const given = new Map<string, number>();
  const odd = (column: ExportColumn) => {
    const n = given.get(column.kind) ?? 0;
    given.set(column.kind, n + 1);
    return ODD[column.kind][n % ODD[column.kind].length];
  };
  const answers = (columns: ExportColumn[], attributes: Record<string, unknown>) => {
    for (const column of columns) {
      if (column.variable && !column.source && column.name in attributes) attributes[column.name] = odd(column);
    }
  };
  for (const row of rows) {
    answers(levels[0]!.columns, row.state.attributes);
    for (const member of row.state.members) answers(levels[1]!.columns, member.attributes);
    for (const unit of levels.slice(2) as { level: string; columns: ExportColumn[] }[]) {
      const records = row.state.attributes[unit.level];
      if (!Array.isArray(records)) continue;
      for (const record of records) if (record && typeof record === "object") answers(unit.columns, record);
      // A record that is not an object still takes its place in the numbering.
      records.push(7);
    }
    // A list that is not one holds no records, for either writer.
    if (!Array.isArray(row.state.attributes.plots)) row.state.attributes.plots = { plot_area: 1 };
    await em.getConnection().execute("update household_versions set state = ? where id = ?", [JSON.stringify(row.state), row.id]);
  }
}

async function bothWriters(scopes: RoleScope[]) {
  const em = ctx.orm.em.fork();
  const catalogue = await loadCatalogue(em);
  const redactorOf = await redactorsFor(em, scopes);
  const everything = redactorOf(scopes);
  const levels = exportLevels(catalogue, "fr").map((level) => ({
    ...level,
    columns: level.columns.filter((column) => readable(column, everything)),
  }));
  const job = { levels, delimiter: ";" as const, filter: { at: new Date(), scopes }, redactorOf, progress: async () => false };
  const rows = await mkdtemp(join(dir, "rows-"));
  const copy = await mkdtemp(join(dir, "copy-"));
  const byRows = await writeRowFiles(em, { ...job, dir: rows, format: "csv" });
  const byCopy = await copyCsvFiles(em, { ...job, open: (file) => createWriteStream(join(copy, `${file}.csv`)) });
  const files = async (at: string) =>
    Object.fromEntries(await Promise.all(levels.map(async ({ file }) => [file, await readFile(join(at, `${file}.csv`))] as const)));
  return { levels, byRows, byCopy, rows: await files(rows), copy: await files(copy) };
}

/** An export cancelled at the first move of the bar, into a file that holds its writes until then. */
async function cancelledExport() {
  const em = ctx.orm.em.fork();
  const scopes = [scope("admin", null, ALL)];
  const redactorOf = await redactorsFor(em, scopes);
  const levels = exportLevels(await loadCatalogue(em), "fr");
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const told: number[] = [];
  const outcome = await copyCsvFiles(em, {
    levels,
    delimiter: ",",
    filter: { at: new Date(), scopes },
    redactorOf,
    open: () =>
      new Writable({
        write: (_chunk, _encoding, done) => {
          held.then(() => done());
        },
      }),
    progress: async (written) => {
      told.push(written.households);
      release();
      return true;
    },
  });
  const [row] = await ctx.orm.em.fork().getConnection().execute<{ n: number }[]>("select count(*)::int as n from households");
  return { outcome, told, households: row!.n };
}

describe("CSV through COPY, against the row-by-row writer", () => {
  it("writes the same tables for every kind of odd value, BOM, separator and CRLF records included", async () => {
    const { levels } = await bothWriters([scope("admin", null, ALL)]);
    await oddStates(levels);
    const { byRows, byCopy, rows, copy } = await bothWriters([scope("admin", null, ALL)]);
    expect(byCopy).toEqual(byRows);
    expect(byCopy!.households).toBe(4);
    expect(Object.keys(copy)).toEqual(["households", "individuals", "plots"]);
    // Three households' plots (1, 2 and 3 of them), each list ending with a record that is not an object.
    expect(
      readCsv(copy.plots!, ";")
        .map((row) => row.record)
        .sort(),
    ).toEqual(["1", "1", "1", "2", "2", "2", "3", "3", "4"]);
    for (const file of Object.keys(copy)) {
      expect(copy[file]!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(readCsv(copy[file]!, ";")).toEqual(readCsv(rows[file]!, ";"));
      expect(copy[file]!.toString("utf8").split("\r\n")[0]).toBe(rows[file]!.toString("utf8").split("\r\n")[0]);
    }
    const all = Object.values(copy).flatMap((bytes) => readCsv(bytes, ";").flatMap((row) => Object.values(row)));
    // The odd values as the row-by-row writer made them: a number read from text, quotes and line breaks kept.
    expect(all).toEqual(expect.arrayContaining(["12", "1.5", "7", 'a; b, "c"', "line\nbreak", "crlf\r\nend", "3.25", "01 07", "x 3 "]));
  });

  it("blanks a value only where no role that may read it reaches the household, as the rows do", async () => {
    const island = (await ctx.get(`/api/households/${ids[0]}`)).body.island as string;
    const scopes = [scope("supervisor", [island], ALL), scope("analyst", null, ["public", "internal"])];
    const { byRows, byCopy, rows, copy } = await bothWriters(scopes);
    expect(byCopy).toEqual(byRows);
    for (const file of Object.keys(copy)) expect(readCsv(copy[file]!, ";")).toEqual(readCsv(rows[file]!, ";"));
    const households = readCsv(copy.households!, ";");
    // The analyst may not read a plot's owner (personal): blank where the supervisor's island is not the household's.
    const plots = readCsv(copy.plots!, ";");
    expect(Object.keys(plots[0]!)).toContain("plot_owner");
    const elsewhere = plots.filter((row) => households.find((h) => h.household_id === row.household_id)!.island !== island);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.map((row) => row.plot_owner)).toEqual(elsewhere.map(() => ""));
    const named = households.filter((row) => row.head_name !== "");
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThan(households.length);
  });
});

// Last: these households no longer hold what the tests above compare.
describe("CSV through COPY, cancelled", () => {
  it("after PostgreSQL has sent every row: no counts, the pool usable", async () => {
    // The bar moved once, as the households file stood: its four rows read from COPY, none written out.
    expect(await cancelledExport()).toEqual({ outcome: null, told: [4], households: 4 });
  });

  it("while PostgreSQL still writes (rows larger than the socket's buffers): the COPY is cancelled, the pool usable", async () => {
    const big = "x".repeat(4_000_000);
    await ctx.orm.em
      .fork()
      .getConnection()
      .execute(`update household_versions set state = jsonb_set(state, '{attributes,address}', to_jsonb(?::text))`, [big]);
    const { outcome, told, households } = await cancelledExport();
    expect({ outcome, households, moves: told.length }).toEqual({ outcome: null, households: 4, moves: 1 });
  });
});
