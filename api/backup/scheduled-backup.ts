import { randomUUID } from "node:crypto";
import { readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { UnrecoverableError } from "bullmq";
import type { BackupStage } from "../../schemas/contracts/backups";
import type { AppConfig } from "../config";
import { databaseName } from "../db/create-database";
import type { Logger } from "../log";
import { BackupError } from "./backup-error";
import { backupFileName } from "./backup-names";
import { type BackupRunRecord, saveBackupRun } from "./backup-runs";
import { verifyBackup } from "./restore-backup";
import { applyRetention } from "./retention";
import { writeBackup } from "./write-backup";

export interface ScheduledBackupOutcome {
  id: string;
  outcome: "verified";
}

export interface BackupJobOptions {
  /** The schedule's tick, or an administrator's « Sauvegarder maintenant ». */
  origin?: "scheduled" | "manual";
  /** Tells the job's progress (the page shows the stage). */
  progress?: (stage: BackupStage) => Promise<unknown>;
}

/**
 * A backup job (issue #16): write one into BACKUP_DIR, prove it by restoring it into a scratch database,
 * record the run, then apply the retention policy. A backup that fails its proof is renamed `.failed`
 * (kept for diagnosis, never counted by retention or the alarm). Logs carry ids and codes only.
 */
export async function runScheduledBackup(
  config: AppConfig,
  logger: Logger,
  { origin = "scheduled", progress = async () => {} }: BackupJobOptions = {},
): Promise<ScheduledBackupOutcome> {
  const { backup } = config;
  const startedAt = new Date();
  const file = join(backup.dir, backupFileName(databaseName(config.migrationDatabaseUrl), startedAt));
  const run: BackupRunRecord = {
    id: randomUUID(),
    file,
    startedAt,
    finishedAt: startedAt,
    bytes: null,
    outcome: "failed",
    verifiedAt: null,
    errorCode: null,
    sha256: null,
    origin,
  };
  try {
    const passphrase = backup.passphraseFile ? await readPassphrase(backup.passphraseFile) : null;
    await progress("writing");
    const manifest = await writeBackup({ databaseUrl: config.migrationDatabaseUrl, file, passphrase });
    Object.assign(run, {
      id: manifest.id,
      bytes: manifest.dump.bytes,
      sha256: manifest.dump.sha256,
      finishedAt: new Date(manifest.finishedAt),
    });
    await progress("verifying");
    const report = await verifyBackup(file, { databaseUrl: config.migrationDatabaseUrl, passphrase, audit: config.audit });
    if (!report.ok) {
      await rename(file, `${file}.failed`);
      throw mismatch(report.checks);
    }
    Object.assign(run, { outcome: "verified", verifiedAt: new Date() });
  } catch (error) {
    run.errorCode = error instanceof BackupError ? error.code : "backup_error";
  }
  await saveBackupRun(config.databaseUrl, run);
  if (run.errorCode) {
    logger.error("backup_failed", { id: run.id, code: run.errorCode });
    // The job fails too, so that the failed-jobs page shows it; its message is the code, nothing more.
    throw new UnrecoverableError(`backup ${run.id} failed: ${run.errorCode}`);
  }
  await progress("retention");
  const retention = await applyRetention(backup.dir, backup.keep);
  logger.info("backup_verified", {
    id: run.id,
    bytes: run.bytes,
    ms: run.finishedAt.getTime() - startedAt.getTime(),
    kept: retention.kept,
    deleted: retention.deleted.length,
  });
  return { id: run.id, outcome: "verified" };
}

/** The failed checks of a verification, as the error a run records (their names, never a value). */
export function mismatch(checks: { check: string; ok: boolean }[]): BackupError {
  const failed = checks.filter((c) => !c.ok).map((c) => c.check);
  return new BackupError(
    "verify_mismatch",
    `sauvegarde non conforme : ${failed.join(", ")}`,
    `backup does not match: ${failed.join(", ")}`,
  );
}

export async function readPassphrase(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).replace(/\r?\n$/, "");
  } catch {
    throw new BackupError(
      "passphrase_file_unreadable",
      "BACKUP_PASSPHRASE_FILE ne peut être lu : aucune sauvegarde faite",
      "BACKUP_PASSPHRASE_FILE cannot be read: no backup made",
    );
  }
}
