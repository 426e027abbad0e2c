import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { once } from "node:events";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";

export type Cell = string | number | null;

/** One file of an export, written a row at a time so that memory stays flat however large the registry. */
export interface TableFile {
  add(cells: readonly Cell[]): Promise<void>;
  close(): Promise<void>;
}

/** RFC 4180 CSV; with a BOM, Excel reads UTF-8 accents right (issue #17). */
export function csvFile(path: string, header: readonly string[], options: { delimiter: string; bom: boolean }): TableFile {
  const out = createWriteStream(path);
  const csv = stringify({ delimiter: options.delimiter, bom: options.bom, record_delimiter: "windows" });
  csv.pipe(out);
  const write = async (cells: readonly Cell[]) => {
    if (!csv.write(cells.map((value) => value ?? ""))) await once(csv, "drain");
  };
  let ready = write(header);
  return {
    add: async (cells) => {
      await ready;
      ready = write(cells);
      await ready;
    },
    async close() {
      await ready;
      csv.end();
      await finished(out);
    },
  };
}

/** XLSX through exceljs's streaming writer: rows are flushed to the file as they are committed. */
export function xlsxFile(path: string, sheet: string, header: readonly string[]): TableFile {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow([...header]).commit();
  return {
    async add(cells) {
      worksheet.addRow([...cells]).commit();
    },
    async close() {
      worksheet.commit();
      await workbook.commit();
    },
  };
}
