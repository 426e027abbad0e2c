import type { Catalogue } from "../catalogue/types";
import type { Message } from "../contracts/api";
import type { ImportReportEntry } from "../contracts/xlsform";
import { localeOf, textsOf } from "./languages";
import { ImportReport } from "./report";
import { readRowType } from "./row-types";
import { duplicateNames } from "./duplicate-names";
import type { XlsFormRow, XlsFormTables } from "./tables";
import { type QuestionFacts, Untranslatable, isNo, isYes, regexConstraint, translateXPath } from "./xpath";

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

type Element = Record<string, unknown>;
type Frame = { kind: "page" | "group" | "repeat" | "loop"; element: Element; items: Element[]; repeat: string | null; row: XlsFormRow };

interface Choice {
  row: number;
  name: string;
  cells: Record<string, string>;
}

const SURVEY = "survey";

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

  const pages: Element[] = [];
  let loose: Frame | undefined;
  const stack: Frame[] = [];
  const top = (): Frame => {
    const inner = stack[stack.length - 1];
    if (inner) return inner;
    if (!loose) {
      const page: Element = { name: `page${pages.length + 1}`, elements: [] };
      pages.push(page);
      loose = { kind: "page", element: page, items: page.elements as Element[], repeat: null, row: { row: 0, cells: {} } };
    }
    return loose;
  };
  const repeatOf = () => [...stack].reverse().find((f) => f.kind === "repeat")?.element.name as string | undefined;

  for (const row of tables.survey) {
    const at = { sheet: SURVEY, row: row.row, name: row.cells.name };
    const typeCell = row.cells.type;
    if (!typeCell) {
      report.add("refused", at, "no_type", "Ligne sans type : ignorée.", "Row without a type: left out.");
      continue;
    }
    const type = readRowType(typeCell);
    const inLoop = stack.some((f) => f.kind === "loop");
    if (type.kind === "end") {
      const frame = stack.pop();
      if (!frame || (frame.kind === "page" ? "group" : frame.kind) !== type.of) {
        if (frame) stack.push(frame);
        report.add("refused", at, "unbalanced_end", `« ${typeCell} » sans début correspondant.`, `"${typeCell}" without its beginning.`);
      }
      continue;
    }
    if (inLoop) {
      if (type.kind === "begin") stack.push({ kind: "loop", element: {}, items: [], repeat: null, row });
      continue; // reported once, on the loop
    }
    if (type.kind === "begin") {
      const name = row.cells.name ?? `${type.of}_${row.row}`;
      if (type.of === "loop") {
        report.add(
          "refused",
          at,
          "unsupported_loop",
          "« begin loop » (une série par choix) n'a pas d'équivalent : la boucle et son contenu sont laissés de côté.",
          `"begin loop" (one set per choice) has no equivalent: the loop and its contents are left out.`,
        );
        stack.push({ kind: "loop", element: {}, items: [], repeat: null, row });
        continue;
      }
      const element: Element = { ...(type.of === "repeat" ? { type: "paneldynamic" } : {}), name };
      const repeat = type.of === "repeat" ? name : (repeatOf() ?? null);
      const title = piped(textsOf(row.cells, "label"), { self: name, repeat, questions: facts });
      if (title !== undefined) element.title = title;
      applyRelevance(element, row, { self: name, repeat: stack.length ? (repeatOf() ?? null) : null, questions: facts }, report, at);
      if (type.of === "repeat") {
        element.templateElements = [];
        element.panelCount = 0;
        repeatNotes(element, row, report, at, stack.length === 0 || !stack.some((f) => f.kind === "repeat"));
        top().items.push(element);
        stack.push({ kind: "repeat", element, items: element.templateElements as Element[], repeat, row });
        report.add("mapped", at, "repeat", "Répétition → panneau dynamique.", "Repeat → dynamic panel.");
      } else if (stack.length === 0) {
        // A top-level group is a page, as ODK tools show a field-list group on one screen.
        loose = undefined;
        element.elements = [];
        pages.push(element);
        stack.push({ kind: "page", element, items: element.elements as Element[], repeat: null, row });
        report.add("mapped", at, "group_page", "Groupe de premier niveau → page.", "Top-level group → page.");
      } else {
        element.type = "panel";
        element.elements = [];
        top().items.push(element);
        stack.push({ kind: "group", element, items: element.elements as Element[], repeat, row });
        report.add("mapped", at, "group_panel", "Groupe → panneau.", "Group → panel.");
      }
      const description = textsOf(row.cells, "hint");
      if (description !== undefined) element.description = description;
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
    const repeat = repeatOf() ?? null;
    const ctx = { self: name, repeat, questions: facts };
    const made = questionOf(type, row, lists, ctx, report);
    if (!made) continue;
    top().items.push(...made);
    const variable = variables.get(name);
    if (type.type === "note" || type.type === "calculate") continue;
    if (variable) {
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
  for (const frame of stack.reverse()) {
    report.add(
      "approximated",
      { sheet: SURVEY, row: frame.row.row, name: frame.row.cells.name },
      "unclosed",
      "Groupe ou répétition jamais fermé : fermé en fin de feuille.",
      "Group or repeat never closed: closed at the end of the sheet.",
    );
  }

  const formTitle = settings.form_title ?? settings.title ?? settings.form_id ?? "Formulaire importé";
  const title = { fr: formTitle, en: formTitle };
  const mask: Element = { title: formTitle, pages: pages.filter((p) => (p.elements as Element[]).length > 0) };
  const formId = formIdOf(settings.form_id ?? settings.id_string ?? settings.name ?? formTitle);
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

/** `${x}` in a label or hint shows an answer: SurveyJS writes it `{x}` (`{panel.x}` within the repeat). */
function piped<T>(texts: T, ctx: Ctx): T {
  const pipe = (text: string) =>
    text.replace(/\$\{\s*([^}\s]+)\s*\}/g, (_, name: string) =>
      ctx.repeat && ctx.questions.get(name)?.repeat === ctx.repeat ? `{panel.${name}}` : `{${name}}`,
    );
  if (typeof texts === "string") return pipe(texts) as T;
  if (texts && typeof texts === "object") return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, pipe(String(v))])) as T;
  return texts;
}

