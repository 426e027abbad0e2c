import type { Catalogue } from "../types";
import { catalogueLanguages } from "./common";

/**
 * The catalogue as two flat tables (issue 4): `variables` and `code_lists`, the layout the XLSX export
 * shares and the future import reads. Labels get one column per language present (`label_fr`, `label_en`…).
 */
export type CatalogueSheet = "variables" | "code_lists";
export const CATALOGUE_SHEETS: readonly CatalogueSheet[] = ["variables", "code_lists"];

export type Cell = string | number | null;
export interface SheetTable {
  columns: string[];
  rows: Cell[][];
}

export function catalogueTables(catalogue: Catalogue): Record<CatalogueSheet, SheetTable> {
  const langs = catalogueLanguages(catalogue);
  const per = (prefix: string) => langs.map((l) => `${prefix}_${l}`);
  const variables: SheetTable = {
    columns: [
      "code",
      "level",
      "type",
      ...per("label"),
      ...per("description"),
      "theme",
      ...per("universe"),
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
    ],
    rows: catalogue.variables.map((v) => {
      const c = v.constraints ?? {};
      return [
        v.code,
        v.level,
        v.type,
        ...langs.map((l) => v.label[l] ?? null),
        ...langs.map((l) => v.description?.[l] ?? null),
        v.theme ?? null,
        ...langs.map((l) => v.universe?.[l] ?? null),
        v.unit ?? null,
        c.min ?? null,
        c.max ?? null,
        c.decimals ?? null,
        c.pattern ?? null,
        c.maxLength ?? null,
        c.maxSelected ?? null,
        v.codeList ?? null,
        v.sensitivity ?? null,
        v.status ?? "active",
        v.notes ?? null,
      ];
    }),
  };
  const codeLists: SheetTable = {
    columns: ["list", ...per("list_label"), "parent_list", "order", "code", ...per("label"), "parent"],
    rows: catalogue.codeLists.flatMap((list) =>
      list.items.map((item, index) => [
        list.code,
        ...langs.map((l) => list.label[l] ?? null),
        list.parentList ?? null,
        index + 1,
        item.code,
        ...langs.map((l) => item.label[l] ?? null),
        item.parent ?? null,
      ]),
    ),
  };
  return { variables, code_lists: codeLists };
}

function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 (CRLF line ends), with a UTF-8 byte-order mark so that Excel reads French accents right. */
export function renderCatalogueCsv(catalogue: Catalogue, sheet: CatalogueSheet): string {
  const table = catalogueTables(catalogue)[sheet];
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
