import { createHash } from "node:crypto";

/** Namespace of import submission ids (a random UUID fixed once): ids of other name-based schemes never collide with them. */
const IMPORT_NAMESPACE = Buffer.from("6f1c2a9e4b7d4e0f9a3c5d8e7b2f1a60", "hex");

/**
 * The submission id of a source household (issue #19): a UUID v5 (RFC 9562) of (source, source key,
 * delivery). The same delivery imported again gives the same ids, which the pipeline already makes
 * idempotent; a later delivery gives new ones. `undone` counts the imports of this source and delivery
 * that were undone: importing the delivery again after an undo must write it again, so each undo starts
 * new ids (0, before any undo, keeps the ids imports always had).
 */
export function importSubmissionId(source: string, key: string, delivery: string, undone = 0): string {
  const hash = createHash("sha1")
    .update(IMPORT_NAMESPACE)
    .update(JSON.stringify(undone ? [source, key, delivery, undone] : [source, key, delivery]), "utf8")
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
