import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { importProblems } from "./import-problems";

/** An uploaded file on disk, while it is read; `discard` removes it. */
export interface ReceivedFile {
  path: string;
  sha256: string;
  discard(): Promise<void>;
}

/**
 * Streams a request body to a temporary file, hashing it on the way (the hash names the delivery when the
 * administrator gives none): a large partner file never sits whole in memory, and readers that need a
 * file (ReadStat, a second pass for the encoding) have one. Over `maxBytes`, a 413 and nothing kept.
 */
export async function receiveFile(body: ReadableStream<Uint8Array> | null, maxBytes: number, extension: string): Promise<ReceivedFile> {
  const dir = await mkdtemp(join(tmpdir(), "rsu-import-"));
  // ReadStat tells Stata from SPSS by the extension.
  const path = join(dir, `upload.${extension}`);
  const discard = () => rm(dir, { recursive: true, force: true });
  const hash = createHash("sha256");
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(importProblems.fileTooLarge(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body ? Readable.fromWeb(body as never) : Readable.from([]), count, createWriteStream(path));
  } catch (error) {
    await discard();
    throw error;
  }
  return { path, sha256: hash.digest("hex"), discard };
}
