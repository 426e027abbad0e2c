import { loadConfig } from "../../api/config";
import { databaseName, dropDatabase, onServer, quoteIdentifier } from "../../api/db/create-database";
import { openDatabase } from "../../api/db/database";
import { seedDemo } from "../../api/db/seeders/seed-demo";
import { testEnv } from "./test-env";

/** The run's migrated and seeded database, which each test's own database is copied from. */
export const TEMPLATE_NAME = "template";

/**
 * Vitest globalSetup of the integration and browser tests. Migrating and seeding took about five seconds of
 * CPU for each of some eighty test files; PostgreSQL copies a database from a template in a fraction of
 * that. Both projects ask for it, possibly at once: an advisory lock makes the second find it built.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const { databaseUrl, migrationDatabaseUrl } = loadConfig(testEnv(TEMPLATE_NAME));
  await onServer(databaseUrl, async (client, name) => {
    await client.query("select pg_advisory_lock(hashtext($1))", [name]);
    try {
      const found = await client.query("select 1 from pg_database where datname = $1", [name]);
      if (found.rowCount) return;
      const orm = await openDatabase(databaseUrl, { migrate: true, migrationUrl: migrationDatabaseUrl });
      try {
        await seedDemo(orm.em.fork());
      } finally {
        await orm.close();
      }
      // Nobody connects to it again (autovacuum included), so that copies of it never find it busy.
      await client.query(`alter database ${quoteIdentifier(name)} with allow_connections false`);
    } finally {
      await client.query("select pg_advisory_unlock(hashtext($1))", [name]);
    }
  });
  return () => dropDatabase(databaseUrl);
}

/** A test's own database: a copy of the template, replacing an earlier run's. */
export function copyTemplate(databaseUrl: string): Promise<void> {
  const template = loadConfig(testEnv(TEMPLATE_NAME)).databaseUrl;
  const copy = quoteIdentifier(databaseName(databaseUrl));
  return onServer(template, async (client, name) => {
    await client.query(`drop database if exists ${copy} with (force)`);
    await client.query(`create database ${copy} template ${quoteIdentifier(name)}`);
  });
}
