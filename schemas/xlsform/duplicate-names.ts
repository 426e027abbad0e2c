import type { ImportReportEntry } from "../contracts/xlsform";
import { ImportReport } from "./report";
import { readRowType } from "./row-types";
import type { XlsFormRow } from "./tables";

/**
 * A name given to two questions (issue #20, seen in onadata's grains form): pyxform allows it in
 * different groups, rsu does not, since a question's name is the catalogue variable it fills. Both
 * questions are kept so that the designer can rename one, and the report names each row with the first,
 * before the draft check refuses the publication.
 */
export function duplicateNames(survey: XlsFormRow[]): ImportReportEntry[] {
  const report = new ImportReport();
  const first = new Map<string, number>();
  for (const row of survey) {
    const name = row.cells.name?.trim();
    const type = row.cells.type ? readRowType(row.cells.type) : undefined;
    if (!name || type?.kind !== "question") continue;
    const seen = first.get(name.toLowerCase());
    if (seen === undefined) {
      first.set(name.toLowerCase(), row.row);
      continue;
    }
    report.add(
      "approximated",
      { sheet: "survey", row: row.row, name, column: "name" },
      "duplicate_name",
      `Le nom « ${name} » est déjà celui de la ligne ${seen} : une variable ne remplit qu'une question, renommez l'une des deux avant de publier.`,
      `Name "${name}" is already the name of row ${seen}: a variable fills one question only, rename one of them before publishing.`,
    );
  }
  return report.entries;
}
