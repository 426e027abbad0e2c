import { join } from "node:path";
import { backupFileName } from "../../api/backup/backup-names";
import { verifyBackup } from "../../api/backup/restore-backup";
import { writeBackup } from "../../api/backup/write-backup";
import type { AppConfig } from "../../api/config";
import { databaseName } from "../../api/db/create-database";
import { migrateDatabase, openDatabaseAsOwner } from "../../api/db/database";
import { printChecks } from "./backup";
import { backupPassphrase } from "./backup-passphrase";
import { parseOptions } from "./options";

/**
 * rsu upgrade [--out FILE] [--encrypt] [--passphrase-file FILE] (issue #16): after installing a new
 * version, takes a backup, proves it by a restore, then applies the pending migrations, and says how to go
 * back. Nothing is migrated unless the backup restored identically. Stop the API and the workers first.
 */
export async function upgrade(args: string[], config: AppConfig): Promise<void> {
  const { options } = parseOptions(args, ["encrypt"]);
  const owner = await openDatabaseAsOwner(config.migrationDatabaseUrl);
  const pending = await owner
    .getMigrator()
    .getPendingMigrations()
    .finally(() => owner.close());
  if (!pending.length) {
    console.log("base à jour, rien à migrer / database is up to date, nothing to migrate");
    return;
  }
  console.log(`${pending.length} migration(s) à appliquer / to apply: ${pending.map((m) => m.name).join(", ")}`);
  const file = options.get("out")?.[0] ?? join(config.backup.dir, backupFileName(databaseName(config.migrationDatabaseUrl), new Date()));
  const passphrase = options.has("encrypt") ? await backupPassphrase(options, config.backup.passphraseFile) : null;
  await writeBackup({ databaseUrl: config.migrationDatabaseUrl, file, passphrase });
  const report = await verifyBackup(file, { databaseUrl: config.migrationDatabaseUrl, passphrase, audit: config.audit });
  printChecks(report);
  if (!report.ok) {
    console.log(
      "mise à jour arrêtée : la sauvegarde n'est pas prouvée, rien n'a été migré / upgrade stopped: the backup is not proven, nothing was migrated",
    );
    process.exitCode = 1;
    return;
  }
  const applied = await migrateDatabase(config.migrationDatabaseUrl);
  console.log(`appliquées / applied: ${applied.join(", ")}`);
  console.log(`sauvegarde d'avant la mise à jour / backup taken before the upgrade: ${file}`);
  console.log("pour revenir en arrière / to roll back:");
  console.log("  1. arrêtez l'API et les workers / stop the API and the workers");
  console.log("  2. réinstallez la version précédente / reinstall the previous version (git checkout <previous tag> && npm ci)");
  console.log(
    `  3. npx rsu restore ${file} --force${passphrase ? " --passphrase-file FILE" : ""}   (la base migrée est gardée, renommée / the migrated database is kept, renamed)`,
  );
}
