import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Serialises the creation of new households in one commune until the transaction ends (a transaction-level
 * advisory lock: released on commit, rollback or a dropped connection, so a killed worker holds nothing).
 * Households elsewhere are not held up.
 */
export function lockPlace(em: EntityManager, commune: string | null): Promise<void> {
  return lockPlaces(em, [commune]);
}

/**
 * The same for the communes of a batch, in one query and in a fixed order, so that two batches sharing
 * communes wait for each other instead of deadlocking.
 */
export async function lockPlaces(em: EntityManager, communes: (string | null)[]): Promise<void> {
  const keys = [...new Set(communes.map((c) => `rsu:new-household:${c ?? "-"}`))].sort();
  if (!keys.length) return;
  await em.getConnection().execute(
    // knex spreads an array binding into a list: array[?] rebuilds it, in the sorted order given.
    `select pg_advisory_xact_lock(hashtext(k)) from unnest(array[?]::text[]) as k`,
    [keys],
    "all",
    em.getTransactionContext(),
  );
}

/** SELECT … FOR UPDATE on households, in id order (the order every writer of several households uses). */
export async function lockHouseholds(tx: EntityManager, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .getConnection()
    .execute(`select id from households where id in (?) order by id for update`, [ids], "all", tx.getTransactionContext());
}
