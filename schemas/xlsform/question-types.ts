import type { Message } from "../contracts/api";
import { type Choice, choiceOf } from "./choices";
import { textsOf } from "./languages";
import { appearanceNotes, constraint, defaultOf, requiredness } from "./question-rules";
import type { ImportReport } from "./report";
import { type At, type Ctx, type Element, SURVEY, applyRelevance, piped, translated } from "./row-expressions";
import type { XlsFormRow } from "./tables";
import { isNo, isYes } from "./xpath";

/** XLSForm question types as SurveyJS elements (issue #20). */
const INPUT_TYPES: Record<string, Element> = {
  text: { type: "text" },
  integer: { type: "text", inputType: "number" },
  decimal: { type: "text", inputType: "number" },
  date: { type: "text", inputType: "date" },
  range: { type: "text", inputType: "number" },
};

export function isCarried(type: string): boolean {
  return (
    ["note", "calculate", "hidden", "select_one", "select_multiple", "acknowledge"].includes(type) || type in INPUT_TYPES || type in AS_TEXT
  );
}

/** Types asked as text for want of a widget the compiler checks; the message says what differs. */
const AS_TEXT: Record<string, Message> = {
  datetime: { fr: "date et heure saisies comme texte", en: "date and time typed as text" },
  time: { fr: "heure saisie comme texte", en: "time typed as text" },
  geopoint: { fr: "point GPS saisi comme « latitude,longitude »", en: 'GPS point typed as "latitude,longitude"' },
  barcode: { fr: "code-barres saisi comme texte", en: "barcode typed as text" },
};

