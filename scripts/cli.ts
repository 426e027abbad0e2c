/**
 * rsu — operations on an installation. Configuration comes from the environment, as for the server.
 */
import type { MikroORM } from "@mikro-orm/postgresql";
import { type AppConfig, ConfigError, loadConfig } from "../api/config";
import { migrateDatabase, openDatabase } from "../api/db/database";

const USAGE = `usage: rsu <command>
  migrate                                   create the database if needed and apply pending migrations
  seed                                      load the demo data (idempotent)
  user add USERNAME --role ROLE [--area CODE]... [--grant personal|sensitive]   password read from standard input
  user passwd USERNAME                      password read from standard input
  user list
  token create USERNAME [--role ROLE] [--name NAME] [--days N]   prints the token once
  audit verify                              check the audit log against its hash chain and anchors
  audit chain                               chain new audit rows and anchor the head (the workers do it on their own)
  backup [--out FILE] [--encrypt] [--passphrase-file FILE]   one file: pg_dump custom format and its manifest
  backup verify FILE [--passphrase-file FILE]   restore into a scratch database and compare with the manifest
  restore FILE [--force] [--passphrase-file FILE]   into an empty database (--force: replace it, the old one kept renamed)
  upgrade [--out FILE] [--encrypt]          a proven backup, then the pending migrations, and how to roll back
  report monthly YYYY-MM | quarterly YYYY-QN [--lang fr|en] [--out DIR]   the administrator's report: HTML and XLSX`;

// Each command's module is loaded only when it runs: the report's spreadsheet writer alone takes two
// seconds to load, which every `rsu user list` paid.

/** Commands that must find the database as it is: no migration first, no application connection. */
const asFound: Record<string, (args: string[], config: AppConfig) => Promise<void>> = {
  backup: async (...a) => (await import("./commands/backup")).backup(...a),
  restore: async (...a) => (await import("./commands/restore")).restore(...a),
  upgrade: async (...a) => (await import("./commands/upgrade")).upgrade(...a),
};

const commands: Record<string, (orm: MikroORM, args: string[], operator: string, config: AppConfig) => Promise<void>> = {
  // migrate is run before any application connection: see below.
  async seed(orm, _args, operator) {
    const { seedDemo } = await import("../api/db/seeders/seed-demo");
    await seedDemo(orm.em.fork(), operator);
    console.log("demo data loaded");
  },
  user: async (orm, args, operator) => (await import("./commands/user")).user(orm, args, operator),
  token: async (orm, args, operator) => (await import("./commands/token")).token(orm, args, operator),
  audit: async (...a) => (await import("./commands/audit")).audit(...a),
  report: async (...a) => (await import("./commands/report")).report(...a),
};

const [name, ...args] = process.argv.slice(2);
const command = name === "migrate" ? async () => {} : name ? commands[name] : undefined;
if (!command && !(name && asFound[name])) {
  console.error(USAGE);
  process.exit(2);
}
let orm: MikroORM | undefined;
try {
  const config = loadConfig(process.env);
  if (name && asFound[name]) await asFound[name](args, config);
  else await migrateThenRun(config);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const problem = (error as { text?: { en: string } }).text?.en;
  console.error(`rsu ${name}: ${error instanceof ConfigError ? "configuration error: " : ""}${problem ?? message}`);
  // A refusal says what was wrong, field by field (an unknown role, a short password).
  const details = (error as { details?: unknown }).details;
  if (Array.isArray(details)) for (const detail of details) if (detail?.message?.en) console.error(`  ${detail.message.en}`);
  process.exitCode = 1;
} finally {
  await orm?.close();
}

async function migrateThenRun(config: AppConfig) {
  // Every command needs the schema to be current; migrating first is harmless when it is. Migrations
  // connect as the schema's owner, the commands as the application role.
  const applied = await migrateDatabase(config.migrationDatabaseUrl);
  if (name === "migrate") console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  orm = await openDatabase(config.databaseUrl);
  // Audit rows name the operating-system account that ran the command.
  await command!(orm, args, `cli:${process.env.USER ?? "operator"}`, config);
}
