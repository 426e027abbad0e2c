import { createHash } from "node:crypto";
import { Transform } from "node:stream";

/** A pass-through stage that takes the SHA-256 and the size of the dump flowing through it, written or restored. */
export function dumpMeter(): { stream: Transform; sha256(): string; bytes(): number } {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, sha256: () => hash.digest("hex"), bytes: () => bytes };
}
