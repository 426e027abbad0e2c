import { createHash } from "node:crypto";
import { canonicalJson } from "../../schemas/contracts/canonical-json";

/** The hash the chain starts from: no row before the first. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

/**
 * A row's hash: SHA-256 over the previous row's hash and the row's whole content, its sequence number
 * included, so that editing a row, deleting one or reordering them breaks every later link.
 */
export function auditHash(prevHash: string, row: AuditContent): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}
