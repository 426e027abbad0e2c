import pg from "pg";

/**
 * Runs `work` on the server of `databaseUrl`, connected to its `postgres` maintenance database (a database
 * cannot be created, dropped or copied from a connection to itself), with the name `databaseUrl` gives.
 */
export async function onServer<T>(databaseUrl: string, work: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const name = databaseName(databaseUrl);
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client, name);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database named in `databaseUrl` when it does not exist yet, by connecting to the server's
 * `postgres` maintenance database. Returns true when it created it.
 */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  if (!databaseName(databaseUrl)) throw new Error("DATABASE_URL names no database.");
  return onServer(databaseUrl, async (client, name) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    } catch (error) {
      // Another process (a second instance, a parallel test) created it first: that is what we wanted.
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
    return true;
  });
}

/** Drops a database; used by tests to remove the databases they made. */
export function dropDatabase(databaseUrl: string): Promise<void> {
  return onServer(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}

/** The database a URL names ("" when none). */
export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
