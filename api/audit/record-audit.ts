import type { EntityManager } from "@mikro-orm/postgresql";
import { AuditEvent } from "../entities";
import { insertRows } from "../db/plain-sql";
import { auditHash, GENESIS_HASH } from "./audit-chain";

/** Who acts: a signed-in user, a token, or the system itself (CLI, seed, workers). */
export interface AuditActor {
  id: string | null;
  name: string;
  address: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Ids and codes, never personal data (DESIGN.md rule 3). */
  details?: Record<string, unknown>;
}

/** Any constant will do: it only has to be the same for every writer of the audit log. */
const AUDIT_LOCK = 0x72_73_75_61; // "rsua"

/**
 * Appends one row to the audit log inside the caller's transaction, so the row commits or rolls back with
 * the change it describes. Appends are serialised by a transaction-scoped advisory lock: the chain needs
 * each row to know the hash of the one before it.
 */
export function recordAudit(em: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
  return recordAudits(em, actor, [entry]);
}

/**
 * Appends several rows at once, chained in order: one lock, one read of the chain's head and one insert
 * for all of them, which is what lets the workers integrate submissions in batches.
 */
export async function recordAudits(em: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (!em.isInTransaction()) throw new Error("recordAudit must run inside the transaction of the change it records");
  if (!entries.length) return;
  const connection = em.getConnection();
  const ctx = em.getTransactionContext();
  await connection.execute("select pg_advisory_xact_lock(?)", [AUDIT_LOCK], "all", ctx);
  const [last] = await connection.execute<{ hash: string }[]>("select hash from audit_log order by seq desc limit 1", [], "all", ctx);
  const seqs = await connection.execute<{ seq: string }[]>(
    "select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq from generate_series(1, ?)",
    [entries.length],
    "all",
    ctx,
  );
  // nextval gives each row its own number; sorted, so that the chain follows seq order.
  const numbers = seqs.map((s) => Number(s.seq)).sort((a, b) => a - b);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = entries.map((entry, i) => {
    const row = {
      seq: numbers[i]!,
      at,
      actorId: actor.id,
      actor: actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      details: entry.details ?? {},
      address: actor.address,
    };
    const hash = auditHash(prevHash, row);
    const chained = { ...row, prevHash, hash };
    prevHash = hash;
    return chained;
  });
  await insertRows(em, AuditEvent, rows);
}
