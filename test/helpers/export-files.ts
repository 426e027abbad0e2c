import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import JSZip from "jszip";
import { expect } from "vitest";
import type { ExportColumn } from "../../schemas/registry/export-columns";
import type { TestContext } from "./test-context";

/** The columns of each level an export is expected to hold. */
export interface LevelColumns {
  households: ExportColumn[];
  individuals: ExportColumn[];
}

const run = promisify(execFile);

export type Table = Record<string, string>[];

/** Asks for an export as `as`, lets the workers write it, and returns its final view. */
export async function exportAndDrain(ctx: TestContext, body: Record<string, unknown>, as: string = "admin") {
  const asked = await ctx.post("/api/exports", body, as);
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  await ctx.drain();
  const done = await ctx.get(`/api/exports/${asked.body.id}`, as);
  expect(done.body.status, JSON.stringify(done.body)).toBe("done");
  return done.body;
}

/** Downloads an export's zip and returns its files by name. */
export async function downloadExport(
  ctx: TestContext,
  id: string,
  as: string = "admin",
): Promise<{ bytes: Buffer; files: Map<string, Buffer> }> {
  const res = await ctx.request(`/api/exports/${id}/file`, {}, as);
  expect(res.status).toBe(200);
  return unzip(Buffer.from(await res.arrayBuffer()));
}

export async function unzip(bytes: Buffer): Promise<{ bytes: Buffer; files: Map<string, Buffer> }> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) files.set(name, await zip.file(name)!.async("nodebuffer"));
  return { bytes, files };
}

export function readCsv(buffer: Buffer, delimiter = ","): Table {
  return parse(buffer, { columns: true, delimiter, bom: true, record_delimiter: "\r\n" });
}

export async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  const sheet = workbook.worksheets[0]!;
  const rows: Table = [];
  let header: string[] = [];
  sheet.eachRow((row, n) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)));
    if (n === 1) header = values;
    else rows.push(Object.fromEntries(header.map((name, i) => [name, values[i] ?? ""])));
  });
  return rows;
}

/** A Parquet file read back by hyparquet: rows as the registry's text (dates ISO, booleans 1/0), and its key-value metadata. */
export async function readParquet(buffer: Buffer): Promise<{ rows: Table; metadata: Record<string, string> }> {
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  const objects = await parquetReadObjects({ file });
  const rows = objects.map((row) => Object.fromEntries(Object.entries(row).map(([name, value]) => [name, parquetText(value)])));
  const kv = parquetMetadata(file).key_value_metadata ?? [];
  return { rows, metadata: Object.fromEntries(kv.map((entry) => [entry.key, entry.value ?? ""])) };
}

function parquetText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return text(value);
}

export interface StatMetadata {
  type: string;
  variables: { type: string; name: string; label?: string; categories?: { code: number | string; label: string }[] }[];
}

/** A Stata or SPSS file read back by ReadStat itself: its rows as CSV, its labels as JSON. */
export async function readStatFile(buffer: Buffer, extension: "dta" | "sav"): Promise<{ rows: Table; metadata: StatMetadata }> {
  const dir = await mkdtemp(join(tmpdir(), "rsu-readstat-"));
  try {
    const file = join(dir, `data.${extension}`);
    await writeFile(file, buffer);
    const { stdout } = await run("readstat", [file, "-"], { maxBuffer: 64 * 1024 * 1024 });
    await run("extract_metadata", [file, join(dir, "meta.json")]);
    return { rows: parse(stdout, { columns: true }), metadata: JSON.parse(await readFile(join(dir, "meta.json"), "utf8")) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the registry shows for a household, as export rows (one per level), each value as CSV text. */
async function registryRows(ctx: TestContext, columns: LevelColumns, id: string, query: string, as: string) {
  const h = (await ctx.get(`/api/households/${id}${query}`, as)).body;
  const keys: Record<string, unknown> = {
    household_id: h.id,
    version: h.version,
    head_name: h.headName,
    island: h.island,
    prefecture: h.prefecture,
    commune: h.commune,
    village: h.village,
  };
  const household = Object.fromEntries(
    columns.households
      .filter((c) => !["changed_at", "form_id", "form_version"].includes(c.name))
      .map((c) => [c.name, text(c.name in keys ? keys[c.name] : h.attributes[c.name])]),
  );
  const memberKeys = (m: any): Record<string, unknown> => ({
    individual_id: m.id,
    household_id: h.id,
    line_number: m.lineNumber,
    first_name: m.firstName,
    last_name: m.lastName,
    sex: m.sex,
    birth_date: m.birthDate,
    nin: m.nin,
    relation_to_head: m.relationToHead,
  });
  const members = h.members.map((m: any) =>
    Object.fromEntries(
      columns.individuals
        .filter((c) => c.name !== "person_id")
        .map((c) => [c.name, text(c.name in memberKeys(m) ? memberKeys(m)[c.name] : m.attributes[c.name])]),
    ),
  );
  return { household, members };
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (Array.isArray(value)) return value.join(" ");
  return String(value);
}

/** Compares exported tables with the registry as `as` reads it on screen, column by column (ids keyed). */
export async function expectSameAsRegistry(
  ctx: TestContext,
  columns: LevelColumns,
  households: Table,
  individuals: Table,
  householdIds: string[],
  query = "",
  as = "admin",
) {
  expect(households.map((r) => r.household_id).sort()).toEqual([...householdIds].sort());
  for (const id of householdIds) {
    const { household, members } = await registryRows(ctx, columns, id, query, as);
    const row = households.find((r) => r.household_id === id)!;
    expect(pick(row, household)).toEqual(household);
    const exported = individuals.filter((r) => r.household_id === id).sort((a, b) => Number(a.line_number) - Number(b.line_number));
    expect(exported.map((r, i) => pick(r, members[i]))).toEqual(members);
  }
}

const pick = (row: Record<string, string>, like: Record<string, string>) => Object.fromEntries(Object.keys(like).map((k) => [k, row[k]]));
