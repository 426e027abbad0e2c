import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { validHousehold } from "./demo-responses";

/** A partner's file written the ways partners write them (issue #19), in a fresh temporary folder. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "rsu-import-"));
}

type Table = string[][];

function csvText(rows: Table, delimiter: string): string {
  const quote = (cell: string) => (/[",;\t\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return `${rows.map((r) => r.map(quote).join(delimiter)).join("\r\n")}\r\n`;
}

/** `append`: adds the rows at the end of the file, so a large file is written a part at a time. */
export function writeCsv(path: string, rows: Table, { delimiter = ",", encoding = "utf-8", append = false } = {}): string {
  const text = csvText(rows, delimiter);
  (append ? appendFileSync : writeFileSync)(path, encoding === "utf-8" ? Buffer.from(text, "utf8") : iconv.encode(text, encoding));
  return path;
}

/** An XLSX sheet; `merge` merges header cells as in "A1:B1", `before` rows go above the table. */
export async function writeXlsx(path: string, rows: (string | number | Date | null)[][], merge: string[] = []): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ménages");
  for (const row of rows) sheet.addRow(row);
  for (const range of merge) sheet.mergeCells(range);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** A Stata or SPSS file written by ReadStat itself from a CSV and its labels. */
export function writeReadstat(
  path: string,
  rows: Table,
  types: Record<string, "NUMERIC" | "STRING">,
  labels: Record<string, string>,
): string {
  const csv = writeCsv(`${path}.csv`, rows);
  const meta = `${path}.json`;
  const variables = rows[0]!.map((name) => ({ type: types[name] ?? "STRING", name, label: labels[name] ?? "" }));
  writeFileSync(meta, JSON.stringify({ type: "CSV", variables }));
  const done = spawnSync("readstat", [csv, meta, path], { encoding: "utf8" });
  if (done.status !== 0) throw new Error(`readstat: ${done.stderr}`);
  return path;
}

type Answers = Record<string, unknown>;

const HOUSEHOLD_VARIABLES = [
  "island",
  "prefecture",
  "commune",
  "village",
  "address",
  "interview_date",
  "phone",
  "dwelling_tenure",
  "wall_material",
  "roof_material",
  "floor_material",
  "water_source",
  "toilet_type",
  "lighting_source",
  "cooking_fuel",
  "number_of_rooms",
  "assets",
  "mosquito_net",
  "owns_land",
  "land_area",
  "owns_livestock",
  "goats",
  "cattle",
  "poultry",
  "income_sources",
  "monthly_expenditure",
];
const MEMBER_VARIABLES = [
  "first_name",
  "last_name",
  "sex",
  "birth_date",
  "relation_to_head",
  "nin",
  "has_birth_certificate",
  "marital_status",
  "literate",
  "attends_school",
  "education_level",
  "main_activity",
  "disability",
  "chronic_illness",
];
/** How a partner names some columns; the others are the variable's code in capitals. */
const PARTNER_NAMES: Record<string, string> = {
  island: "Île",
  first_name: "Prénom",
  last_name: "Nom",
  sex: "Sexe",
  birth_date: "Date de naissance",
  relation_to_head: "Lien de parenté",
};
const ISLAND_NAMES: Record<string, string> = { "1": "Grande Comore", "2": "Anjouan", "3": "Mohéli" };
const column = (variable: string) => PARTNER_NAMES[variable] ?? variable.toUpperCase();

/** A cell as a partner's spreadsheet writes it: French dates and decimals, oui/non, "M"/"F", island names, lists joined by ";". */
function partnerCell(variable: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (variable === "island") return ISLAND_NAMES[value as string]!;
  if (variable === "sex") return value === "1" ? "M" : "F";
  if (Array.isArray(value)) return value.join(";");
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (typeof value === "number") return String(value).replace(".", ",");
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value.split("-").reverse().join("/");
  return String(value);
}

/** Households (demo mask answers) as one partner file: a row per member, the household's columns repeated, keyed by ID_MENAGE. */
export function oneFileTable(households: { key: string; data: Answers }[]): string[][] {
  const header = ["ID_MENAGE", ...HOUSEHOLD_VARIABLES.map(column), ...MEMBER_VARIABLES.map(column)];
  const rows = households.flatMap(({ key, data }) =>
    (data.members as Answers[]).map((member) => [
      key,
      ...HOUSEHOLD_VARIABLES.map((v) => partnerCell(v, data[v])),
      ...MEMBER_VARIABLES.map((v) => partnerCell(v, member[v])),
    ]),
  );
  return [header, ...rows];
}

/** The same households as a households file and an individuals file, joined by ID_MENAGE. */
export function twoFileTables(households: { key: string; data: Answers }[]): { households: string[][]; individuals: string[][] } {
  return {
    households: [
      ["ID_MENAGE", ...HOUSEHOLD_VARIABLES.map(column)],
      ...households.map(({ key, data }) => [key, ...HOUSEHOLD_VARIABLES.map((v) => partnerCell(v, data[v]))]),
    ],
    individuals: [
      ["ID_MENAGE", ...MEMBER_VARIABLES.map(column)],
      ...households.flatMap(({ key, data }) =>
        (data.members as Answers[]).map((m) => [key, ...MEMBER_VARIABLES.map((v) => partnerCell(v, m[v]))]),
      ),
    ],
  };
}

/** The mapping profile of those files for the demo mask. */
export function partnerProfile(name: string, layout: "one_file" | "two_files" = "one_file") {
  return {
    name,
    source: "recensement-2019",
    formId: "menage",
    version: 1,
    layout,
    householdKey: "ID_MENAGE",
    columns: [...HOUSEHOLD_VARIABLES, ...MEMBER_VARIABLES].map((variable) => ({
      column: column(variable),
      variable,
      ...(variable === "island" ? { values: { "Grande Comore": "1", Anjouan: "2", Mohéli: "3" } } : {}),
      ...(variable === "sex" ? { values: { M: "1", F: "2" } } : {}),
      ...(variable === "birth_date" || variable === "interview_date" ? { dateFormat: "DD/MM/YYYY" } : {}),
    })),
  };
}

/**
 * A partner's household: the demo's valid answers without NINs and with last names of its own
 * (`<prefix><seed>x<line>`), so that no two test households match each other.
 */
export function partnerHousehold(seed: number, lastNamePrefix: string): Record<string, any> {
  const data = validHousehold(seed) as Record<string, any>;
  data.members.forEach((member: Answers, i: number) => {
    delete member.nin;
    member.last_name = `${lastNamePrefix}${seed}x${i}`;
  });
  return data;
}
