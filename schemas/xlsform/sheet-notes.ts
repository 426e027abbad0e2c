import { localeOf } from "./languages";
import type { ImportReport } from "./report";
import { SURVEY } from "./row-expressions";
import type { XlsFormTables } from "./tables";

/** What the form's sheets hold beyond its rows: languages without a code, sheets not read. */
export function noteSheets(tables: XlsFormTables, report: ImportReport): void {
  const languages = new Set<string>();
  for (const row of [...tables.survey, ...tables.choices]) {
    for (const column of Object.keys(row.cells)) {
      const language = column.match(/^(?:label|hint)::(.+)$/)?.[1];
      if (language) languages.add(language);
    }
  }
  for (const language of languages) {
    const { locale, known } = localeOf(language);
    if (!known)
      report.add(
        "approximated",
        { sheet: SURVEY, row: 1 },
        "unknown_language",
        `Langue « ${language} » sans code : textes gardés sous « ${locale} ».`,
        `Language "${language}" has no code: texts kept as "${locale}".`,
      );
  }
  for (const sheet of tables.otherSheets) {
    report.add(
      "refused",
      { sheet, row: 0 },
      "sheet_not_read",
      `Feuille « ${sheet} » non lue : rsu lit survey, choices et settings.`,
      `Sheet "${sheet}" not read: rsu reads survey, choices and settings.`,
    );
  }
}

/** The settings sheet's cells rsu does not use. */
export function noteSettings(settings: Record<string, string>, report: ImportReport): void {
  for (const [key, value] of Object.entries(settings)) {
    if (!["form_title", "title", "form_id", "id_string", "name"].includes(key)) {
      report.add(
        "refused",
        { sheet: "settings", row: 2, column: key },
        "setting_not_used",
        `Réglage « ${key} » (${value.slice(0, 40)}) sans effet dans rsu.`,
        `Setting "${key}" (${value.slice(0, 40)}) has no effect in rsu.`,
      );
    }
  }
}
