import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * One row of the append-only audit log: who did what to which entity, when and from where. Writers only
 * append (no lock); a trigger gives each row its writer's transaction id, then its sequence number. The
 * sequencer chains rows in `seq` order into `audit_chain` (AuditLink) within about a second, and
 * `rsu audit verify` checks both against the anchors kept outside the database (api/audit/).
 */
export const AuditEvent = defineEntity({
  name: "AuditEvent",
  tableName: "audit_log",
  properties: {
    seq: p.bigint("number").primary().autoincrement(false),
    at: p.datetime().index(),
    actorId: p.uuid().nullable().index(),
    actor: p.string().length(80),
    action: p.string().length(60),
    entityType: p.string().length(40),
    entityId: p.string().length(100).nullable(),
    details: p.json<Record<string, unknown>>(),
    address: p.string().length(64).nullable(),
    /** The writer's transaction (set by the trigger): the sequencer waits for it to end. Null before #22. */
    xid: p.string().columnType("xid8").nullable(),
  },
});
export type AuditEvent = InferEntity<typeof AuditEvent>;

/**
 * One link of the audit log's hash chain, written by the sequencer alone: the `n`th chained row, the hash
 * of the link before it, its own hash over that and the row's content, and a MAC with the anchor key that
 * only the sequencer holds (null for links made before the sequencer existed).
 */
export const AuditLink = defineEntity({
  name: "AuditLink",
  tableName: "audit_chain",
  properties: {
    seq: p.bigint("number").primary().autoincrement(false),
    n: p.bigint("number"),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
    mac: p.string().length(64).nullable(),
    chainedAt: p.datetime(),
  },
});
export type AuditLink = InferEntity<typeof AuditLink>;
