import type { EntityManager } from "@mikro-orm/postgresql";
import type { ImportFileRole } from "../../schemas/contracts/imports";
import { ProfileCatalogue } from "../../schemas/imports/household-answers";
import { suggestColumns, suggestValues, type Suggestion } from "../../schemas/imports/suggest-mapping";
import { DataImport } from "../entities";
import { importProblems } from "./import-problems";
import { profileTarget } from "./import-profiles";

interface FileSuggestions {
  columns: Suggestion[];
  /** For columns suggested for a choice variable: a code for each of the values seen. */
  values: Record<string, Record<string, { code: string; score: number }>>;
}

/** Mapping suggestions for an uploaded import against a published version (issue #19): the administrator confirms them into a profile. */
export async function importSuggestions(
  em: EntityManager,
  importId: string,
  formId: string,
  version: number,
): Promise<Partial<Record<ImportFileRole, FileSuggestions>>> {
  const found = await em.fork().findOne(DataImport, importId);
  if (!found) throw importProblems.importNotFound();
  const target = await profileTarget(em, formId, version);
  if (!target)
    throw importProblems.profileInvalid([
      {
        pointer: "/formId",
        code: "not_found",
        message: { fr: "Aucune version publiée de ce questionnaire.", en: "No such published version of this form." },
      },
    ]);
  const catalogue = new ProfileCatalogue(target.snapshot);
  const result: Partial<Record<ImportFileRole, FileSuggestions>> = {};
  for (const [role, info] of Object.entries(found.files) as [ImportFileRole, NonNullable<DataImport["files"][ImportFileRole]>][]) {
    const columns = suggestColumns(info.columns, info.labels, target.snapshot);
    const values: FileSuggestions["values"] = {};
    for (const { column, variable } of columns) {
      const v = catalogue.variables.get(variable);
      const list = v ? catalogue.listOf(v) : undefined;
      if (list) values[column] = suggestValues(info.values[column] ?? [], list);
    }
    result[role] = { columns, values };
  }
  return result;
}
