import { restoreBackup } from "../../api/backup/restore-backup";
import type { AppConfig } from "../../api/config";
import { databaseName } from "../../api/db/create-database";
import { printChecks, restoreOptions } from "./backup";
import { parseOptions } from "./options";

/**
 * rsu restore FILE [--force] [--passphrase-file FILE]: into an empty database (or, with --force, in place
 * of a non-empty one, which is kept renamed), checked like `rsu backup verify` before it takes the name.
 * Stop the API and the workers first.
 */
export async function restore(args: string[], config: AppConfig): Promise<void> {
  const { positional, options } = parseOptions(args, ["force"]);
  const file = positional[0];
  if (!file || positional.length > 1) throw new Error("usage: rsu restore FILE [--force] [--passphrase-file FILE]");
  const report = await restoreBackup(file, { ...(await restoreOptions(file, options, config)), force: options.has("force") });
  printChecks(report);
  if (!report.ok) {
    console.log(`rien n'a été changé dans ${databaseName(config.migrationDatabaseUrl)} / nothing was changed`);
    process.exitCode = 1;
    return;
  }
  console.log(`restaurée dans / restored into ${databaseName(config.migrationDatabaseUrl)}`);
  if (report.previous) console.log(`l'ancienne base est gardée sous / the previous database is kept as ${report.previous}`);
  console.log("puis / then: npx rsu migrate (si la sauvegarde précède la version installée / if the backup predates this version)");
}