/** The element(s) for one question row; undefined when it is refused (and reported). */
export function questionOf(
  type: { type: string; list?: string; orOther?: boolean },
  row: XlsFormRow,
  lists: Map<string, Choice[]>,
  ctx: Ctx,
  report: ImportReport,
): Element[] | undefined {
  const name = ctx.self;
  const at: At = { sheet: SURVEY, row: row.row, name };
  const cells = row.cells;
  const element: Element = { name };
  const extra: Element[] = [];
  const kind = type.type;
  if (kind === "note") {
    Object.assign(element, { type: "html", html: piped(textsOf(cells, "label"), ctx) ?? "" });
    applyRelevance(element, row, ctx, report, at);
    report.add("mapped", at, "note", "Note → texte affiché.", "Note → displayed text.");
    return [element];
  }
  if (kind === "calculate" || kind === "hidden") {
    const expression =
      kind === "calculate"
        ? translated(row, "calculation", ctx, report, at)
        : cells.default !== undefined
          ? `'${cells.default}'`
          : undefined;
    if (!expression) {
      if (kind === "hidden")
        report.add(
          "refused",
          at,
          "hidden_without_value",
          "Champ caché sans valeur par défaut : rien à garder.",
          "Hidden field without a default: nothing to keep.",
        );
      return undefined;
    }
    Object.assign(element, { type: "expression", expression, visible: false });
    report.add("mapped", at, "calculate", "Calcul → question expression cachée.", "Calculation → hidden expression question.");
    return [element];
  }
  if (kind === "select_one" || kind === "select_multiple") {
    const choices = lists.get(type.list ?? "");
    if (!choices) {
      report.add(
        "refused",
        { ...at, column: "type" },
        "unknown_list",
        `Liste de choix « ${type.list} » absente de la feuille choices.`,
        `Choice list "${type.list}" is not on the choices sheet.`,
      );
      return undefined;
    }
    const appearance = (cells.appearance ?? "").toLowerCase();
    element.type = kind === "select_multiple" ? "checkbox" : /minimal|autocomplete|search/.test(appearance) ? "dropdown" : "radiogroup";
    element.choices = choices.map((c) => choiceOf(c, cells.choice_filter, ctx, report, at));
    if (type.orOther) {
      (element.choices as Element[]).push({ value: "other", text: { default: "Other", fr: "Autre", en: "Other" } });
      // Written as the translation of pyxform's own relevant (`selected(${name}, 'other')`) would be.
      const selected = kind === "select_multiple" ? `({${name}} contains 'other')` : `({${name}} = 'other')`;
      extra.push({
        type: "text",
        name: `${name}_other`,
        title: { default: "Specify other.", fr: "Précisez.", en: "Specify other." },
        visibleIf: ctx.repeat ? selected.replace(`{${name}}`, `{panel.${name}}`) : selected,
        isRequired: true,
      });
      report.add(
        "mapped",
        at,
        "or_other",
        `« or_other » → choix « other » et question « ${name}_other », comme pyxform.`,
        `"or_other" → choice "other" and question "${name}_other", as pyxform makes them.`,
      );
    }
  } else if (INPUT_TYPES[kind]) {
    Object.assign(element, INPUT_TYPES[kind]);
    if (kind === "integer")
      element.validators = [
        {
          type: "expression",
          expression: `{${ctx.repeat ? "panel." : ""}${name}} empty or trunc({${ctx.repeat ? "panel." : ""}${name}}) = {${ctx.repeat ? "panel." : ""}${name}}`,
          text: { fr: "Nombre entier attendu.", en: "A whole number is expected." },
        },
      ];
    if (kind === "text" && /multiline/.test(cells.appearance ?? "")) element.type = "comment";
    if (kind === "range") report.add("approximated", at, "range", "Curseur (range) → nombre saisi.", "Range slider → typed number.");
  } else if (AS_TEXT[kind]) {
    element.type = "text";
    report.add(
      "approximated",
      { ...at, column: "type" },
      "typed_as_text",
      `${kind} : ${AS_TEXT[kind].fr}.`,
      `${kind}: ${AS_TEXT[kind].en}.`,
    );
  } else if (kind === "acknowledge") {
    element.type = "boolean";
    report.add("approximated", { ...at, column: "type" }, "acknowledge", "Accusé de réception → oui/non.", "Acknowledge → yes/no.");
  } else if (kind === "image" || kind === "audio" || kind === "file") {
    // Stored as attachments (issue #20); the signature, draw and annotate appearances are a drawing.
    const appearance = (cells.appearance ?? "").toLowerCase();
    if (kind === "image" && /\b(signature|draw|annotate)\b/.test(appearance)) element.type = "signaturepad";
    else Object.assign(element, { type: "file", storeDataAsText: true, ...(kind === "file" ? {} : { acceptedTypes: `${kind}/*` }) });
  } else {
    const files = ["video", "background-audio"];
    report.add(
      "refused",
      { ...at, column: "type" },
      "unsupported_type",
      files.includes(kind) ? `Fichier « ${kind} » : rsu ne conserve que des images, du son et des PDF.` : `Type « ${kind} » non géré.`,
      files.includes(kind) ? `File "${kind}": rsu keeps only images, sound and PDF files.` : `Type "${kind}" not handled.`,
    );
    return undefined;
  }

  const title = piped(textsOf(cells, "label"), ctx);
  if (title !== undefined) element.title = title;
  const description = piped(textsOf(cells, "hint"), ctx);
  if (description !== undefined) element.description = description;
  applyRelevance(element, row, ctx, report, at);
  requiredness(element, row, ctx, report, at);
  constraint(element, row, ctx, report, at);
  if (cells.default !== undefined) element.defaultValue = defaultOf(element, cells.default, kind);
  if (isYes(cells.read_only)) element.readOnly = true;
  else if (!isNo(cells.read_only))
    report.add(
      "refused",
      { ...at, column: "read_only" },
      "untranslated_expression",
      `read_only « ${cells.read_only} » : seul yes/no est traduit.`,
      `read_only "${cells.read_only}": only yes/no translates.`,
    );
  appearanceNotes(cells.appearance, element, report, at);
  for (const column of ["image", "audio", "video", "media::image", "media::audio", "media::video", "parameters", "trigger"]) {
    const used = Object.keys(cells).find((c) => c === column || c.startsWith(`${column}::`));
    if (used)
      report.add(
        "refused",
        { ...at, column: used },
        "column_not_used",
        `Colonne « ${used} » sans effet dans rsu.`,
        `Column "${used}" has no effect in rsu.`,
      );
  }
  return [element, ...extra];
}
