import type { Catalogue } from "../catalogue/types";
import type { Message } from "../contracts/api";
import type { ImportReportEntry } from "../contracts/xlsform";
import { choiceLists } from "./choices";
import { duplicateNames } from "./duplicate-names";
import { MaskLayout } from "./groups";
import { questionFacts } from "./question-facts";
import { questionOf } from "./question-types";
import { ImportReport } from "./report";
import { type Element, SURVEY } from "./row-expressions";
import { readRowType } from "./row-types";
import { noteSettings, noteSheets } from "./sheet-notes";
import type { XlsFormTables } from "./tables";
import type { QuestionFacts } from "./xpath";

/**
 * An XLSForm as a SurveyJS mask draft (issue #20), with a report naming, row by row, what was carried
 * over as is, what differs, and what was left out and why. Top-level groups become pages, nested groups
 * panels, repeats dynamic panels; questions named like a catalogue variable are bound to it (DESIGN.md:
 * question name = variable code). Semantics follow pyxform and the XLSForm specification.
 */
export interface XlsFormConversion {
  formId: string;
  title: Message;
  mask: Record<string, unknown>;
  report: ImportReportEntry[];
}

export function xlsFormToMask(tables: XlsFormTables, catalogue: Catalogue): XlsFormConversion {
  // A condition may name a question that is itself left out (a calculation that did not translate):
  // converted again without it, until every name a condition reads is in the mask.
  let facts = questionFacts(tables.survey);
  for (;;) {
    const conversion = convert(tables, catalogue, facts);
    const held = namesIn(conversion.mask);
    const kept = new Map([...facts].filter(([name]) => held.has(name)));
    if (kept.size === facts.size) return { ...conversion, report: [...conversion.report, ...duplicateNames(tables.survey)] };
    facts = kept;
  }
}

function namesIn(mask: Element): Set<string> {
  const names = new Set<string>();
  const walk = (list: unknown) => {
    for (const e of Array.isArray(list) ? (list as Element[]) : []) {
      if (typeof e.name === "string") names.add(e.name);
      walk(e.elements);
      walk(e.templateElements);
    }
  };
  walk(mask.pages);
  return names;
}

function convert(tables: XlsFormTables, catalogue: Catalogue, facts: ReadonlyMap<string, QuestionFacts>): XlsFormConversion {
  const report = new ImportReport();
  const settings = tables.settings[0]?.cells ?? {};
  const lists = choiceLists(tables.choices, report);
  const variables = new Map(catalogue.variables.map((v) => [v.code, v]));
  noteSheets(tables, report);

  const layout = new MaskLayout(report, facts);
  for (const row of tables.survey) {
    const at = { sheet: SURVEY, row: row.row, name: row.cells.name };
    const typeCell = row.cells.type;
    if (!typeCell) {
      report.add("refused", at, "no_type", "Ligne sans type : ignorée.", "Row without a type: left out.");
      continue;
    }
    const type = readRowType(typeCell);
    if (type.kind === "end") {
      layout.end(type, typeCell, at);
      continue;
    }
    if (layout.inLoop()) {
      if (type.kind === "begin") layout.beginInLoop(row);
      continue; // reported once, on the loop
    }
    if (type.kind === "begin") {
      layout.begin(type, row, at);
      continue;
    }
    if (type.kind === "metadata") {
      report.add(
        "refused",
        at,
        "metadata",
        `Métadonnée « ${type.type} » : rsu enregistre lui-même qui a envoyé quoi et quand.`,
        `Metadata "${type.type}": rsu itself records who sent what and when.`,
      );
      continue;
    }
    if (type.kind !== "question") {
      const text = "type" in type ? type.type : typeCell;
      report.add("refused", at, "unsupported_type", `Type « ${text} » non reconnu.`, `Type "${text}" not recognised.`);
      continue;
    }
    const name = row.cells.name;
    if (!name) {
      report.add("refused", at, "no_name", "Question sans nom : laissée de côté.", "Question without a name: left out.");
      continue;
    }
    const ctx = { self: name, repeat: layout.repeatOf() ?? null, questions: facts };
    const made = questionOf(type, row, lists, ctx, report);
    if (!made) continue;
    layout.top().items.push(...made);
    if (type.type === "note" || type.type === "calculate") continue;
    if (variables.has(name)) {
      report.add(
        "mapped",
        at,
        "bound_to_variable",
        `Liée à la variable « ${name} » du catalogue.`,
        `Bound to catalogue variable "${name}".`,
      );
    } else {
      report.add(
        "approximated",
        at,
        "no_variable",
        `Aucune variable « ${name} » au catalogue : réponse gardée avec l'envoi, hors du registre.`,
        `No catalogue variable "${name}": the answer stays with the submission, out of the registry.`,
      );
    }
  }
  layout.closeAll();

  const formTitle = settings.form_title ?? settings.title ?? settings.form_id ?? "Formulaire importé";
  const title = { fr: formTitle, en: formTitle };
  const mask: Element = { title: formTitle, pages: layout.pages.filter((p) => (p.elements as Element[]).length > 0) };
  const formId = formIdOf(settings.form_id ?? settings.id_string ?? settings.name ?? formTitle);
  noteSettings(settings, report);
  return { formId, title, mask, report: report.entries };
}

/** Lowercase snake case, as rsu names forms. */
export function formIdOf(text: string): string {
  const id = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "")
    .slice(0, 100);
  return id || "formulaire_importe";
}
