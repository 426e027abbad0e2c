import type { ImportReportEntry } from "../contracts/xlsform";
import { DEFAULT_LOCALE } from "./languages";
import { isComposite } from "../compile/composite-questions";
import { repeatColumns } from "../compile/repeat-columns";
import { compositeGroup } from "./composite-groups";
import { ImportReport } from "./report";
import { toXPath, Unwritable } from "./to-xpath";

/**
 * A SurveyJS mask written as an XLSForm (issue #20): pages and panels become groups, dynamic panels
 * and dynamic matrices repeats, matrices and multiple texts groups of their parts (composite-groups.ts), choices one list per question (named after it), conditions and validators XPath. What XLSForm
 * cannot say is listed in a report, as for the import. On what the import writes, import → export →
 * import gives the same mask (test/unit/xlsform-round-trip.test.ts).
 */
export interface XlsFormSheets {
  survey: string[][];
  choices: string[][];
  settings: string[][];
  report: ImportReportEntry[];
}

type Element = Record<string, unknown>;
type Row = Record<string, string>;

const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  fr: "French",
  ar: "Arabic",
  sw: "Swahili",
  zdj: "Comorian",
  zh: "Chinese",
  es: "Spanish",
  pt: "Portuguese",
};

/** `label`, or `label::French (fr)`: the import reads the code back from the parentheses. */
function column(base: string, locale: string): string {
  return locale === DEFAULT_LOCALE ? base : `${base}::${LANGUAGE_NAMES[locale] ?? locale} (${locale})`;
}

function putTexts(row: Row, base: string, texts: unknown): void {
  if (typeof texts === "string") row[base] = texts;
  else if (texts && typeof texts === "object") for (const [locale, text] of Object.entries(texts)) row[column(base, locale)] = String(text);
}

/** `{x}`, `{panel.x}` and `{parentpanel.x}` in a title are answers shown: XLSForm writes them `${x}`. */
function unpiped(texts: unknown): unknown {
  const pipe = (t: string) => t.replace(/(?<!\$)\{(?:panel\.|parentpanel\.)?([^{}\s.]+)\}/g, (_, name: string) => `\${${name}}`);
  if (typeof texts === "string") return pipe(texts);
  if (texts && typeof texts === "object") return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, pipe(String(v))]));
  return texts;
}

