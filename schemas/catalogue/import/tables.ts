import { CATALOGUE_SHEETS, type CatalogueSheet } from "../export/csv";
import type { Catalogue, CodeList, Labels, Variable, VariableConstraints } from "../types";

/**
 * Reads back the two flat tables the CSV and XLSX exports write (export/csv.ts `catalogueTables`) into a
 * Catalogue. Only the layout is checked here (headers, numbers, labels present); what the values mean
 * (types, code lists, hierarchies) is the schema's and the cross-checks' job, run once on the whole batch.
 */

/** A cell as the readers hand it over: text, a number (XLSX), or empty. */
export type RawCell = string | number | null;
export interface RawTable {
  /** Header row. */
  columns: string[];
  rows: RawCell[][];
}

export type ImportErrorCode = "missing_sheet" | "missing_column" | "not_a_number" | "required_cell" | "csv_syntax";

/** One layout fault, located the way a spreadsheet user looks for it: sheet, row number (header = 1), column. */
export interface ImportRowError {
  sheet: CatalogueSheet;
  row: number;
  column: string;
  code: ImportErrorCode;
  message: { fr: string; en: string };
}

export interface ParsedCatalogue {
  catalogue: Catalogue;
  errors: ImportRowError[];
}

const NUMBER_COLUMNS = new Set(["min", "max", "decimals", "max_length", "max_selected", "order"]);
const REQUIRED_COLUMNS: Record<CatalogueSheet, string[]> = {
  variables: ["code", "level", "type", "label_fr"],
  code_lists: ["list", "list_label_fr", "code", "label_fr"],
};

export function layoutError(sheet: CatalogueSheet, row: number, column: string, code: ImportErrorCode, detail = ""): ImportRowError {
  const words: Record<ImportErrorCode, { fr: string; en: string }> = {
    missing_sheet: { fr: `La feuille « ${sheet} » est absente.`, en: `Sheet "${sheet}" is missing.` },
    missing_column: { fr: `La colonne « ${column} » est absente.`, en: `Column "${column}" is missing.` },
    not_a_number: { fr: `« ${detail} » n'est pas un nombre.`, en: `"${detail}" is not a number.` },
    required_cell: { fr: `La cellule « ${column} » est obligatoire.`, en: `Cell "${column}" is required.` },
    csv_syntax: { fr: `CSV mal formé : ${detail}.`, en: `Malformed CSV: ${detail}.` },
  };
  return { sheet, row, column, code, message: words[code] };
}

/** The languages a table carries for a prefix: `label_fr`, `label_en`… → fr, en. */
function languages(columns: string[], prefix: string): string[] {
  const pattern = new RegExp(`^${prefix}_([a-z]{2,3}(?:-[A-Za-z0-9]+)*)$`);
  return columns.flatMap((c) => pattern.exec(c)?.[1] ?? []);
}

/** Row accessor that records layout faults as it reads, so a sheet is read in one pass. */
class RowReader {
  constructor(
    private readonly sheet: CatalogueSheet,
    private readonly index: Map<string, number>,
    private readonly errors: ImportRowError[],
    private row: RawCell[] = [],
    private rowNumber = 0,
  ) {}

  at(row: RawCell[], rowNumber: number): this {
    this.row = row;
    this.rowNumber = rowNumber;
    return this;
  }

  text(column: string): string | undefined {
    const i = this.index.get(column);
    const cell = i === undefined ? null : this.row[i];
    if (cell === null || cell === undefined) return undefined;
    const text = String(cell);
    return text.trim() === "" ? undefined : text;
  }

  required(column: string): string {
    const text = this.text(column);
    if (text === undefined) this.errors.push(layoutError(this.sheet, this.rowNumber, column, "required_cell"));
    return text?.trim() ?? "";
  }

  number(column: string): number | undefined {
    const text = this.text(column);
    if (text === undefined) return undefined;
    const value = Number(text.trim().replace(",", "."));
    if (!Number.isFinite(value)) {
      this.errors.push(layoutError(this.sheet, this.rowNumber, column, "not_a_number", text));
      return undefined;
    }
    return value;
  }

  labels(prefix: string, langs: string[]): Labels | undefined {
    const entries = langs.flatMap((l) => {
      const text = this.text(`${prefix}_${l}`);
      return text === undefined ? [] : [[l, text] as const];
    });
    return entries.length ? (Object.fromEntries(entries) as Labels) : undefined;
  }
}

