import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openSource, UnreadableSource, type SourceFormat } from "../../api/imports/sources/source-file";
import { scratchDir, writeCsv, writeReadstat, writeXlsx } from "../helpers/partner-files";

const dir = scratchDir();

async function readAll(path: string, format: SourceFormat) {
  const source = await openSource(path, format);
  const rows = [];
  for await (const row of source.rows) rows.push(row);
  return { header: source.header, rows, empty: source.emptyRows() };
}

const table = [
  ["id_menage", "Nom", "Île"],
  ["M1", "Saïd", "Ngazidja"],
  ["", "", ""],
  ["M2", "Zaïnaba", "Mwali"],
];

describe("partner files are read as rows (issue #19)", () => {
  it("a UTF-8 CSV with commas: rows keyed by header, blank rows counted, lines as in the file", async () => {
    const { header, rows, empty } = await readAll(writeCsv(join(dir, "a.csv"), table), "csv");
    expect(header).toMatchObject({ columns: ["id_menage", "Nom", "Île"], encoding: "utf-8", delimiter: ",", renamed: [] });
    expect(rows).toEqual([
      { line: 2, values: { id_menage: "M1", Nom: "Saïd", Île: "Ngazidja" } },
      { line: 4, values: { id_menage: "M2", Nom: "Zaïnaba", Île: "Mwali" } },
    ]);
    expect(empty).toBe(1);
  });

  it("a Windows-1252 CSV with semicolons, as Excel writes it in French, is decoded and its guess said", async () => {
    const { header, rows } = await readAll(writeCsv(join(dir, "b.csv"), table, { delimiter: ";", encoding: "win1252" }), "csv");
    expect(header).toMatchObject({ columns: ["id_menage", "Nom", "Île"], encoding: "windows-1252", delimiter: ";" });
    expect(rows.map((r) => r.values.Nom)).toEqual(["Saïd", "Zaïnaba"]);
  });

  it("an XLSX with a merged header cell and an empty row: the blank header cell is named, dates are ISO", async () => {
    const path = await writeXlsx(
      join(dir, "c.xlsx"),
      [
        ["id_menage", "Chef", null, "Date"],
        ["M1", "Saïd", "Ali", new Date(Date.UTC(1980, 4, 17))],
        [null, null, null, null],
        ["M2", "Zaïnaba", "Moussa", new Date(Date.UTC(1975, 0, 2))],
      ],
      ["B1:C1"],
    );
    const { header, rows, empty } = await readAll(path, "xlsx");
    expect(header.columns).toEqual(["id_menage", "Chef", "Chef (3)", "Date"]);
    expect(header.renamed).toEqual([{ column: "Chef (3)", reason: "blank" }]);
    expect(rows).toEqual([
      { line: 2, values: { id_menage: "M1", Chef: "Saïd", "Chef (3)": "Ali", Date: "1980-05-17" } },
      { line: 4, values: { id_menage: "M2", Chef: "Zaïnaba", "Chef (3)": "Moussa", Date: "1975-01-02" } },
    ]);
    expect(empty).toBe(1);
  });

  it.each(["dta", "sav"] as const)("a %s file is read with ReadStat: values as text, variable labels kept", async (format) => {
    const path = writeReadstat(
      join(dir, `d.${format}`),
      [
        ["hh_id", "nom", "age"],
        ["1", "Saïd", "30"],
        ["2", "Zaïnaba", "2.5"],
      ],
      { hh_id: "NUMERIC", age: "NUMERIC" },
      { hh_id: "Identifiant du ménage", nom: "Nom du chef" },
    );
    const { header, rows } = await readAll(path, format);
    expect(header.columns).toEqual(["hh_id", "nom", "age"]);
    expect(header.labels).toEqual({ hh_id: "Identifiant du ménage", nom: "Nom du chef" });
    expect(rows.map((r) => r.values)).toEqual([
      { hh_id: "1", nom: "Saïd", age: "30" },
      { hh_id: "2", nom: "Zaïnaba", age: "2.5" },
    ]);
  });

  it.each(["xlsx", "dta", "csv"] as const)(
    "a file that is not a %s (or has no header) is refused as unreadable, not thrown as a crash",
    async (format) => {
      const path = join(dir, `bad.${format}`);
      writeFileSync(path, format === "csv" ? "" : "ceci n'est pas un fichier");
      await expect(readAll(path, format)).rejects.toBeInstanceOf(UnreadableSource);
    },
  );
});