export function maskToXlsForm(mask: Element, formId: string): XlsFormSheets {
  const report = new ImportReport();
  const survey: Row[] = [];
  const choices: Row[] = [];
  const at = (name?: string) => ({ sheet: "survey", row: survey.length + 2, ...(name ? { name } : {}) });
  const expression = (row: Row, key: string, text: unknown, name: string) => {
    if (typeof text !== "string" || text.trim() === "") return;
    try {
      row[key] = toXPath(text);
    } catch (error) {
      if (!(error instanceof Unwritable)) throw error;
      report.add(
        "refused",
        { ...at(name), column: key },
        "unwritten_expression",
        `« ${text} » ne s'écrit pas en XPath (${error.message}) : laissé de côté.`,
        `"${text}" cannot be written as XPath (${error.message}): left out.`,
      );
    }
  };

  const group = (element: Element, kind: "group" | "repeat", inside: () => void, appearance?: string) => {
    const row: Row = { type: `begin_${kind}`, name: String(element.name ?? `group_${survey.length + 2}`) };
    putTexts(row, "label", unpiped(element.title));
    putTexts(row, "hint", element.description);
    expression(row, "relevant", element.visibleIf, row.name!);
    if (appearance) row.appearance = appearance;
    survey.push(row);
    inside();
    survey.push({ type: `end_${kind}` });
  };

  const elements = (list: unknown) => {
    for (const element of Array.isArray(list) ? (list as Element[]) : []) {
      const type = String(element.type ?? "").toLowerCase();
      if (type === "panel") group(element, "group", () => elements(element.elements));
      else if (type === "paneldynamic") group(element, "repeat", () => elements(element.templateElements));
      // A dynamic matrix's rows are records like a dynamic panel's: each column is a question of the repeat.
      else if (type === "matrixdynamic") group(element, "repeat", () => elements(repeatColumns(element, "").map((c) => c.question)));
      else if (isComposite(element)) composite(element, type);
      else question(element, type);
    }
  };

  const composite = (element: Element, type: string) => {
    const { panel, appearance, unwritten } = compositeGroup(element)!;
    const name = String(element.name ?? "");
    const kind =
      type === "multipletext"
        ? { fr: "Texte multiple", written: "écrit", en: "Multiple text" }
        : { fr: "Matrice", written: "écrite", en: "Matrix" };
    report.add(
      "approximated",
      at(name),
      "composite_as_group",
      `${kind.fr} « ${name} » ${kind.written} comme un groupe d'une question par réponse, nommée comme sa variable : réimportée, elle revient en questions séparées liées aux mêmes variables.`,
      `${kind.en} "${name}" written as a group of one question per answer, named as its variable: re-imported, it comes back as separate questions bound to the same variables.`,
    );
    for (const key of unwritten)
      report.add(
        "refused",
        { ...at(name), column: key },
        "unwritten_property",
        `« ${key} » de « ${name} » sans équivalent sur un groupe XLSForm : laissé de côté.`,
        `"${key}" of "${name}" has no equivalent on an XLSForm group: left out.`,
      );
    group(panel, "group", () => elements(panel.elements), appearance);
  };

  const question = (element: Element, type: string) => {
    const name = String(element.name ?? "");
    const row: Row = { name };
    const validators = Array.isArray(element.validators) ? [...(element.validators as Element[])] : [];
    switch (type) {
      case "text": {
        const integer = validators.findIndex(
          (v) => typeof v.expression === "string" && /trunc\(/.test(v.expression) && /empty or trunc/.test(v.expression),
        );
        if (element.inputType === "number") {
          row.type = integer >= 0 ? "integer" : "decimal";
          if (integer >= 0) validators.splice(integer, 1);
        } else if (element.inputType === "date") row.type = "date";
        else row.type = "text";
        break;
      }
      case "comment":
        row.type = "text";
        row.appearance = "multiline";
        break;
      case "radiogroup":
      case "dropdown":
      case "checkbox":
      case "tagbox":
        row.type = `${type === "checkbox" || type === "tagbox" ? "select_multiple" : "select_one"} ${name}`;
        if (type === "dropdown") row.appearance = "minimal";
        for (const choice of Array.isArray(element.choices) ? (element.choices as unknown[]) : []) {
          const item = choice && typeof choice === "object" ? (choice as Element) : { value: choice };
          const line: Row = { list_name: name, name: String(item.value) };
          putTexts(line, "label", item.text);
          if (item.visibleIf)
            report.add(
              "refused",
              { sheet: "choices", row: choices.length + 2, name },
              "choice_condition",
              `Condition du choix « ${String(item.value)} » non écrite (XLSForm la dit par choice_filter).`,
              `Condition of choice "${String(item.value)}" not written (XLSForm says it with choice_filter).`,
            );
          choices.push(line);
        }
        break;
      case "boolean":
        row.type = `select_one ${name}`;
        choices.push({ list_name: name, name: "true", "label::French (fr)": "Oui", "label::English (en)": "Yes" });
        choices.push({ list_name: name, name: "false", "label::French (fr)": "Non", "label::English (en)": "No" });
        report.add("approximated", at(name), "boolean_as_select", "Oui/non → select_one true/false.", "Yes/no → select_one true/false.");
        break;
      case "file": {
        // The round trip of to-mask.ts: image/* → image, audio/* → audio, anything else → file.
        const accepted = String(element.acceptedTypes ?? "");
        row.type = accepted === "image/*" ? "image" : accepted === "audio/*" ? "audio" : "file";
        break;
      }
      case "signaturepad":
        row.type = "image";
        row.appearance = "signature";
        break;
      case "html":
        row.type = "note";
        putTexts(row, "label", unpiped(element.html));
        expression(row, "relevant", element.visibleIf, name);
        survey.push(row);
        return;
      case "expression":
        row.type = "calculate";
        expression(row, "calculation", element.expression, name);
        survey.push(row);
        return;
      default:
        report.add(
          "refused",
          at(name),
          "unsupported_type",
          `Question « ${type} » sans équivalent XLSForm écrit par rsu : laissée de côté.`,
          `Question "${type}" has no XLSForm equivalent rsu writes: left out.`,
        );
        return;
    }
    putTexts(row, "label", unpiped(element.title));
    putTexts(row, "hint", element.description);
    if (element.isRequired === true) row.required = "yes";
    else expression(row, "required", element.requiredIf, name);
    putTexts(row, "required_message", element.requiredErrorText);
    expression(row, "relevant", element.visibleIf, name);
    if (element.readOnly === true) row.read_only = "yes";
    if (element.defaultValue !== undefined)
      row.default = Array.isArray(element.defaultValue) ? element.defaultValue.join(" ") : String(element.defaultValue);
    constraint(row, validators, name);
    survey.push(row);
  };

  const constraint = (row: Row, validators: Element[], name: string) => {
    const [first, ...rest] = validators;
    if (!first) return;
    if (first.type === "regex" && typeof first.regex === "string") row.constraint = `regex(., '${first.regex}')`;
    else if (first.type === "expression" && typeof first.expression === "string") {
      // The import guards constraints against empty answers, which XLSForm never judges: the guard goes.
      const guard = first.expression.match(/^\{(?:panel\.)?([^}]+)\} empty or (.+)$/);
      expression(row, "constraint", guard && guard[1] === name ? guard[2] : first.expression, name);
    } else
      report.add(
        "refused",
        { ...at(name), column: "constraint" },
        "unwritten_validator",
        `Validateur « ${String(first.type)} » non écrit.`,
        `Validator "${String(first.type)}" not written.`,
      );
    if (row.constraint) putTexts(row, "constraint_message", first.text);
    if (rest.length)
      report.add(
        "refused",
        { ...at(name), column: "constraint" },
        "unwritten_validator",
        `${rest.length} validateur(s) de plus : XLSForm n'a qu'une contrainte par question.`,
        `${rest.length} more validator(s): XLSForm has one constraint per question.`,
      );
  };

  for (const page of Array.isArray(mask.pages) ? (mask.pages as Element[]) : []) group(page, "group", () => elements(page.elements));
  elements(mask.elements);
  // The form's calculated values are XLSForm calculations too; the import brings them back as hidden expression questions.
  for (const value of Array.isArray(mask.calculatedValues) ? (mask.calculatedValues as Element[]) : []) {
    if (!value || typeof value.name !== "string" || value.name === "") continue;
    const row: Row = { type: "calculate", name: value.name };
    expression(row, "calculation", value.expression, value.name);
    survey.push(row);
  }

  const settings: Row = { form_id: formId };
  if (typeof mask.title === "string") settings.form_title = mask.title;
  else if (mask.title && typeof mask.title === "object") {
    const titles = mask.title as Record<string, string>;
    settings.form_title = titles.fr ?? titles.default ?? Object.values(titles)[0] ?? formId;
  }
  return { survey: grid(survey), choices: grid(choices), settings: grid([settings]), report: report.entries };
}

/** Rows as a grid: header of every column used, in order of first use. */
function grid(rows: Row[]): string[][] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ""))];
}