/** Drops the keys whose value is undefined, so that a parsed variable deep-equals a stored one. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function headerIndex(sheet: CatalogueSheet, table: RawTable, errors: ImportRowError[]): Map<string, number> | null {
  const index = new Map(table.columns.map((c, i) => [String(c ?? "").trim(), i]));
  const missing = REQUIRED_COLUMNS[sheet].filter((c) => !index.has(c));
  for (const column of missing) errors.push(layoutError(sheet, 1, column, "missing_column"));
  return missing.length ? null : index;
}

function isBlank(row: RawCell[]): boolean {
  return row.every((cell) => cell === null || cell === undefined || String(cell).trim() === "");
}

function readVariables(table: RawTable, errors: ImportRowError[]): Variable[] {
  const index = headerIndex("variables", table, errors);
  if (!index) return [];
  const r = new RowReader("variables", index, errors);
  const labelLangs = languages(table.columns, "label");
  const descriptionLangs = languages(table.columns, "description");
  const universeLangs = languages(table.columns, "universe");
  return table.rows.flatMap((row, i) => {
    if (isBlank(row)) return [];
    r.at(row, i + 2);
    const constraints: VariableConstraints = compact({
      min: r.number("min"), max: r.number("max"), decimals: r.number("decimals"), pattern: r.text("pattern"),
      maxLength: r.number("max_length"), maxSelected: r.number("max_selected"),
    });
    const variable = compact({
      code: r.required("code"), level: r.required("level"), type: r.required("type"),
      label: r.labels("label", labelLangs) ?? ({ fr: r.required("label_fr") } as Labels),
      description: r.labels("description", descriptionLangs), theme: r.text("theme"),
      universe: r.labels("universe", universeLangs), unit: r.text("unit"),
      constraints: Object.keys(constraints).length ? constraints : undefined,
      codeList: r.text("code_list")?.trim(), sensitivity: r.text("sensitivity")?.trim(),
      status: r.text("status")?.trim(), notes: r.text("notes"),
    });
    return [variable as Variable];
  });
}

/** Items come one per row; rows of the same `list` make one list, in `order` then row order. */
function readCodeLists(table: RawTable, errors: ImportRowError[]): CodeList[] {
  const index = headerIndex("code_lists", table, errors);
  if (!index) return [];
  const r = new RowReader("code_lists", index, errors);
  const listLangs = languages(table.columns, "list_label");
  const labelLangs = languages(table.columns, "label");
  const lists = new Map<string, { list: CodeList; ordered: { order: number; seq: number; item: CodeList["items"][number] }[] }>();
  table.rows.forEach((row, i) => {
    if (isBlank(row)) return;
    r.at(row, i + 2);
    const code = r.required("list");
    let entry = lists.get(code);
    if (!entry) {
      const list = compact({
        code, label: r.labels("list_label", listLangs) ?? ({ fr: r.required("list_label_fr") } as Labels),
        parentList: r.text("parent_list")?.trim(), items: [],
      }) as CodeList;
      entry = { list, ordered: [] };
      lists.set(code, entry);
    }
    const item = compact({
      code: r.required("code"), label: r.labels("label", labelLangs) ?? ({ fr: r.required("label_fr") } as Labels),
      parent: r.text("parent")?.trim(),
    });
    entry.ordered.push({ order: r.number("order") ?? Number.MAX_SAFE_INTEGER, seq: i, item });
  });
  return [...lists.values()].map(({ list, ordered }) => ({
    ...list,
    items: ordered.sort((a, b) => a.order - b.order || a.seq - b.seq).map((o) => o.item),
  }));
}

/** Both sheets → a catalogue plus every layout fault found; a missing sheet is a fault, not an empty list. */
export function catalogueFromTables(tables: Partial<Record<CatalogueSheet, RawTable>>): ParsedCatalogue {
  const errors: ImportRowError[] = [];
  for (const sheet of CATALOGUE_SHEETS) if (!tables[sheet]) errors.push(layoutError(sheet, 0, "", "missing_sheet"));
  const variables = tables.variables ? readVariables(tables.variables, errors) : [];
  const codeLists = tables.code_lists ? readCodeLists(tables.code_lists, errors) : [];
  return { catalogue: { variables, codeLists }, errors };
}
