import * as XLSX from "@e965/xlsx";
import { tablesOfGrids, tablesOfSections, XLSFORM_SHEETS, type XlsFormTables } from "./tables";

/**
 * Reads an XLSForm from its bytes, whatever the format: `.xlsx`, legacy `.xls` (BIFF), or pyxform's
 * one-table layouts in CSV and markdown. SheetJS reads the spreadsheets (it reads both formats, and cell
 * comments that made exceljs crash, issue #20); only the sheets of a form are parsed, and row counts are
 * capped, since a workbook's declared range may run to a million empty rows.
 * Returns the format found and the tables, or undefined when the bytes are no XLSForm.
 */
export type XlsFormFormat = "xlsx" | "xls" | "csv" | "md";

/** A questionnaire of many thousand rows is far beyond any real form; more is a mistake or an attack. */
export const MAX_ROWS = 20_000;
const MAX_COLUMNS = 200;
/** The largest real forms hold some 100,000 filled cells (a long survey sheet, thousands of choices). */
export const MAX_CELLS = 300_000;

/** The tables read, or the count of filled cells when the form's sheets hold more than MAX_CELLS. */
export type XlsFormRead = { format: XlsFormFormat; tables: XlsFormTables } | { format: XlsFormFormat; tooManyCells: number };

export function readXlsForm(bytes: Uint8Array, maxCells = MAX_CELLS): XlsFormRead | undefined {
  const format = formatOf(bytes);
  if (format === "xlsx" || format === "xls") {
    const read = readWorkbook(bytes, maxCells);
    return read && { format, ...read };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
  const tables = format === "md" ? tablesOfSections(markdownLines(text)) : readCsv(text);
  return tables && { format, tables };
}

/** By the bytes, not by a name or a media type a browser may guess wrong. */
function formatOf(bytes: Uint8Array): XlsFormFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx"; // a ZIP container
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls"; // OLE2
  const start = new TextDecoder()
    .decode(bytes.subarray(0, 200))
    .replace(/^\uFEFF/, "")
    .trimStart();
  return start.startsWith("|") ? "md" : "csv";
}

function readWorkbook(bytes: Uint8Array, maxCells: number): { tables: XlsFormTables } | { tooManyCells: number } | undefined {
  const options = { type: "array" as const, dense: true, sheetRows: MAX_ROWS + 1, cellFormula: false, cellHTML: false, cellStyles: false };
  let names: string[];
  let book: XLSX.WorkBook;
  try {
    names = XLSX.read(bytes, { ...options, bookSheets: true }).SheetNames;
    const wanted = names.filter((n) => (XLSFORM_SHEETS as readonly string[]).includes(n.trim().toLowerCase()));
    book = XLSX.read(bytes, { ...options, sheets: wanted });
  } catch {
    return undefined;
  }
  const cells = names.reduce((sum, name) => sum + filledCells(book.Sheets[name]), 0);
  if (cells > maxCells) return { tooManyCells: cells };
  const grids: Record<string, (string | null)[][]> = {};
  for (const name of names) grids[name] = book.Sheets[name] ? gridOf(book.Sheets[name]) : [];
  const tables = tablesOfGrids(grids);
  return tables && { tables };
}

/** Counted before the grids are built, which would hold every cell again as text. */
function filledCells(sheet: XLSX.WorkSheet | undefined): number {
  let count = 0;
  for (const row of sheet?.["!data"] ?? []) for (const cell of row ?? []) if (cell) count++;
  return count;
}

function gridOf(sheet: XLSX.WorkSheet): (string | null)[][] {
  const range = sheet["!ref"] ? XLSX.utils.decode_range(sheet["!ref"]) : undefined;
  if (range) range.e.c = Math.min(range.e.c, range.s.c + MAX_COLUMNS - 1);
  // Formatted text (`w`) is what the author sees: 1 stays "1", not "1.0"; booleans read TRUE/FALSE.
  return XLSX.utils.sheet_to_json<(string | null)[]>(sheet, { header: 1, defval: null, blankrows: true, raw: false, range });
}

function readCsv(text: string): XlsFormTables | undefined {
  try {
    const book = XLSX.read(text, { type: "string", raw: true, dense: true, sheetRows: MAX_ROWS + 1 });
    const sheet = book.Sheets[book.SheetNames[0]!];
    return sheet ? tablesOfSections(gridOf(sheet)) : undefined;
  } catch {
    return undefined;
  }
}

/** pyxform's markdown: one table, `| survey |` starting a sheet, `| | type | name |` its rows. */
function markdownLines(text: string): (string | null)[][] {
  return text
    .split(/\r?\n/)
    .slice(0, MAX_ROWS)
    .filter((line) => line.trim().startsWith("|") && !/^\|[\s|:-]+\|?\s*$/.test(line.trim()))
    .map((line) => {
      const inner = line
        .trim()
        .replace(/^\|/, "")
        .replace(/\|\s*$/, "");
      return inner.split("|").map((cell) => cell.trim() || null);
    });
}