function choiceLists(rows: XlsFormRow[], report: ImportReport): Map<string, Choice[]> {
  const lists = new Map<string, Choice[]>();
  for (const row of rows) {
    const list = row.cells.list_name;
    const name = row.cells.name;
    if (!list || name === undefined) {
      report.add(
        "refused",
        { sheet: "choices", row: row.row },
        "incomplete_choice",
        "Choix sans liste ou sans nom : ignoré.",
        "Choice without a list or a name: left out.",
      );
      continue;
    }
    if (!lists.has(list)) lists.set(list, []);
    lists.get(list)!.push({ row: row.row, name, cells: row.cells });
  }
  return lists;
}

/** Every question's name, whether its answer is a list, and its repeat: what expressions need to know. */
function questionFacts(rows: XlsFormRow[]): Map<string, QuestionFacts> {
  const facts = new Map<string, QuestionFacts>();
  const repeats: (string | null)[] = [];
  for (const row of rows) {
    if (!row.cells.type) continue;
    const type = readRowType(row.cells.type);
    if (type.kind === "begin") {
      repeats.push(type.of === "repeat" ? (row.cells.name ?? null) : (repeats[repeats.length - 1] ?? null));
      if (type.of === "repeat" && row.cells.name)
        facts.set(row.cells.name, { multiple: false, repeat: repeats[repeats.length - 2] ?? null });
    } else if (type.kind === "end") repeats.pop();
    else if (row.cells.name && type.kind === "question" && isCarried(type.type)) {
      // Only questions the mask will hold: a condition naming a refused one is itself reported.
      facts.set(row.cells.name, {
        multiple: type.kind === "question" && type.type === "select_multiple",
        repeat: repeats[repeats.length - 1] ?? null,
      });
    }
  }
  return facts;
}

function repeatNotes(
  element: Element,
  row: XlsFormRow,
  report: ImportReport,
  at: { sheet: string; row: number; name?: string },
  outermost: boolean,
): void {
  if (row.cells.repeat_count) {
    report.add(
      "approximated",
      { ...at, column: "repeat_count" },
      "repeat_count",
      `Nombre de répétitions « ${row.cells.repeat_count} » non imposé : l'enquêteur ajoute les entrées.`,
      `Repeat count "${row.cells.repeat_count}" not enforced: the interviewer adds the entries.`,
    );
  }
  // A repeat of the household lists records of the catalogue unit it is named after (members: individuals).
  if (!outermost) {
    report.add(
      "refused",
      at,
      "repeat_not_published",
      `Répétition « ${String(element.name)} » gardée dans le brouillon, mais rsu ne publie pas une répétition dans une autre : placez-la au niveau du ménage.`,
      `Repeat "${String(element.name)}" kept in the draft, but rsu does not publish a repeat inside another: place it at household level.`,
    );
  }
}

type At = { sheet: string; row: number; name?: string };
type Ctx = { self: string; repeat: string | null; questions: ReadonlyMap<string, QuestionFacts> };

function translated(row: XlsFormRow, column: string, ctx: Ctx, report: ImportReport, at: At): string | undefined {
  const expression = row.cells[column];
  if (!expression) return undefined;
  try {
    return translateXPath(expression, ctx);
  } catch (error) {
    if (!(error instanceof Untranslatable)) throw error;
    report.add(
      "refused",
      { ...at, column },
      "untranslated_expression",
      `${column} « ${expression} » non traduit (${error.fr}) : laissé de côté.`,
      `${column} "${expression}" not translated (${error.en}): left out.`,
    );
    return undefined;
  }
}

