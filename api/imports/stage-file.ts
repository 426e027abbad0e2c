import type { EntityManager } from "@mikro-orm/postgresql";
import type { ImportFileInfo, ImportFileRole } from "../../schemas/contracts/imports";
import { queryRows } from "../db/plain-sql";
import { importProblems } from "./import-problems";
import { openSource, UnreadableSource, type SourceFormat, type SourceReading } from "./sources/source-file";

const BATCH = 2_000;
const DISTINCT_VALUES = 20;

/**
 * Reads a source file into the import's rows (import_rows), in the caller's transaction, a batch at a
 * time: the rows stay as the partner wrote them (text by column), the dry run maps them. Returns what the
 * mapping screen needs to know of the file.
 */
export async function stageFile(
  tx: EntityManager,
  importId: string,
  role: ImportFileRole,
  file: { path: string; sha256: string; name: string; format: SourceFormat },
): Promise<ImportFileInfo> {
  let source: SourceReading;
  try {
    source = await openSource(file.path, file.format);
  } catch (error) {
    throw unreadable(error);
  }
  const { header } = source;
  const values = new Map(header.columns.map((c) => [c, new Set<string>()]));
  let batch: { l: number; c: Record<string, string> }[] = [];
  let rows = 0;
  const flush = async () => {
    if (!batch.length) return;
    await queryRows(
      tx,
      `insert into import_rows (import_id, file, line, cells) select ?::uuid, ?, (r->>'l')::int, r->'c' from json_array_elements(?::json) r`,
      [importId, role, JSON.stringify(batch)],
    );
    batch = [];
  };
  try {
    for await (const row of source.rows) {
      rows++;
      batch.push({ l: row.line, c: row.values });
      for (const [column, seen] of values) {
        const value = row.values[column];
        if (value && seen.size < DISTINCT_VALUES && value.length <= 100) seen.add(value);
      }
      if (batch.length >= BATCH) await flush();
    }
  } catch (error) {
    throw unreadable(error);
  }
  await flush();
  return {
    name: file.name,
    format: file.format,
    encoding: header.encoding,
    delimiter: header.delimiter,
    columns: header.columns,
    labels: header.labels,
    renamed: header.renamed,
    rows,
    emptyRows: source.emptyRows(),
    values: Object.fromEntries([...values].map(([column, seen]) => [column, [...seen]])),
    sha256: file.sha256,
  };
}

function unreadable(error: unknown) {
  if (error instanceof UnreadableSource) return importProblems.fileUnreadable(error.message);
  return error;
}
