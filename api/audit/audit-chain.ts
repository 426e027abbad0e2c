import { createHash, createHmac, timingSafeEqual } from "node:crypto";
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

/** One link of the chain (table audit_chain): the `n`th chained row. */
export interface AuditLinkRow {
  seq: number;
  n: number;
  prevHash: string;
  hash: string;
  mac: string | null;
}

/** What the sequencer and the verifier read of a row, in this order. */
export const AUDIT_CONTENT_COLUMNS = `seq, at, actor_id, actor, action, entity_type, entity_id, details, address`;
export const AUDIT_LINK_COLUMNS = `seq, n, prev_hash, hash, mac`;

/** A row as `AUDIT_CONTENT_COLUMNS` reads it with pg. */
export function auditContent(r: Record<string, any>): AuditContent {
  return {
    seq: Number(r.seq),
    at: new Date(r.at),
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: r.details,
    address: r.address,
  };
}

export function auditLink(r: Record<string, any>): AuditLinkRow {
  return { seq: Number(r.seq), n: Number(r.n), prevHash: r.prev_hash, hash: r.hash, mac: r.mac };
}

/**
 * A row's hash: SHA-256 over the previous row's hash and the row's whole content, its sequence number
 * included, so that editing a row, deleting one or reordering them breaks every later link.
 */
export function auditHash(prevHash: string, row: AuditContent): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/**
 * The link's MAC with the anchor key, which the database never sees: whoever can write to the database
 * but lacks the key cannot make a link the verifier accepts, so a recomputed chain shows.
 */
export function linkMac(key: string, link: Omit<AuditLinkRow, "mac">): string {
  return keyed(key, `rsu-audit-link\n${link.n}\n${link.seq}\n${link.prevHash}\n${link.hash}`);
}

export function keyed(key: string, text: string): string {
  return createHmac("sha256", key).update(text).digest("hex");
}

/** Compares two MACs in constant time. */
export function sameMac(a: string | null, b: string): boolean {
  if (a === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
