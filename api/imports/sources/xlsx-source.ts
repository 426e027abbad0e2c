import ExcelJS from "exceljs";
import { rowsAfterHeader, UnreadableSource, type SourceReading } from "./source-file";

/**
 * The first worksheet of an XLSX workbook, read by exceljs's streaming reader (the file is never loaded
 * whole). Cells become text as a person reads them: a date cell as YYYY-MM-DD, a formula as its result,
 * rich text as its plain text. A merged header cell leaves blanks after it, named by columnNames.
 */
export async function xlsxSource(path: string): Promise<SourceReading> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  async function* records() {
    try {
      for await (const sheet of workbook) {
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          const values = row.values as unknown[];
          // exceljs numbers cells from 1 and leaves holes for blank cells: Array.from visits the holes, map would not.
          yield { cells: Array.from(values.slice(1), cellText), line: row.number };
        }
        return; // the first worksheet only
      }
    } catch (error) {
      // exceljs throws plain errors for a file that is not a workbook or that it cannot parse (STACK.md).
      throw new UnreadableSource(error instanceof Error ? error.message : String(error));
    }
  }
  return rowsAfterHeader(records(), { labels: {}, encoding: null, delimiter: null });
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
  if (cell.richText) return cell.richText.map((r) => r.text).join("");
  if ("result" in cell) return cellText(cell.result);
  if (cell.text !== undefined) return cellText(cell.text);
  return "";
}
