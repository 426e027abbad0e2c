import type { ImportOutcome, ImportReportEntry } from "../contracts/xlsform";

/** The import report being written, row by row, in the order of the form. */
export class ImportReport {
  readonly entries: ImportReportEntry[] = [];

  add(
    outcome: ImportOutcome,
    at: { sheet: string; row: number; name?: string; column?: string },
    code: string,
    fr: string,
    en: string,
  ): void {
    const { sheet, row } = at;
    this.entries.push({
      outcome,
      sheet,
      row,
      ...(at.name ? { name: at.name } : {}),
      ...(at.column ? { column: at.column } : {}),
      code,
      message: { fr, en },
    });
  }

  counts(): Record<ImportOutcome, number> {
    const counts = { mapped: 0, approximated: 0, refused: 0 };
    for (const entry of this.entries) counts[entry.outcome]++;
    return counts;
  }
}
