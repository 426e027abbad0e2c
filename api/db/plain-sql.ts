import { createHash } from "node:crypto";
import type { EntityName } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/*
 * Statements that carry a batch's worth of data (issue #6): one JSON document sent as a real bind
 * parameter, on the caller's transaction. MikroORM's `execute` and `insertMany` write every value into
 * the SQL text, quoting each one: for a batch of 50 households (some 300 people, 50 versions with their
 * full state) that quoting cost more worker time than PostgreSQL spent on the statements. The document is
 * `json`, not `jsonb`: PostgreSQL reads it once into rows, without building its binary form first.
 */

/**
 * PostgreSQL's text form of an array of ids or numbers, to bind as one parameter (`= any(?::uuid[])`):
 * knex expands a JavaScript array into one placeholder per value. Plain values only: nothing is quoted.
 */
export function sqlArray(values: readonly (string | number)[]): string {
  return `{${values.join(",")}}`;
}

/** Runs `sql` with `?` bindings passed to PostgreSQL as parameters; returns the rows. */
export async function queryRows<T>(em: EntityManager, sql: string, bindings: unknown[]): Promise<T[]> {
  const query = em
    .getConnection()
    .getKnex()
    .raw(sql, bindings as never[]);
  const ctx = em.getTransactionContext();
  const result = (await (ctx ? query.transacting(ctx) : query)) as { rows: T[] };
  return result.rows;
}

/**
 * Runs `text` (with PostgreSQL's own $1… placeholders) as a named prepared statement on the caller's
 * connection and transaction: parsed and planned once per connection, then its plan reused. For the match
 * lookup, planning the statement (its three branches per person) cost as much as running it for one person.
 * Goes to pg's client beneath knex, which has no prepared statements; knex hands a transaction's own
 * connection out, and a pooled one otherwise.
 */
export async function preparedRows<T>(em: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = ((em.getTransactionContext() as { client?: unknown } | undefined)?.client ?? em.getConnection().getKnex().client) as {
    acquireConnection(): Promise<{ query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> }>;
    releaseConnection(connection: unknown): Promise<unknown>;
  };
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name, text, values })).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * Inserts entity-shaped rows (property names, a relation given by its id) with one statement: the JSON is
 * turned into the table's own row type, so a column left out is null, as in the entity's data.
 */
export async function insertRows<T extends object>(em: EntityManager, entity: EntityName<T>, rows: object[]): Promise<void> {
  if (!rows.length) return;
  const { name, table, columns } = tableOf(em, entity);
  const text = `insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`;
  await preparedRows(em, `rsu_insert_${name}`, text, [byColumn(rows, columns)]);
}

/** Entity-shaped rows as the one JSON parameter insertRows sends, for a statement that inserts them itself. */
export function entityRowsJson<T extends object>(em: EntityManager, entity: EntityName<T>, rows: object[]): string {
  return byColumn(rows, tableOf(em, entity).columns);
}

/**
 * Updates entity-shaped rows, found by their `id`, with one statement: every row gives the same properties
 * (those of the first), and only those columns change.
 */
export async function updateRows<T extends object, R extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: R[],
): Promise<void> {
  if (!rows.length) return;
  const { name, table, columns } = tableOf(em, entity);
  const changed = columns.filter(([property]) => property !== "id" && property in rows[0]!);
  const set = changed.map(([, column]) => `"${column}" = v."${column}"`).join(", ");
  const text = `update ${table} t set ${set} from json_populate_recordset(null::${table}, $1::json) v where t."id" = v."id"`;
  // One prepared statement per set of columns: its name must always mean the same text.
  const statement = `rsu_update_${name}_${createHash("sha1").update(text).digest("hex").slice(0, 12)}`;
  await preparedRows(em, statement, text, [byColumn(rows, columns)]);
}

/** The rows as one JSON array of objects keyed by column. */
function byColumn(rows: object[], columns: Table["columns"]): string {
  // Renamed along one fixed list, the rows share one shape, which JSON.stringify writes fastest.
  return JSON.stringify(
    rows.map((row) => {
      const named: Record<string, unknown> = {};
      for (const [property, column] of columns) {
        const value = (row as Record<string, unknown>)[property];
        if (value !== undefined) named[column] = value;
      }
      return named;
    }),
  );
}

/** An entity's table and its [property, column] pairs, worked out once per entity. */
function tableOf<T extends object>(em: EntityManager, entity: EntityName<T>): Table {
  const meta = em.getMetadata().get(entity);
  let known = tables.get(meta);
  if (!known) {
    const columns = meta.props
      .filter((prop) => prop.fieldNames?.length === 1)
      .map((prop): [string, string] => [prop.name, prop.fieldNames[0]!]);
    known = { name: meta.tableName, table: em.getConnection().getKnex().raw("??", [meta.tableName]).toQuery(), columns };
    tables.set(meta, known);
  }
  return known;
}

interface Table {
  name: string;
  /** Quoted for SQL. */
  table: string;
  columns: [property: string, column: string][];
}

const tables = new WeakMap<object, Table>();
