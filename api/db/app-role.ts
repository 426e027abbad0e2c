import pg from "pg";

/**
 * The role the application's connections act as (`SET ROLE` right after connecting): it may read and write
 * the registry but only append to the audit log. Migrations connect as the schema's owner and create it
 * (issue #15, finding 11). Roles belong to the whole PostgreSQL server, so installations sharing a server
 * share the name; their grants stay per database.
 */
export const APP_ROLE = "rsu_app";

/** A connection of its own acting as the application role: the audit sequencer and verifier use one. */
export async function connectAsApp(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`set role ${APP_ROLE}`);
  } catch (error) {
    await client.end();
    throw error;
  }
  return client;
}

/** What the audit code needs of a connection: a pg Client or PoolClient. */
export interface Sql {
  query<R extends Record<string, any> = Record<string, any>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}
