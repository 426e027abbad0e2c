import type { Message } from "../../contracts/api";
import type { CatalogueSheet, Cell, SheetTable } from "../export/csv";
import type { Catalogue, CodeList, CodeListItem, Labels, Variable, VariableConstraints } from "../types";

/**
 * The inverse of catalogueTables (export/csv.ts): the two flat tables back into a catalogue. Shared by the
 * XLSX and CSV readers so that both accept exactly the layout the exports write. Only the table layout is
 * checked here (columns, numbers, one definition per list); what a variable may hold is the JSON Schema's
 * and the cross-checks' job, run once on the whole batch by the import plan.
 */

/** A problem with one row of the file. Rows count from 1 with the header as row 1, as a spreadsheet shows them. */
export interface ImportRowError {
  sheet: CatalogueSheet;
  row: number;
  column?: string;
  /** Code of the variable or list the row defines, when known. */
  entry?: string;
  /** Stable reason code. */
  code: string;
  message: Message;
  /** Published versions concerned, for the published-mask rules. */
  usedBy?: { formId: string; version: number }[];
}

/** Where each entry of the catalogue read comes from, index-aligned with its arrays. */
export interface ImportOrigin {
  variables: number[];
  /** First row of each list. */
  codeLists: number[];
  /** Row of each item of each list. */
  items: number[][];
}

export interface ImportedCatalogue {
  catalogue: Catalogue;
  origin: ImportOrigin;
  /** The sheets the file held: an entry absent from them is left as it is. */
  sheets: CatalogueSheet[];
  rowErrors: ImportRowError[];
}

const VARIABLE_COLUMNS = [
  "code",
  "level",
  "type",
  "theme",
  "unit",
  "min",
  "max",
  "decimals",
  "pattern",
  "max_length",
  "max_selected",
  "code_list",
  "sensitivity",
  "status",
  "notes",
];
const VARIABLE_LABELS = ["label", "description", "universe"];
const LIST_COLUMNS = ["list", "parent_list", "order", "code", "parent"];
const LIST_LABELS = ["list_label", "label"];
const FREE_TEXT = /^(notes|pattern|unit|theme|(list_)?label_.+|description_.+|universe_.+)$/;
const LANG = "[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*";

/** The sheet a header row belongs to: its first column names it, as the export writes it. */
export function sheetOfHeader(columns: string[]): CatalogueSheet | undefined {
  const first = columns[0]?.trim();
  return first === "code" ? "variables" : first === "list" ? "code_lists" : undefined;
}

export function emptyImport(): ImportedCatalogue {
  return { catalogue: { variables: [], codeLists: [] }, origin: { variables: [], codeLists: [], items: [] }, sheets: [], rowErrors: [] };
}

/** Adds one sheet's table to what has been read so far. */
export function readSheet(into: ImportedCatalogue, sheet: CatalogueSheet, table: SheetTable): void {
  const columns = table.columns.map((c) => String(c ?? "").trim());
  const known = sheet === "variables" ? [VARIABLE_COLUMNS, VARIABLE_LABELS] : [LIST_COLUMNS, LIST_LABELS];
  const labelColumn = new RegExp(`^(${known[1]!.join("|")})_(${LANG})$`);
  const headerErrors = columns.flatMap((column) =>
    column === "" || known[0]!.includes(column) || labelColumn.test(column)
      ? []
      : [rowError(sheet, 1, "unknown_column", { fr: `Colonne inconnue « ${column} ».`, en: `Unknown column "${column}".` }, column)],
  );
  const required = sheet === "variables" ? ["code", "level", "type", "label_fr"] : ["list", "list_label_fr", "code", "label_fr"];
  for (const column of required.filter((c) => !columns.includes(c))) {
    headerErrors.push(
      rowError(sheet, 1, "missing_column", { fr: `La colonne « ${column} » manque.`, en: `Column "${column}" is missing.` }, column),
    );
  }
  into.sheets.push(sheet);
  into.rowErrors.push(...headerErrors);
  if (headerErrors.length) return;
  table.rows.forEach((cells, i) => {
    const row = new RowReader(sheet, i + 2, columns, cells, into.rowErrors);
    if (row.isBlank()) return;
    if (sheet === "variables") readVariable(into, row);
    else readItem(into, row);
  });
  if (sheet === "code_lists") orderItems(into);
}

function readVariable(into: ImportedCatalogue, row: RowReader): void {
  const constraints: VariableConstraints = {};
  const put = <K extends keyof VariableConstraints>(key: K, value: VariableConstraints[K] | undefined) => {
    if (value !== undefined) constraints[key] = value;
  };
  put("min", row.number("min"));
  put("max", row.number("max"));
  put("decimals", row.number("decimals"));
  put("pattern", row.text("pattern"));
  put("maxLength", row.number("max_length"));
  put("maxSelected", row.number("max_selected"));
  const variable = compact({
    code: row.text("code") ?? "",
    level: row.text("level"),
    type: row.text("type"),
    label: row.labels("label") ?? { fr: "" },
    description: row.labels("description"),
    universe: row.labels("universe"),
    unit: row.text("unit"),
    theme: row.text("theme"),
    constraints: Object.keys(constraints).length ? constraints : undefined,
    codeList: row.text("code_list"),
    sensitivity: row.text("sensitivity"),
    status: row.text("status"),
    notes: row.text("notes"),
  }) as unknown as Variable;
  into.catalogue.variables.push(variable);
  into.origin.variables.push(row.row);
}

