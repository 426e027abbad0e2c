/**
 * A registry of any size for the export and dashboard benches (issue #17): up to 20,000 distinct households
 * from the generator (copyRegistry), then copies of them made by PostgreSQL itself (generate_series), so
 * that a million individuals take minutes, not the generator's hour. Copies get new ids, people and
 * submissions, and NINs of their own (the unique index, issue #14); names and answers repeat, which
 * neither an export nor an aggregate cares about.
 */
import type pg from "pg";
import { copyRegistry } from "./registry-rows";

const DISTINCT = 20_000;

export async function registryAtScale(
  client: pg.Client,
  households: number,
  seed: number,
): Promise<{ households: number; individuals: number }> {
  const distinct = Math.min(households, DISTINCT);
  await copyRegistry(
    client,
    Array.from({ length: distinct }, (_, i) => seed + i),
  );
  await client.query(`create temporary table originals as select id, row_number() over (order by id) as n from households`);
  // Copy k of original n exists when (k - 1) * distinct + n stays within the size asked for.
  await client.query(
    `create temporary table copies as
       select o.id as original, md5(o.id::text || k)::uuid as id, k
         from originals o cross join generate_series(1, $1::int) k where k * $2::int + o.n <= $3::int`,
    [Math.ceil(households / distinct) - 1, distinct, households],
  );
  await client.query(`insert into households (id, island, prefecture, commune, village, head_name, search_name, attributes,
      source_submission_id, created_at, updated_at)
    select c.id, h.island, h.prefecture, h.commune, h.village, h.head_name, h.search_name, h.attributes, gen_random_uuid(), h.created_at, h.updated_at
      from copies c join households h on h.id = c.original`);
  await client.query(`insert into individuals (id, household_id, line_number, first_name, last_name, sex, birth_date, nin,
      relation_to_head, attributes, created_at, name_key, block_key, birth_year, island, commune)
    select gen_random_uuid(), c.id, i.line_number, i.first_name, i.last_name, i.sex, i.birth_date, i.nin || '-' || c.k,
      i.relation_to_head, i.attributes, i.created_at, i.name_key, i.block_key, i.birth_year, i.island, i.commune
      from copies c join individuals i on i.household_id = c.original`);
  await client.query("drop table originals, copies");
  const { rows } = await client.query(
    `select (select count(*) from households)::int as households, (select count(*) from individuals)::int as individuals`,
  );
  return rows[0];
}
