/**
 * An XLSForm as read from any of its file formats: the rows of its `survey`, `choices` and `settings`
 * sheets, each row a map from column name to the cell's text. Column names are lowercased and their
 * old spellings made current (`list name`, `label:English`), as pyxform reads them; the language part
 * of `label::Français (fr)` keeps its case.
 */
export interface XlsFormRow {
  /** 1-based row number in its sheet, as a spreadsheet shows it. */
  row: number;
  cells: Record<string, string>;
}

export interface XlsFormTables {
  survey: XlsFormRow[];
  choices: XlsFormRow[];
  settings: XlsFormRow[];
  /** Other sheets found (external_choices, entities, help sheets…): listed in the report, not read. */
  otherSheets: string[];
}

export const XLSFORM_SHEETS = ["survey", "choices", "settings"] as const;
type SheetName = (typeof XLSFORM_SHEETS)[number];

/** Old column names pyxform still reads, by their current name. */
const COLUMN_ALIASES: Record<string, string> = {
  "list name": "list_name",
  value: "name",
  caption: "label",
  requiredmsg: "required_message",
  "bind:jr:constraintmsg": "constraint_message",
  "bind:jr:requiredmsg": "required_message",
  "bind:relevant": "relevant",
  "bind:constraint": "constraint",
  "bind:required": "required",
  "bind:calculate": "calculation",
  "bind:readonly": "read_only",
  readonly: "read_only",
  "control:appearance": "appearance",
  "repeat count": "repeat_count",
  "choice filter": "choice_filter",
};

export function columnName(header: string): string {
  const trimmed = header.trim();
  // `label:English` (one colon, old) and `label::English (en)` (two) both name a language.
  const split = trimmed.match(/^([^:]+?)\s*::?\s*(.+)$/);
  if (split && !/^bind:|^control:|^jr:/i.test(trimmed)) {
    const base = columnName(split[1]!);
    const rest = split[2]!;
    // media::image::English keeps its second part as a language.
    return `${base}::${rest}`;
  }
  const lower = trimmed.toLowerCase();
  return COLUMN_ALIASES[lower] ?? lower.replace(/\s+/g, "_");
}

/** A sheet as a grid of cell texts (header first) into rows; blank rows are skipped, numbers kept. */
export function rowsOfGrid(grid: (string | null)[][]): XlsFormRow[] {
  const [header = [], ...body] = grid;
  const columns = header.map((h) => (h === null || String(h).trim() === "" ? "" : columnName(String(h))));
  const rows: XlsFormRow[] = [];
  for (const [i, line] of body.entries()) {
    const cells: Record<string, string> = {};
    for (const [j, column] of columns.entries()) {
      const text = line?.[j];
      if (!column || text === null || text === undefined) continue;
      const value = String(text).trim();
      if (value !== "" && cells[column] === undefined) cells[column] = value;
    }
    if (Object.keys(cells).length) rows.push({ row: i + 2, cells });
  }
  return rows;
}

/** Tables from named grids; sheet names are matched without case (`SURVEY` is `survey`). */
export function tablesOfGrids(grids: Record<string, (string | null)[][]>): XlsFormTables | undefined {
  const tables: XlsFormTables = { survey: [], choices: [], settings: [], otherSheets: [] };
  let found = false;
  for (const [name, grid] of Object.entries(grids)) {
    const sheet = name.trim().toLowerCase() as SheetName;
    if (XLSFORM_SHEETS.includes(sheet)) {
      tables[sheet] = rowsOfGrid(grid);
      if (sheet === "survey") found = true;
    } else tables.otherSheets.push(name);
  }
  return found ? tables : undefined;
}

/**
 * pyxform's one-table layouts (CSV and markdown): a row whose first cell names a sheet starts it, the
 * next row is its header, and its rows follow with the first cell empty.
 */
export function tablesOfSections(lines: (string | null)[][]): XlsFormTables | undefined {
  const grids: Record<string, (string | null)[][]> = {};
  let current: (string | null)[][] | undefined;
  for (const line of lines) {
    const first = String(line[0] ?? "").trim();
    if (first !== "") {
      current = [];
      grids[first] = current;
      // The header may follow on the same row as the sheet name (pyxform allows both).
      if (line.slice(1).some((c) => String(c ?? "").trim() !== "")) current.push(line.slice(1));
      continue;
    }
    current?.push(line.slice(1));
  }
  return tablesOfGrids(grids);
}
