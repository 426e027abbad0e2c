import { join, resolve } from "node:path";
import { openBackup } from "../../api/backup/backup-file";
import type { BackupManifest } from "../../api/backup/backup-manifest";
import { type BackupRunRecord, saveBackupRun } from "../../api/backup/backup-runs";
import { backupFileName } from "../../api/backup/backup-names";
import type { VerifyReport } from "../../api/backup/restore-backup";
import { verifyBackup } from "../../api/backup/restore-backup";
import { writeBackup } from "../../api/backup/write-backup";
import type { AppConfig } from "../../api/config";
import { databaseName } from "../../api/db/create-database";
import { openDatabase } from "../../api/db/database";
import { raiseAlarm } from "../../api/services/incident-alarms";
import { backupPassphrase } from "./backup-passphrase";
import { parseOptions } from "./options";

/**
 * rsu backup [--out FILE] [--encrypt] [--passphrase-file FILE]: one file, dump and manifest (issue #16).
 * rsu backup verify FILE [--passphrase-file FILE]: restores it into a scratch database and compares.
 */
export async function backup(args: string[], config: AppConfig): Promise<void> {
  try {
    await backupOrVerify(args, config);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith("usage:")))
      await backupAlarm(config, `error=${(error as { code?: string }).code ?? (error instanceof Error ? error.name : "unknown")}`);
    throw error;
  }
}

/** A failed backup or verification opens an incident (issue #23); if the database cannot take it, it says so. */
async function backupAlarm(config: AppConfig, detail: string): Promise<void> {
  try {
    const orm = await openDatabase(config.databaseUrl);
    try {
      const { opened } = await raiseAlarm(orm.em.fork(), "backup_failed", detail);
      console.error(
        opened
          ? "incident opened / incident ouvert"
          : "an incident of this alarm is already open / un incident de cette alarme est déjà ouvert",
      );
    } finally {
      await orm.close();
    }
  } catch {
    console.error("the incident could not be recorded (database unreachable) / l'incident n'a pas pu être enregistré (base injoignable)");
  }
}

async function backupOrVerify(args: string[], config: AppConfig): Promise<void> {
  const { positional, options } = parseOptions(args, ["encrypt"]);
  if (positional[0] === "verify") {
    const file = positional[1];
    if (!file) throw new Error("usage: rsu backup verify FILE");
    const report = await verifyBackup(file, await restoreOptions(file, options, config));
    printChecks(report);
    await recordRun(
      config,
      file,
      report.backup.manifest,
      report.ok ? { outcome: "verified", verifiedAt: new Date() } : { outcome: "failed" },
    );
    if (!report.ok) {
      const failed = report.checks.filter((c) => !c.ok).map((c) => c.check);
      await backupAlarm(config, `verification_failed=${failed.join(",")}`);
      process.exitCode = 1;
    }
    return;
  }
  if (positional.length) throw new Error("usage: rsu backup [--out FILE] [--encrypt] [--passphrase-file FILE] | rsu backup verify FILE");
  const file = options.get("out")?.[0] ?? join(config.backup.dir, backupFileName(databaseName(config.migrationDatabaseUrl), new Date()));
  const passphrase = options.has("encrypt") ? await backupPassphrase(options, config.backup.passphraseFile) : null;
  const manifest = await writeBackup({ databaseUrl: config.migrationDatabaseUrl, file, passphrase });
  await recordRun(config, file, manifest, { outcome: "written" });
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  console.log(`sauvegarde écrite / backup written: ${file}`);
  console.log(
    `  ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.migrations.length} migrations, audit head seq=${manifest.auditHead?.seq ?? "none"}`,
  );
  console.log(
    `  sha256=${manifest.dump.sha256} ${manifest.dump.bytes} bytes, ${manifest.durationMs} ms${manifest.encrypted ? ", chiffrée / encrypted" : ""}`,
  );
}

/**
 * A backup made or verified from the command line is recorded like a scheduled one (issue #16): the
 * « Sauvegardes » page lists it, and once verified it counts for the alarm and /metrics.
 */
async function recordRun(
  config: AppConfig,
  file: string,
  manifest: BackupManifest,
  result: Pick<BackupRunRecord, "outcome"> & { verifiedAt?: Date },
): Promise<void> {
  await saveBackupRun(config.databaseUrl, {
    id: manifest.id,
    file: resolve(file),
    startedAt: new Date(manifest.startedAt),
    finishedAt: new Date(manifest.finishedAt),
    bytes: manifest.dump.bytes,
    sha256: manifest.dump.sha256,
    origin: "cli",
    verifiedAt: result.verifiedAt ?? null,
    outcome: result.outcome,
    errorCode: result.outcome === "failed" ? "verify_mismatch" : null,
  });
}

/** What restoring a file needs: the owner's connection, the audit key and anchors, the passphrase if any. */
export async function restoreOptions(file: string, options: Map<string, string[]>, config: AppConfig) {
  const encrypted = (await openBackup(file)).header.encryption !== null;
  return {
    databaseUrl: config.migrationDatabaseUrl,
    passphrase: encrypted ? await backupPassphrase(options, config.backup.passphraseFile) : null,
    audit: config.audit,
  };
}

export function printChecks(report: VerifyReport): void {
  const { manifest } = report.backup;
  console.log(
    `sauvegarde / backup ${report.backup.file}: ${manifest.startedAt}, rsu ${manifest.application.version}, ${manifest.database.name}`,
  );
  for (const c of report.checks) console.log(`  ${c.ok ? "ok    " : "ÉCHEC / FAILED"} ${c.check}: ${c.detail}`);
  console.log(
    report.ok
      ? "sauvegarde vérifiée : elle se restaure à l'identique / backup verified: it restores identically"
      : "sauvegarde NON conforme / backup does NOT match its manifest",
  );
}
