import { csvSource } from "./csv-source";
import { readstatSource } from "./readstat-source";
import { xlsxSource } from "./xlsx-source";

/** The formats a partner's file may come in (issue #19). */
export const SOURCE_FORMATS = ["csv", "xlsx", "dta", "sav"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** One non-empty data row: its line in the file as a person opening it counts (header = 1), and its cells as text. */
export interface SourceRow {
  line: number;
  values: Record<string, string>;
}

/** What was learnt of a file while reading it, for the mapping screen and the report. */
export interface SourceHeader {
  columns: string[];
  /** Variable labels (Stata/SPSS), used for mapping suggestions. */
  labels: Record<string, string>;
  /** "utf-8" or "windows-1252" for text files: said to the administrator, since it was guessed. */
  encoding: string | null;
  delimiter: string | null;
  /** Header cells that were blank (merged cells) or repeated, and the names given to them. */
  renamed: { column: string; reason: "blank" | "repeated" }[];
}

/**
 * A source file opened at its header, its rows streamed after: a 100,000-household file never sits whole
 * in memory. `rows` may be iterated once; rows whose cells are all blank are skipped and counted.
 */
export interface SourceReading {
  header: SourceHeader;
  rows: AsyncIterable<SourceRow>;
  emptyRows(): number;
}

/** Unreadable as its format says (not a workbook, no header row…): a 422 for the upload, never a 500. */
export class UnreadableSource extends Error {}

export function openSource(path: string, format: SourceFormat): Promise<SourceReading> {
  if (format === "csv") return csvSource(path);
  if (format === "xlsx") return xlsxSource(path);
  return readstatSource(path);
}

/**
 * Header names as columns: trimmed, a blank one (a merged cell's tail, an unnamed column) named after
 * the one before it, a repeated one numbered, so every cell keeps a distinct column.
 */
export function columnNames(cells: string[]): Pick<SourceHeader, "columns" | "renamed"> {
  const columns: string[] = [];
  const renamed: SourceHeader["renamed"] = [];
  const seen = new Set<string>();
  cells.forEach((cell, i) => {
    let name = cell.trim();
    let reason: "blank" | "repeated" | null = null;
    if (!name) {
      name = i > 0 ? `${columns[i - 1]} (${i + 1})` : `colonne ${i + 1}`;
      reason = "blank";
    }
    if (seen.has(name)) {
      let n = 2;
      while (seen.has(`${name} (${n})`)) n++;
      name = `${name} (${n})`;
      reason ??= "repeated";
    }
    if (reason) renamed.push({ column: name, reason });
    seen.add(name);
    columns.push(name);
  });
  return { columns, renamed };
}

/** A record of cells as a row keyed by column; null for a row whose cells are all blank. */
export function rowOf(columns: string[], cells: string[]): Record<string, string> | null {
  const values: Record<string, string> = {};
  let filled = false;
  columns.forEach((column, i) => {
    // A NUL or a lone surrogate cannot be stored (PostgreSQL's jsonb refuses both): dropped, not fatal.
    const cell = (cells[i] ?? "").replace(/\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "").trim();
    if (cell) filled = true;
    values[column] = cell;
  });
  return filled ? values : null;
}

/**
 * Opens a stream of cell arrays at its header row: the first non-blank record names the columns, every
 * later one is a row (blank ones counted, not yielded). `lineOf` says where a record starts in the file.
 */
export async function rowsAfterHeader(
  records: AsyncIterator<{ cells: string[]; line: number }>,
  describe: Omit<SourceHeader, "columns" | "renamed">,
): Promise<SourceReading> {
  let first = await records.next();
  while (!first.done && first.value.cells.every((c) => !c.trim())) first = await records.next();
  if (first.done) throw new UnreadableSource("no header row");
  // A merged header cell's tail is no cell at all at the end of the header row: the first rows say how
  // wide the table really is, and the header is widened to them.
  const ahead: { cells: string[]; line: number }[] = [];
  let exhausted = false;
  while (ahead.length < LOOK_AHEAD) {
    const next = await records.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    ahead.push(next.value);
  }
  const width = Math.max(first.value.cells.length, ...ahead.map((r) => lastFilled(r.cells)));
  const cells = Array.from({ length: width }, (_, i) => first.value.cells[i] ?? "");
  const header = { ...describe, ...columnNames(cells) };
  let empty = 0;
  async function* rows(): AsyncGenerator<SourceRow> {
    const take = (record: { cells: string[]; line: number }) => {
      const values = rowOf(header.columns, record.cells);
      if (!values) empty++;
      return values && { line: record.line, values };
    };
    for (const record of ahead) {
      const row = take(record);
      if (row) yield row;
    }
    if (exhausted) return;
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const row = take(next.value);
      if (row) yield row;
    }
  }
  return { header, rows: rows(), emptyRows: () => empty };
}

const LOOK_AHEAD = 100;

function lastFilled(cells: string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i]?.trim()) return i + 1;
  return 0;
}
