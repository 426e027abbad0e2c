import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { checkDraft } from "../../schemas/forms/binding-checks";
import { readXlsForm } from "../../schemas/xlsform/read-xlsform";
import { xlsFormToMask } from "../../schemas/xlsform/to-mask";

/** onadata's grains form names questions twice (issue #20): the import report names both rows, in both languages. */
describe("XLSForm duplicate names", () => {
  it("reports each repeated name on its row with the row that has it first, and the check refuses it", () => {
    const read = readXlsForm(new Uint8Array(readFileSync(new URL("../fixtures/xlsform/onadata__grains.xlsx", import.meta.url))));
    if (!read || !("tables" in read)) throw new Error("grains is an XLSForm");
    const conversion = xlsFormToMask(read.tables, demoCatalogue);
    const duplicates = conversion.report.filter((e) => e.code === "duplicate_name");
    const dola = duplicates.find((e) => e.name === "dola_price")!;
    const rows = read.tables.survey.filter((r) => r.cells.name === "dola_price").map((r) => r.row);
    expect(rows).toHaveLength(2);
    expect(dola).toMatchObject({ outcome: "approximated", sheet: "survey", row: rows[1], column: "name" });
    expect(dola.message.fr).toBe(
      `Le nom « dola_price » est déjà celui de la ligne ${rows[0]} : une variable ne remplit qu'une question, renommez l'une des deux avant de publier.`,
    );
    expect(dola.message.en).toContain(`already the name of row ${rows[0]}`);
    const twice = checkDraft(conversion.mask, demoCatalogue).errors.filter((e) => e.code === "bound_twice");
    expect(twice.length).toBe(duplicates.length);
  }, 30_000);
});
