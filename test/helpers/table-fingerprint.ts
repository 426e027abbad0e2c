import pg from "pg";

/** A table's row count and an MD5 over its rows' text, in primary-key order. */
export interface TableFingerprint {
  rows: number;
  md5: string;
}

/**
 * Every table of a database, fingerprinted: two databases with equal fingerprints hold the same rows, value
 * for value (what a restore must give back). Read as the connecting role (the test's superuser). With
 * `only`, just those tables through just those columns: what a migration must keep of an older schema.
 */
export async function fingerprintTables(databaseUrl: string, only?: TableColumns): Promise<Record<string, TableFingerprint>> {
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
      if (only && !only[name]) continue;
      // With `only`, the rows are read through those columns alone, in their text order (the key may be new).
      const from = only ? `(select ${only[name]!.map((c) => `"${c}"`).join(", ")} from "${name}")` : `"${name}"`;
      const order = !only && pk?.length ? pk.map((c) => `t."${c}"`).join(", ") : "t::text";
      const [row] = (
        await sql.query<{ rows: number; md5: string }>(
          `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by ${order}), '')) as md5 from ${from} t`,
        )
      ).rows;
      result[name] = row!;
    }
    return result;
  } finally {
    await sql.end();
  }
}

/** Each table of the current schema with its columns, in order. */
export type TableColumns = Record<string, string[]>;

export async function tableColumns(databaseUrl: string): Promise<TableColumns> {
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const { rows } = await sql.query<{ table: string; columns: string[] }>(
      `select table_name as table, array_agg(column_name::text order by ordinal_position) as columns
         from information_schema.columns where table_schema = current_schema() group by table_name`,
    );
    return Object.fromEntries(rows.map((r) => [r.table, r.columns]));
  } finally {
    await sql.end();
  }
}
