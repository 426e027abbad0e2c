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

/** The advisory-lock class of NINs (two-key form: a key space apart from the communes' one-key locks). */
const NIN_LOCKS = 14;

/**
 * Serialises, until the transaction ends, every writer that gives a person one of `nins` (issue #14):
 * whoever comes second waits, then reads the first one's committed row when it looks the NIN up, so the
 * conflict is found by the lookup instead of the unique index. One statement for a whole batch, in hash
 * order (the lock's own key), so that two writers sharing NINs wait instead of deadlocking. Taken after
 * the place and household locks, as every writer does.
 */
export async function lockNins(em: EntityManager, nins: (string | null)[]): Promise<void> {
  const keys = [...new Set(nins.filter((n): n is string => !!n))];
  if (!keys.length) return;
  await em
    .getConnection()
    .execute(
      `select pg_advisory_xact_lock(${NIN_LOCKS}, h) from (select distinct hashtext(n) as h from json_array_elements_text(?::json) as n order by h) k`,
      [JSON.stringify(keys)],
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
