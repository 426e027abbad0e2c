import * as XLSX from "@e965/xlsx";
import type { XlsFormSheets } from "./from-mask";

/** The three sheets as an .xlsx workbook, the format ODK, KoboToolbox and pyxform all read. */
export function writeXlsForm(sheets: XlsFormSheets): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const name of ["survey", "choices", "settings"] as const)
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheets[name]), name);
  return new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer);
}
