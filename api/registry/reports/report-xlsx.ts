import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ActivityReport } from "../../../schemas/contracts/reports";
import { type Language, reportTables } from "./report-tables";

/**
 * The report's tables as a workbook, one sheet each, through exceljs's streaming writer as the exports
 * write theirs (issue #17): the title and note above the header, then the same rows as the HTML.
 */
export async function writeReportXlsx(
  report: ActivityReport,
  lang: Language,
  to: { filename: string } | { stream: Writable },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...to, useStyles: true, useSharedStrings: false });
  for (const table of reportTables(report, lang)) {
    const sheet = workbook.addWorksheet(table.sheet);
    sheet.addRow([`${table.title[lang]} — ${report.period.label}`]).commit();
    sheet.addRow([table.note?.[lang] ?? ""]).commit();
    const header = sheet.addRow(table.columns.map((c) => c[lang]));
    header.font = { bold: true };
    header.commit();
    for (const row of table.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
}

/** Rows where a sheet's header is (1-based): the XLSX's readers (and the tests) start the table there. */
export const XLSX_HEADER_ROW = 3;
