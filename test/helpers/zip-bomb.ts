import { crc32, deflateRawSync } from "node:zlib";
import * as XLSX from "@e965/xlsx";

/**
 * A ZIP archive written by hand, so that a test can make one a reader should refuse: parts that inflate
 * far beyond their compressed size, and sizes in the headers that lie (`declaredSize`).
 */
export interface ZipPart {
  name: string;
  content: Uint8Array;
  /** The uncompressed size written in the headers, when it should not be the true one. */
  declaredSize?: number;
}

export function zipOf(parts: ZipPart[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const data = deflateRawSync(part.content, { level: 9 });
    const size = part.declaredSize ?? part.content.length;
    const crc = crc32(part.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    directory.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directorySize = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...directory, end]));
}

/**
 * An XLSForm workbook of 26 + 20 × choices filled cells: a survey sheet of one question and its choices
 * labelled in 18 languages. Compressed, as a spreadsheet application writes it.
 */
export function workbookOfCells(choices: number): Uint8Array<ArrayBuffer> {
  const languages = Array.from({ length: 18 }, (_, i) => `label::langue ${i}`);
  const book = XLSX.utils.book_new();
  const survey = [
    ["type", "name", "label"],
    ["select_one l", "q", "Q"],
  ];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(survey), "survey");
  const row = (i: number) => ["l", `c${i}`, ...languages.map((_, j) => `Choix ${i} ${j}`)];
  const rows = [["list_name", "name", ...languages], ...Array.from({ length: choices }, (_, i) => row(i))];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "choices");
  return new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer);
}
