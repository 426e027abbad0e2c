import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Serialises the creation of new households in one commune until the transaction ends (a transaction-level
 * advisory lock: released on commit, rollback or a dropped connection, so a killed worker holds nothing).
 * Households elsewhere are not held up.
 */
export async function lockPlace(em: EntityManager, commune: string | null): Promise<void> {
  await em.getConnection().execute(`select pg_advisory_xact_lock(hashtext(?))`, [`rsu:new-household:${commune ?? "-"}`], "all", em.getTransactionContext());
}
