import { fileWriter, ParquetWriter } from "hyparquet-writer";
import type { ExportColumn } from "../../../schemas/registry/export-columns";
import type { Cell, TableFile } from "./table-files";

/** Rows held before they are written as one row group: memory stays flat, and readers can skip groups. */
const ROW_GROUP = 20_000;

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]["schema"][number];

/**
 * A Parquet file written by hyparquet-writer, a row group at a time (issue #17). Numbers are doubles,
 * yes/no booleans, dates Parquet dates; codes stay text so leading zeros survive. Parquet has no value
 * labels: the codebook beside it holds them, and the variable labels travel in the file's key-value
 * metadata (`rsu.labels`), which DuckDB, pandas and arrow show.
 */
export function parquetFile(path: string, columns: readonly ExportColumn[]): TableFile {
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: [{ name: "root", num_children: columns.length }, ...columns.map(schemaElement)],
    kvMetadata: [{ key: "rsu.labels", value: JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, c.label]))) }],
    createdBy: "rsu",
  });
  const convert = columns.map((c) => converter(c));
  let rows: (readonly Cell[])[] = [];
  const flush = async () => {
    if (!rows.length) return;
    const batch = rows;
    rows = [];
    const columnData = columns.map((c, i) => ({ name: c.name, data: batch.map((row) => convert[i]!(row[i] ?? null)) }));
    await writer.write({ columnData, rowGroupSize: batch.length });
  };
  return {
    async add(batch) {
      for (const row of batch) rows.push(row);
      if (rows.length >= ROW_GROUP) await flush();
    },
    async close() {
      await flush();
      await writer.finish();
    },
  };
}

function schemaElement(column: ExportColumn): SchemaElement {
  const optional = { name: column.name, repetition_type: "OPTIONAL" } as const;
  switch (column.kind) {
    case "number":
      return { ...optional, type: "DOUBLE" };
    case "boolean":
      return { ...optional, type: "BOOLEAN" };
    case "date":
      return { ...optional, type: "INT32", converted_type: "DATE" };
    default:
      return { ...optional, type: "BYTE_ARRAY", converted_type: "UTF8" };
  }
}

function converter(column: ExportColumn): (value: Cell) => unknown {
  switch (column.kind) {
    case "number":
      return (value) => (value === null ? null : Number(value));
    case "boolean":
      return (value) => (value === null ? null : value === 1);
    case "date":
      // A date the form let through unchecked is left out rather than written as a wrong day.
      return (value) => {
        const date = value === null ? null : new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
        return date && Number.isFinite(date.getTime()) ? date : null;
      };
    default:
      return (value) => (value === null ? null : String(value));
  }
}
