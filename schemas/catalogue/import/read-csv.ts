import type { Cell } from "../export/csv";
import { emptyImport, readSheet, sheetOfHeader, type ImportedCatalogue } from "./from-tables";

/**
 * A catalogue CSV as the export writes it (export/csv.ts): ONE of the two sheets per file, RFC 4180,
 * optional UTF-8 byte-order mark. The sheet is recognised by its header (`code,…` for variables,
 * `list,…` for code lists), so the upload needs no parameter; the entries of the other sheet are left as
 * they are. Returns undefined when the text is not a catalogue CSV at all.
 */
export function readCatalogueCsv(text: string): ImportedCatalogue | undefined {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  const columns = (header ?? []).map(String);
  const sheet = sheetOfHeader(columns);
  if (!sheet) return undefined;
  const read = emptyImport();
  readSheet(read, sheet, { columns, rows });
  return read;
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else field += ch;
  }
  if (field !== "" || row.length) endRow();
  return rows;
}
