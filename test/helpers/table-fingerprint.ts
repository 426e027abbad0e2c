import pg from "pg";

/** A table's row count and an MD5 over its rows' text, in primary-key order. */
export interface TableFingerprint {
  rows: number;
  md5: string;
}

/**
 * Every table of a database, fingerprinted: two databases with equal fingerprints hold the same rows, value
 * for value (what a restore must give back). Read as the connecting role (the test's superuser).
 */
export async function fingerprintTables(databaseUrl: string): Promise<Record<string, TableFingerprint>> {
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const { rows: tables } = await sql.query<{ name: string; pk: string[] | null }>(
      `select c.relname as name,
         (select array_agg(a.attname::text order by k.ord) from pg_index i
            cross join unnest(i.indkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
          where i.indrelid = c.oid and i.indisprimary) as pk
       from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where s.nspname = current_schema() and c.relkind = 'r' order by c.relname collate "C"`,
    );
    const result: Record<string, TableFingerprint> = {};
    for (const { name, pk } of tables) {
      const order = pk?.length ? pk.map((c) => `t."${c}"`).join(", ") : "t::text";
      const [row] = (
        await sql.query<{ rows: number; md5: string }>(
          `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by ${order}), '')) as md5 from "${name}" t`,
        )
      ).rows;
      result[name] = row!;
    }
    return result;
  } finally {
    await sql.end();
  }
}
