import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { rowsAfterHeader, UnreadableSource, type SourceReading } from "./source-file";

const DELIMITERS = [",", ";", "\t"] as const;

/**
 * A partner's CSV: UTF-8 when every byte says so, else Windows-1252 (what Excel writes in French
 * settings), said in the header so the administrator sees the guess; the delimiter is the one the
 * header line uses most (Excel in French writes ";").
 */
export async function csvSource(path: string): Promise<SourceReading> {
  const encoding = (await isUtf8(path)) ? "utf-8" : "windows-1252";
  const delimiter = await headerDelimiter(path, encoding);
  const file = createReadStream(path);
  const text: NodeJS.ReadableStream = encoding === "utf-8" ? file.setEncoding("utf8") : file.pipe(iconv.decodeStream("win1252"));
  const parser = text.pipe(parse({ delimiter, bom: true, relax_column_count: true, info: true, skip_empty_lines: false }));
  file.on("error", (error: Error) => parser.destroy(error));
  return rowsAfterHeader(records(parser), { labels: {}, encoding, delimiter });
}

async function* records(parser: AsyncIterable<{ record: string[]; info: { lines: number } }>) {
  try {
    for await (const { record, info } of parser) yield { cells: record, line: info.lines };
  } catch (error) {
    // A quote never closed swallows the rest of the file: the whole file is refused, saying where.
    throw new UnreadableSource(error instanceof Error ? error.message : String(error));
  }
}

/** Streams the file through a fatal UTF-8 decoder: the first invalid sequence says it is not UTF-8. */
async function isUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

async function headerDelimiter(path: string, encoding: string): Promise<string> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = iconv.decode(buffer.subarray(0, bytesRead), encoding === "utf-8" ? "utf8" : "win1252");
    const line = head.split(/\r?\n/).find((l) => l.trim()) ?? "";
    const counts = DELIMITERS.map((d) => line.split(d).length - 1);
    const best = counts.indexOf(Math.max(...counts));
    return counts[best]! > 0 ? DELIMITERS[best]! : ",";
  } finally {
    await file.close();
  }
}
