import { createWriteStream } from "node:fs";
import { createHash } from "node:crypto";
import { finished } from "node:stream/promises";
import archiver from "archiver";
import type { ExportFormat } from "../../../schemas/contracts/exports";
import type { ExportColumn } from "../../../schemas/registry/export-columns";
import { parquetFile } from "./parquet-file";
import { readstatFile } from "./readstat-file";
import { csvFile, xlsxFile, type TableFile } from "./table-files";

/** The file of one level in the requested format, named after the level. */
export function levelFile(dir: string, name: string, format: ExportFormat, columns: readonly ExportColumn[], delimiter: string): TableFile {
  const path = `${dir}/${name}.${format}`;
  const header = columns.map((c) => c.name);
  switch (format) {
    case "csv":
      return csvFile(path, header, { delimiter, bom: true });
    case "xlsx":
      return xlsxFile(path, name, header);
    case "dta":
    case "sav":
      return readstatFile(path, format, columns);
    case "parquet":
      return parquetFile(path, columns);
  }
}

/**
 * Zips the files (an analyst downloads one file) and returns its size and SHA-256, recorded in the audit
 * log, hashed as the zip is written. Level 1: on the registry's CSV it deflates in about half the time of
 * level 6, for a file 15 % larger (issue #17: the export's throughput).
 */
export async function zipFiles(zipPath: string, files: { path: string; name: string }[]): Promise<{ bytes: number; checksum: string }> {
  const out = createWriteStream(zipPath);
  const hash = createHash("sha256");
  const archive = archiver("zip", { zlib: { level: 1 } });
  archive.on("data", (chunk: Buffer) => hash.update(chunk));
  archive.pipe(out);
  for (const file of files) archive.file(file.path, { name: file.name });
  await archive.finalize();
  await finished(out);
  return { bytes: archive.pointer(), checksum: hash.digest("hex") };
}
