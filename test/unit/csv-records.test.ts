import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { CsvRecords } from "../../api/registry/exports/csv-records";

/** PostgreSQL's CSV (LF records) made RFC 4180 (CRLF) for the registry export (issue #17), however it is cut into chunks. */
const COPY_CSV = 'id;text\n1;plain\n2;"a ""quoted"" value; with the separator"\n3;"a line\nbreak"\n4;"""\n"""\n5;\n';
const EXPECTED = 'id;text\r\n1;plain\r\n2;"a ""quoted"" value; with the separator"\r\n3;"a line\nbreak"\r\n4;"""\n"""\r\n5;\r\n';

async function convert(chunks: string[]) {
  const records = new CsvRecords();
  const out = await text(Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(records));
  return { out, records: records.records };
}

describe("CsvRecords", () => {
  it("ends records with CRLF and keeps line feeds inside quoted values, in one chunk", async () => {
    expect(await convert([COPY_CSV])).toEqual({ out: EXPECTED, records: 6 });
  });

  it("gives the same bytes and count whichever byte a chunk ends on", async () => {
    for (let cut = 1; cut < COPY_CSV.length; cut++) {
      expect(await convert([COPY_CSV.slice(0, cut), COPY_CSV.slice(cut)])).toEqual({ out: EXPECTED, records: 6 });
    }
  });

  it("gives the same bytes when every byte is a chunk of its own", async () => {
    expect(await convert([...COPY_CSV])).toEqual({ out: EXPECTED, records: 6 });
  });
});
