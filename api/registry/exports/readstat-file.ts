import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import type { ExportColumn } from "../../../schemas/registry/export-columns";
import { csvFile, type Cell, type TableFile } from "./table-files";

const run = promisify(execFile);

/** Stata keeps variable labels of 80 characters at most, SPSS of 255. */
const LABEL_LENGTH = { dta: 80, sav: 255 } as const;

/**
 * A Stata .dta or SPSS .sav file with variable and value labels, written by ReadStat (Debian's `readstat`),
 * not by us: rows go to a plain CSV beside it, then ReadStat converts it with the labels as its JSON
 * metadata. Codes of lists whose codes are all whole numbers become labelled numbers (Stata labels no
 * text); other codes stay text.
 */
export function readstatFile(path: string, format: "dta" | "sav", columns: readonly ExportColumn[]): TableFile {
  const csvPath = `${path}.csv`;
  const metaPath = `${path}.json`;
  const csv = csvFile(
    csvPath,
    columns.map((c) => c.name),
    { delimiter: ",", bom: false },
  );
  const numeric = columns.map((c) => c.kind === "number" || c.kind === "boolean" || (c.kind === "code" && c.numericCodes === true));
  return {
    add: (rows) =>
      csv.add(rows.map((cells: readonly Cell[]) => cells.map((value, i) => (numeric[i] && value !== null ? numberOrNull(value) : value)))),
    async close() {
      await csv.close();
      await writeFile(metaPath, JSON.stringify(metadata(format, columns, numeric)));
      try {
        await run("readstat", ["-f", csvPath, metaPath, path], { maxBuffer: 1024 * 1024 });
      } finally {
        await rm(csvPath, { force: true });
        await rm(metaPath, { force: true });
      }
    },
  };
}

function numberOrNull(value: string | number): number | null {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function metadata(format: "dta" | "sav", columns: readonly ExportColumn[], numeric: readonly boolean[]) {
  return {
    type: format === "dta" ? "STATA" : "SPSS",
    separator: ",",
    variables: columns.map((column, i) => {
      const label = column.label.slice(0, LABEL_LENGTH[format]);
      if (column.kind === "date") return { type: "NUMERIC", name: column.name, label, format: "DATE" };
      if (!numeric[i]) return { type: "STRING", name: column.name, label };
      const categories = column.categories?.map((c) => ({ code: Number(c.code), label: c.label }));
      return { type: "NUMERIC", name: column.name, label, ...(categories?.length ? { categories } : {}) };
    }),
  };
}