function applyRelevance(element: Element, row: XlsFormRow, ctx: Ctx, report: ImportReport, at: At): void {
  const visibleIf = translated(row, "relevant", ctx, report, at);
  if (visibleIf) element.visibleIf = visibleIf;
}

const INPUT_TYPES: Record<string, Element> = {
  text: { type: "text" },
  integer: { type: "text", inputType: "number" },
  decimal: { type: "text", inputType: "number" },
  date: { type: "text", inputType: "date" },
  range: { type: "text", inputType: "number" },
};

function isCarried(type: string): boolean {
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
function questionOf(
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
  } else {
    const files = ["image", "audio", "video", "file", "signature", "background-audio"];
    report.add(
      "refused",
      { ...at, column: "type" },
      "unsupported_type",
      files.includes(kind) ? `Fichier « ${kind} » : les pièces jointes ne sont pas encore gérées.` : `Type « ${kind} » non géré.`,
      files.includes(kind) ? `File "${kind}": attachments are not handled yet.` : `Type "${kind}" not handled.`,
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

function choiceOf(choice: Choice, filter: string | undefined, ctx: Ctx, report: ImportReport, at: At): Element {
  const text = textsOf(choice.cells, "label");
  const item: Element = { value: choice.name, ...(text !== undefined ? { text } : {}) };
  if (filter) {
    // choice_filter names the choices sheet's own columns bare: each choice's values go in as literals.
    const literal = filter.replace(/(?<![$\w{.'"-])([A-Za-z_][\w-]*)(?![\w(}'"-])/g, (word) => {
      if (["and", "or", "div", "mod", "not"].includes(word)) return word;
      const value = word === "name" ? choice.name : choice.cells[word];
      return value === undefined ? word : `'${value.replace(/'/g, "")}'`;
    });
    try {
      item.visibleIf = translateXPath(literal, ctx);
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      if (choice.row === undefined) return item;
      report.add(
        "refused",
        { ...at, column: "choice_filter" },
        "untranslated_expression",
        `choice_filter « ${filter} » non traduit pour le choix « ${choice.name} » (${error.fr}).`,
        `choice_filter "${filter}" not translated for choice "${choice.name}" (${error.en}).`,
      );
    }
  }
  return item;
}

function requiredness(element: Element, row: XlsFormRow, ctx: Ctx, report: ImportReport, at: At): void {
  const cell = row.cells.required;
  if (isYes(cell)) element.isRequired = true;
  else if (!isNo(cell)) {
    const requiredIf = translated(row, "required", ctx, report, at);
    if (requiredIf) element.requiredIf = requiredIf;
  }
  const message = textsOf(row.cells, "required_message");
  if (message !== undefined && (element.isRequired || element.requiredIf)) element.requiredErrorText = message;
}

function constraint(element: Element, row: XlsFormRow, ctx: Ctx, report: ImportReport, at: At): void {
  const expression = row.cells.constraint;
  if (!expression) return;
  const text = textsOf(row.cells, "constraint_message");
  const validators = (element.validators as Element[] | undefined) ?? [];
  const regex = regexConstraint(expression);
  if (regex !== undefined) validators.push({ type: "regex", regex, ...(text !== undefined ? { text } : {}) });
  else {
    const translatedExpression = translated(row, "constraint", ctx, report, at);
    if (!translatedExpression) return;
    // XLSForm constraints judge answers only; SurveyJS's expression validators also run on empty ones.
    const self = ctx.repeat ? `{panel.${ctx.self}}` : `{${ctx.self}}`;
    validators.push({
      type: "expression",
      expression: `${self} empty or ${translatedExpression}`,
      ...(text !== undefined ? { text } : {}),
    });
  }
  element.validators = validators;
}

function defaultOf(element: Element, cell: string, kind: string): unknown {
  if (element.inputType === "number" && Number.isFinite(Number(cell))) return Number(cell);
  if (kind === "select_multiple") return cell.split(/\s+/);
  return cell;
}

function appearanceNotes(appearance: string | undefined, element: Element, report: ImportReport, at: At): void {
  if (!appearance) return;
  const used = new Set(["minimal", "autocomplete", "search", "multiline"].filter((a) => appearance.includes(a)));
  const rest = appearance.split(/\s+/).filter((a) => a && !used.has(a) && !(a === "field-list"));
  if (rest.length) {
    report.add(
      "approximated",
      { ...at, column: "appearance" },
      "appearance_ignored",
      `Apparence « ${rest.join(" ")} » sans équivalent : présentation standard.`,
      `Appearance "${rest.join(" ")}" has no equivalent: standard look.`,
    );
  }
  void element;
}
