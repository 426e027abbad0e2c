import type { EntityManager } from "@mikro-orm/postgresql";
import type { AuditAction, AuditEntityType } from "../../schemas/contracts/audit";
import { insertRows } from "../db/plain-sql";
import { AuditEvent } from "../entities";

/** Who acts: a signed-in user, a token, or the system itself (CLI, seed, workers). */
export interface AuditActor {
  id: string | null;
  name: string;
  address: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  /** Ids and codes, never personal data (DESIGN.md rule 3). */
  details?: Record<string, unknown>;
}

/**
 * Appends one row to the audit log inside the caller's transaction, so the row commits or rolls back with
 * the change it describes.
 */
export function recordAudit(em: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
  return recordAudits(em, actor, [entry]);
}

/**
 * Appends several rows with one statement and no lock: writers never wait for each other. The trigger
 * numbers the rows; the sequencer (chain-audit.ts) chains them, in number order, once their transaction
 * has committed.
 */
export function recordAudits(em: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  return recordAuditsBy(
    em,
    entries.map((entry) => ({ actor, entry })),
  );
}

/** Rows of several actors with one statement: a group commit's submissions (issue #22). */
export async function recordAuditsBy(em: EntityManager, rows: { actor: AuditActor; entry: AuditEntry }[]): Promise<void> {
  if (!em.isInTransaction()) throw new Error("recordAudit must run inside the transaction of the change it records");
  await insertRows(em, AuditEvent, auditRows(rows));
}

/**
 * The audit log's rows (entity properties) for several actors' entries, for recordAuditsBy or for a statement
 * that writes them together with the change they record (group commit, issue #22).
 */
export function auditRows(rows: { actor: AuditActor; entry: AuditEntry }[]): object[] {
  // The hash covers `at` read back from PostgreSQL: milliseconds, as JavaScript writes them, survive the trip.
  const at = new Date();
  return rows.map(({ actor, entry }) => ({
    at,
    actorId: actor.id,
    actor: actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    details: entry.details ?? {},
    address: actor.address,
  }));
}
