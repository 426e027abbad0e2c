import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { once } from "node:events";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

export type Cell = string | number | null;

/**
 * One file of an export, written a batch of rows at a time so that memory stays flat however large the
 * registry, and a batch costs one write, not a promise per row (issue #17: the export's throughput).
 */
export interface TableFile {
  add(rows: readonly (readonly Cell[])[]): Promise<void>;
  close(): Promise<void>;
}

/** RFC 4180 CSV; with a BOM, Excel reads UTF-8 accents right (issue #17). */
export function csvFile(path: string, header: readonly string[], options: { delimiter: string; bom: boolean }): TableFile {
  const out = createWriteStream(path);
  const text = (rows: readonly (readonly Cell[])[]) =>
    stringify(rows as Cell[][], { delimiter: options.delimiter, record_delimiter: "windows" });
  out.write(`${options.bom ? "\ufeff" : ""}${text([header])}`);
  return {
    async add(rows) {
      if (!out.write(text(rows))) await once(out, "drain");
    },
    async close() {
      out.end();
      await finished(out);
    },
  };
}

/** Rows an XLSX sheet holds, its header included: Excel refuses to open a longer sheet. */
export const XLSX_SHEET_ROWS = 1_048_576;

/**
 * XLSX through exceljs's streaming writer: rows are flushed to the file as they are committed. A national
 * registry has more individuals than a sheet holds, so rows go on in « individus (2) », « individus (3) »…,
 * each with the header: a file Excel cannot open would be no export at all.
 */
export function xlsxFile(path: string, sheet: string, header: readonly string[], sheetRows = XLSX_SHEET_ROWS): TableFile {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  let sheets = 0;
  let worksheet: ExcelJS.Worksheet;
  let used = 0;
  const nextSheet = () => {
    worksheet?.commit();
    sheets++;
    worksheet = workbook.addWorksheet(sheets === 1 ? sheet : `${sheet.slice(0, 25)} (${sheets})`);
    worksheet.addRow([...header]).commit();
    used = 1;
  };
  nextSheet();
  return {
    async add(rows) {
      for (const cells of rows) {
        if (used === sheetRows) nextSheet();
        worksheet.addRow([...cells]).commit();
        used++;
      }
    },
    async close() {
      worksheet.commit();
      await workbook.commit();
    },
  };
}
