import type { EntityManager } from "@mikro-orm/postgresql";
import { auditHash, GENESIS_HASH } from "./audit-chain";

export type AuditVerdict = { ok: true; rows: number } | { ok: false; rows: number; seq: number; reason: "altered" | "missing_before" };

const PAGE = 5_000;

/**
 * Walks the audit log in order and recomputes every hash. The first row whose content no longer matches
 * its hash is reported as altered; the first row whose previous hash is not the hash of the row before it
 * is reported as following a deleted row.
 */
export async function verifyAuditChain(em: EntityManager): Promise<AuditVerdict> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let rows = 0;
  for (;;) {
    const page: Record<string, any>[] = await em.getConnection().execute(
      `select seq, at, actor_id, actor, action, entity_type, entity_id, details, address, prev_hash, hash
         from audit_log where seq > ? order by seq limit ${PAGE}`,
      [after],
    );
    if (!page.length) return { ok: true, rows };
    for (const r of page) {
      const seq = Number(r.seq);
      if (r.prev_hash !== prevHash) return { ok: false, rows, seq, reason: "missing_before" };
      const content = {
        seq,
        at: new Date(r.at),
        actorId: r.actor_id,
        actor: r.actor,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        details: r.details,
        address: r.address,
      };
      if (auditHash(prevHash, content) !== r.hash) return { ok: false, rows, seq, reason: "altered" };
      prevHash = r.hash;
      after = seq;
      rows++;
    }
  }
}
