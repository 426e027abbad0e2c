import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * The submissions this process's batches have settled lately (issue #6). A batch of 50 settles the
 * submissions of 49 jobs still queued; each of those jobs would otherwise ask PostgreSQL for its stage,
 * one statement a submission, as many as the integration itself sends. A submission never goes back to
 * « received », so remembering is safe; forgetting (past `LIMIT`, or another process's batch) only costs
 * that statement. Keyed by database too: tests run several databases in one process.
 */
const LIMIT = 50_000;
const settled = new Set<string>();

function key(em: EntityManager, submissionId: string): string {
  return `${em.config.get("dbName")}/${submissionId}`;
}

export function settledHere(em: EntityManager, submissionId: string): boolean {
  return settled.has(key(em, submissionId));
}

/** Called once the batch that settled `submissionIds` has committed. */
export function rememberSettled(em: EntityManager, submissionIds: string[]): void {
  if (settled.size + submissionIds.length > LIMIT) settled.clear();
  for (const id of submissionIds) settled.add(key(em, id));
}
