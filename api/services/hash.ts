import { createHash } from "node:crypto";
import { canonicalJson } from "../../schemas/contracts/canonical-json";

/** SHA-256 (hex) of a value's canonical JSON: equal values, equal hashes, whatever their key order. */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/**
 * A submission's content hash, contentHash({ formId, version, data, householdId, baseVersion }), from its
 * answers' canonical JSON: that text is then stored as is, not written a second time (issue #22). The
 * envelope's keys are written here in canonical order.
 */
export function submissionContentHash(
  dataJson: string,
  formId: string,
  version: number,
  target: { householdId: string; baseVersion: number } | null,
): string {
  const head = target ? `{"baseVersion":${JSON.stringify(target.baseVersion)},"data":` : `{"data":`;
  const place = target ? `,"householdId":${JSON.stringify(target.householdId)}` : "";
  const tail = `,"formId":${JSON.stringify(formId)}${place},"version":${JSON.stringify(version)}}`;
  return createHash("sha256").update(head).update(dataJson).update(tail).digest("hex");
}
