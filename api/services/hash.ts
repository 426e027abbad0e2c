import { createHash } from "node:crypto";
import { canonicalJson } from "../../schemas/contracts/canonical-json";

/** SHA-256 (hex) of a value's canonical JSON: equal values, equal hashes, whatever their key order. */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