/** Each row is one item; the list's own columns repeat on each of its rows and must agree. */
function readItem(into: ImportedCatalogue, row: RowReader): void {
  const code = row.text("list") ?? "";
  const definition = compact({ code, label: row.labels("list_label") ?? { fr: "" }, parentList: row.text("parent_list") });
  let index = into.catalogue.codeLists.findIndex((l) => l.code === code);
  if (index < 0) {
    into.catalogue.codeLists.push({ ...(definition as Omit<CodeList, "items">), items: [] });
    into.origin.codeLists.push(row.row);
    into.origin.items.push([]);
    index = into.catalogue.codeLists.length - 1;
  } else {
    const { items: _, ...first } = into.catalogue.codeLists[index]!;
    if (JSON.stringify(sorted(first)) !== JSON.stringify(sorted(definition))) {
      into.rowErrors.push(
        rowError(
          "code_lists",
          row.row,
          "list_inconsistent",
          {
            fr: `Le libellé ou la liste parente de « ${code} » diffère de sa première ligne (${into.origin.codeLists[index]}).`,
            en: `The label or parent list of "${code}" differs from its first row (${into.origin.codeLists[index]}).`,
          },
          "list",
          code,
        ),
      );
      return;
    }
  }
  const item = compact({
    code: row.text("code") ?? "",
    label: row.labels("label") ?? { fr: "" },
    parent: row.text("parent"),
  }) as unknown as CodeListItem;
  const order = row.number("order");
  into.catalogue.codeLists[index]!.items.push(item);
  into.origin.items[index]!.push(row.row);
  orders.set(item, order ?? Number.POSITIVE_INFINITY);
}

/** The `order` column sets the items' order; rows without one keep their place after the numbered ones. */
const orders = new WeakMap<CodeListItem, number>();
function orderItems(into: ImportedCatalogue): void {
  into.catalogue.codeLists.forEach((list, l) => {
    const rows = into.origin.items[l]!;
    const pairs = list.items.map((item, i) => ({ item, row: rows[i]!, order: orders.get(item) ?? Number.POSITIVE_INFINITY }));
    pairs.sort((a, b) => a.order - b.order || a.row - b.row);
    list.items = pairs.map((p) => p.item);
    into.origin.items[l] = pairs.map((p) => p.row);
  });
}

/** One row's cells by column name: trimmed text, numbers, labels per language; blank cells are absent. */
class RowReader {
  constructor(
    readonly sheet: CatalogueSheet,
    readonly row: number,
    private readonly columns: string[],
    private readonly cells: Cell[],
    private readonly errors: ImportRowError[],
  ) {}

  isBlank(): boolean {
    return this.cells.every((cell) => cell === null || cell === undefined || String(cell).trim() === "");
  }

  text(column: string): string | undefined {
    const i = this.columns.indexOf(column);
    const cell = i < 0 ? null : this.cells[i];
    if (cell === null || cell === undefined) return undefined;
    const text = String(cell);
    if (text.trim() === "") return undefined;
    // Free text keeps its spaces (a note's layout is the writer's); codes and enumerations do not.
    return FREE_TEXT.test(column) ? text : text.trim();
  }

  number(column: string): number | undefined {
    const text = this.text(column);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (Number.isFinite(value)) return value;
    this.errors.push(
      rowError(
        this.sheet,
        this.row,
        "not_a_number",
        { fr: `« ${text} » n'est pas un nombre.`, en: `"${text}" is not a number.` },
        column,
        this.text(this.sheet === "variables" ? "code" : "list"),
      ),
    );
    return undefined;
  }

  labels(prefix: string): Labels | undefined {
    const labels: Record<string, string> = {};
    for (const column of this.columns) {
      const lang = column.startsWith(`${prefix}_`) ? column.slice(prefix.length + 1) : undefined;
      if (!lang || !new RegExp(`^${LANG}$`).test(lang)) continue;
      const text = this.text(column);
      if (text !== undefined) labels[lang] = text;
    }
    return Object.keys(labels).length ? (labels as Labels) : undefined;
  }
}

export function rowError(
  sheet: CatalogueSheet,
  row: number,
  code: string,
  message: Message,
  column?: string,
  entry?: string,
): ImportRowError {
  return { sheet, row, ...(column === undefined ? {} : { column }), ...(entry === undefined ? {} : { entry }), code, message };
}

function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

function sorted(object: object): [string, unknown][] {
  return Object.entries(object).sort(([a], [b]) => a.localeCompare(b));
}
