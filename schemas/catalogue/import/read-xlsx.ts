import ExcelJS from "exceljs";
import { CATALOGUE_SHEETS, type Cell } from "../export/csv";
import { emptyImport, readSheet, type ImportedCatalogue } from "./from-tables";

/**
 * A catalogue workbook as the export writes it (export/xlsx.ts): sheets `variables` and `code_lists`,
 * header in row 1. A workbook may hold only one of them (the other's entries are left as they are).
 * Returns undefined when the bytes are not a workbook, or hold neither sheet.
 */
export async function readCatalogueXlsx(bytes: Uint8Array): Promise<ImportedCatalogue | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return undefined;
  }
  const read = emptyImport();
  for (const name of CATALOGUE_SHEETS) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) continue;
    const width = sheet.getRow(1).cellCount;
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      rows[n - 1] = Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
    });
    const [columns = [], ...body] = rows;
    readSheet(read, name, { columns: columns.map((c) => String(c ?? "")), rows: Array.from(body, (r) => r ?? []) });
  }
  return read.sheets.length ? read : undefined;
}

/** What a person sees in the cell: formulas by their result, rich text as its text, dates as ISO dates. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return cellValue(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return null;
}
