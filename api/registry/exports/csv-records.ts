import { Transform, type TransformCallback } from "node:stream";

const QUOTE = 0x22;
const LF = 0x0a;
const CRLF = Buffer.from("\r\n");

/**
 * Turns PostgreSQL's CSV (records end with LF, COPY has no other choice) into RFC 4180's CRLF, as the
 * exports wrote before COPY (issue #17: Excel and the analysts' scripts read either, but the files keep
 * their shape), and counts the records on the way for the progress bar. A line feed inside a quoted value
 * is data and stays as it is: COPY doubles the quotes inside a value, so an odd count of quotes so far
 * means "inside a value". Works on whole chunks with native searches, not byte by byte in JavaScript.
 */
export class CsvRecords extends Transform {
  /** Records passed so far, the header included. */
  records = 0;
  private quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const ends: number[] = [];
    let at = 0;
    let quote = chunk.indexOf(QUOTE, at);
    while (at < chunk.length) {
      if (this.quoted) {
        // Inside a value: only its closing quote matters (a doubled quote closes and reopens it).
        if (quote < 0) break;
        this.quoted = false;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      const end = chunk.indexOf(LF, at);
      if (quote >= 0 && (end < 0 || quote < end)) {
        this.quoted = true;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (end < 0) break;
      ends.push(end);
      at = end + 1;
    }
    this.records += ends.length;
    if (!ends.length) {
      done(null, chunk);
      return;
    }
    const parts: Buffer[] = [];
    let from = 0;
    for (const end of ends) {
      parts.push(chunk.subarray(from, end), CRLF);
      from = end + 1;
    }
    parts.push(chunk.subarray(from));
    done(null, Buffer.concat(parts, chunk.length + ends.length));
  }
}
