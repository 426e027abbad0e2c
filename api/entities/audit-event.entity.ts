import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * One row of the append-only audit log: who did what to which entity, when and from where. Each row's
 * `hash` covers the previous row's hash and its own content (api/audit/audit-chain.ts), so an edited or
 * deleted row breaks the chain and `rsu audit verify` names it. A trigger refuses UPDATE and DELETE.
 */
export const AuditEvent = defineEntity({
  name: "AuditEvent",
  tableName: "audit_log",
  properties: {
    seq: p.bigint("number").primary().autoincrement(),
    at: p.datetime().index(),
    actorId: p.uuid().nullable().index(),
    actor: p.string().length(80),
    action: p.string().length(60),
    entityType: p.string().length(40),
    entityId: p.string().length(100).nullable(),
    details: p.json<Record<string, unknown>>(),
    address: p.string().length(64).nullable(),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
  },
});
export type AuditEvent = InferEntity<typeof AuditEvent>;
