import type { EntityName } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/*
 * Statements that carry a batch's worth of data (issue #6): one JSON document sent as a real bind
 * parameter, on the caller's transaction. MikroORM's `execute` and `insertMany` write every value into
 * the SQL text, quoting each one: for a batch of 50 households (some 300 people, 50 versions with their
 * full state) that quoting cost more worker time than PostgreSQL spent on the statements.
 */

/** Runs `sql` with `?` bindings passed to PostgreSQL as parameters; returns the rows. */
export async function queryRows<T>(em: EntityManager, sql: string, bindings: unknown[]): Promise<T[]> {
  const query = em.getConnection().getKnex().raw(sql, bindings as never[]);
  const ctx = em.getTransactionContext();
  const result = (await (ctx ? query.transacting(ctx) : query)) as { rows: T[] };
  return result.rows;
}

/**
 * Inserts entity-shaped rows (property names, a relation given by its id) with one statement: the JSON is
 * turned into the table's own row type, so a column left out is null, as in the entity's data.
 */
export async function insertRows<T extends object>(em: EntityManager, entity: EntityName<T>, rows: object[]): Promise<void> {
  if (!rows.length) return;
  const meta = em.getMetadata().get(entity);
  const columns = new Map<string, string>();
  for (const prop of meta.props) if (prop.fieldNames?.length === 1) columns.set(prop.name, prop.fieldNames[0]!);
  const byColumn = rows.map((row) => Object.fromEntries(Object.entries(row).map(([name, value]) => [columns.get(name) ?? name, value])));
  const table = em.getConnection().getKnex().raw("??", [meta.tableName]).toQuery();
  await queryRows(em, `insert into ${table} select * from jsonb_populate_recordset(null::${table}, ?::jsonb)`, [JSON.stringify(byColumn)]);
}
