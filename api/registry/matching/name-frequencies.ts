import type { EntityManager } from "@mikro-orm/postgresql";
import type { Frequencies } from "../../../schemas/registry/match-weights";

/** A process reads the frequencies again after this long (a few thousand names: one row, a few milliseconds). */
const READ_AGAIN_MS = 60_000;
/** They are recomputed from the registry when older than this (two seconds of PostgreSQL at 1,000,000 people). */
const RECOMPUTE_AFTER = "15 minutes";

/**
 * Normalised first and last names are the two parts of `name_key` (person-keys.ts); people with one name
 * only are left out of the name counts. One statement: readers see the old row until it commits.
 */
const RECOMPUTE = `
insert into name_frequencies (scope, refreshed_at, people, first_names, last_names, birth_dates)
select 'registry', now(), (select count(*) from individuals),
  coalesce((select jsonb_object_agg(k, n) from (
    select split_part(name_key, ' ', 1) as k, count(*) as n from individuals where name_key like '% %' group by 1) f), '{}'),
  coalesce((select jsonb_object_agg(k, n) from (
    select split_part(name_key, ' ', 2) as k, count(*) as n from individuals where name_key like '% %' group by 1) l), '{}'),
  coalesce((select jsonb_object_agg(to_char(k, 'YYYY-MM-DD'), n) from (
    select birth_date as k, count(*) as n from individuals where birth_date is not null group by 1) d), '{}')
on conflict (scope) do update set refreshed_at = excluded.refreshed_at, people = excluded.people,
  first_names = excluded.first_names, last_names = excluded.last_names, birth_dates = excluded.birth_dates`;

const READ = `select people, first_names as "firstNames", last_names as "lastNames", birth_dates as "birthDates",
  refreshed_at < now() - interval '${RECOMPUTE_AFTER}' as stale from name_frequencies where scope = 'registry'`;

/** Per database (its connection object), what this process last read, and when. */
const known = new WeakMap<object, { at: number; frequencies: Promise<Frequencies> }>();

/**
 * The registry's frequencies as the match model uses them, read outside the caller's transaction (a batch
 * decides with the same snapshot whatever it has written), and recomputed first when missing or stale.
 * Every path of one process therefore decides with the same figures until the next read.
 */
export function nameFrequencies(em: EntityManager): Promise<Frequencies> {
  const key = em.getConnection();
  const cached = known.get(key);
  if (cached && Date.now() - cached.at < READ_AGAIN_MS) return cached.frequencies;
  const frequencies = readOrRecompute(em);
  known.set(key, { at: Date.now(), frequencies });
  frequencies.catch(() => known.delete(key));
  return frequencies;
}

/** Recomputes the frequencies from the registry now (after a bulk load, and in benches and tests). */
export async function refreshNameFrequencies(em: EntityManager): Promise<Frequencies> {
  await em.getConnection().execute(RECOMPUTE, [], "run");
  known.delete(em.getConnection());
  return nameFrequencies(em);
}

async function readOrRecompute(em: EntityManager): Promise<Frequencies> {
  const read = async () => (await em.getConnection().execute<(Frequencies & { stale: boolean })[]>(READ, [], "all"))[0];
  let row = await read();
  if (!row || row.stale) {
    await em.getConnection().execute(RECOMPUTE, [], "run");
    row = await read();
  }
  const { stale: _stale, ...frequencies } = row!;
  return Object.freeze(frequencies);
}
