import { MikroORM, type Options } from "@mikro-orm/postgresql";
import { APP_ROLE } from "./app-role";
import { createDatabaseIfMissing } from "./create-database";
import { ormOptions } from "./orm-config";

/**
 * Opens the database named in the URL, creating it first when it does not exist, and applies pending
 * migrations when asked (npm start and `rsu migrate` do; a worker on another machine need not). Migrations
 * run on their own connection as the schema's owner (`migrationUrl`); the returned ORM's connections act
 * as the application role, which may only append to the audit log.
 */
export async function openDatabase(
  databaseUrl: string,
  {
    migrate = false,
    migrationUrl = databaseUrl,
    overrides = {},
  }: { migrate?: boolean; migrationUrl?: string; overrides?: Partial<Options> } = {},
): Promise<MikroORM> {
  if (migrate) await migrateDatabase(migrationUrl);
  else await createDatabaseIfMissing(databaseUrl);
  return MikroORM.init(ormOptions(databaseUrl, { ...overrides, pool: { min: 0, max: 10, afterCreate: actAsAppRole, ...overrides.pool } }));
}

/** Creates the database if needed and applies pending migrations as the owner; returns their names. */
export async function migrateDatabase(migrationUrl: string): Promise<string[]> {
  const owner = await openDatabaseAsOwner(migrationUrl);
  try {
    return (await owner.getMigrator().up()).map((m) => m.name);
  } finally {
    await owner.close();
  }
}

/** The database as its owner, for migrations: connections that do not switch to the application role. */
export async function openDatabaseAsOwner(migrationUrl: string): Promise<MikroORM> {
  await createDatabaseIfMissing(migrationUrl);
  // Silent: callers say what was applied (rsu migrate prints the names), and a test run's output stays its results.
  return MikroORM.init(ormOptions(migrationUrl, { pool: { min: 0, max: 1 }, migrations: { silent: true } }));
}

/** knex's pool hook: every new connection switches to the application role before it is used. */
function actAsAppRole(
  connection: { query(sql: string, done: (error: Error | null) => void): void },
  done: (error: Error | null, c: unknown) => void,
) {
  connection.query(`set role ${APP_ROLE}`, (error) => done(error, connection));
}
