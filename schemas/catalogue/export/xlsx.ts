import ExcelJS from "exceljs";
import type { Catalogue } from "../types";
import { CATALOGUE_SHEETS, catalogueTables } from "./csv";

/**
 * The catalogue as one workbook with the CSV export's two sheets and columns (issue 4), so that the
 * future import reads either. Header row bold and frozen.
 */
export async function renderCatalogueXlsx(catalogue: Catalogue): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "rsu";
  const tables = catalogueTables(catalogue);
  for (const name of CATALOGUE_SHEETS) {
    const table = tables[name];
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(table.columns[i]!.length, ...table.rows.map((r) => String(r[i] ?? "").length));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  // exceljs types its Node Buffer loosely; copying it gives a plain byte array.
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
