import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { xlsxFile } from "../../api/registry/exports/table-files";

/**
 * A registry export in XLSX (issue #17): 1,085,440 individuals do not fit a sheet's 1,048,576 rows, and Excel
 * refuses a longer sheet. Rows go on in numbered sheets, each with the header; shown here with sheets of 3 rows.
 */
describe("an XLSX export longer than a sheet", () => {
  it("continues in « name (2) », « name (3) », each sheet with the header, no row lost or doubled", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rsu-xlsx-")), "individus.xlsx");
    const file = xlsxFile(path, "individus", ["id", "nom"], 3);
    await file.add([
      ["1", "Abdallah"],
      ["2", "Said"],
      ["3", "Mohamed"],
    ]);
    await file.add([
      ["4", "Ali"],
      ["5", "Soilihi"],
    ]);
    await file.close();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheets = workbook.worksheets.map((sheet) => ({
      name: sheet.name,
      rows: sheet
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1)),
    }));
    expect(sheets).toEqual([
      {
        name: "individus",
        rows: [
          ["id", "nom"],
          ["1", "Abdallah"],
          ["2", "Said"],
        ],
      },
      {
        name: "individus (2)",
        rows: [
          ["id", "nom"],
          ["3", "Mohamed"],
          ["4", "Ali"],
        ],
      },
      {
        name: "individus (3)",
        rows: [
          ["id", "nom"],
          ["5", "Soilihi"],
        ],
      },
    ]);
  });
});
