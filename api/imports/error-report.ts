import { PassThrough } from "node:stream";
import type { EntityManager } from "@mikro-orm/postgresql";
import ExcelJS from "exceljs";
import type { RowError } from "../../schemas/imports/household-answers";
import { queryRows } from "../db/plain-sql";
import { DataImport } from "../entities";
import { importProblems } from "./import-problems";

const FILE_FR = { households: "ménages", individuals: "individus" } as const;

/**
 * The dry run's errors as a workbook the partner can work through (issue #19): one line per error with
 * the file, row, column and value it is about, its code and its message in French then English. Written
 * by exceljs's streaming writer while the errors are read a page at a time.
 */
export async function errorReport(em: EntityManager, importId: string): Promise<NodeJS.ReadableStream> {
  const found = await em.fork().findOne(DataImport, importId);
  if (!found) throw importProblems.importNotFound();
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet("Erreurs");
  sheet.columns = [
    { header: "Fichier", key: "file", width: 12 },
    { header: "Ligne", key: "line", width: 8 },
    { header: "Colonne", key: "column", width: 24 },
    { header: "Valeur", key: "value", width: 24 },
    { header: "Ménage (identifiant source)", key: "key", width: 20 },
    { header: "Code", key: "code", width: 20 },
    { header: "Erreur", key: "fr", width: 60 },
    { header: "Error (English)", key: "en", width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    let after = "";
    for (;;) {
      const page = await queryRows<{ household_key: string; errors: RowError[] }>(
        em,
        `select household_key, errors from import_households where import_id = ? and errors is not null and household_key > ? order by household_key limit 1000`,
        [importId, after],
      );
      if (!page.length) break;
      for (const { household_key, errors } of page) {
        for (const e of [...errors].sort((a, b) => a.line - b.line)) {
          sheet
            .addRow({
              file: FILE_FR[e.file],
              line: e.line,
              column: e.column ?? "",
              value: e.value ?? "",
              key: household_key,
              code: e.code,
              fr: e.message.fr,
              en: e.message.en,
            })
            .commit();
        }
      }
      after = page[page.length - 1]!.household_key;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error));
  return out;
}
