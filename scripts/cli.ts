/**
 * rsu — operations on an installation.
 *   rsu migrate   create the database if needed and apply pending migrations
 *   rsu seed      load the demo data (catalogue, household form v1, one account per role); idempotent
 * Configuration comes from the environment (DATABASE_URL, REDIS_URL…), as for the server.
 */
import { ConfigError, loadConfig } from "../api/config";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";

const USAGE = `usage: rsu <command>
  migrate   create the database if needed and apply pending migrations
  seed      load the demo data (idempotent)`;

const commands: Record<string, (databaseUrl: string) => Promise<void>> = {
  async migrate(databaseUrl) {
    const orm = await openDatabase(databaseUrl);
    try {
      const applied = await orm.getMigrator().up();
      console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(", ")}` : "database is up to date");
    } finally {
      await orm.close();
    }
  },
  async seed(databaseUrl) {
    const orm = await openDatabase(databaseUrl, { migrate: true });
    try {
      await seedDemo(orm.em.fork());
      console.log("demo data loaded");
    } finally {
      await orm.close();
    }
  },
};

const [name] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(USAGE);
  process.exit(2);
}
try {
  await command(loadConfig(process.env).databaseUrl);
} catch (error) {
  console.error(`rsu ${name}: ${error instanceof ConfigError ? "configuration error: " : ""}${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
