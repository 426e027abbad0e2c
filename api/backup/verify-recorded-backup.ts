import { UnrecoverableError } from "bullmq";
import type { BackupStage } from "../../schemas/contracts/backups";
import type { AppConfig } from "../config";
import { connectAsApp } from "../db/app-role";
import type { Logger } from "../log";
import { BackupError } from "./backup-error";
import { openBackup } from "./backup-file";
import { type BackupRunRecord, saveBackupRun } from "./backup-runs";
import { verifyBackup } from "./restore-backup";
import { mismatch, readPassphrase } from "./scheduled-backup";

/**
 * An administrator's « Vérifier » (issue #16): restores a recorded backup into a scratch database again and
 * records what that proved. A backup that no longer restores stops counting for the alarm, and the job
 * fails so that the backup worker opens a « backup failed » incident.
 */
export async function verifyRecordedBackup(
  config: AppConfig,
  logger: Logger,
  runId: string,
  progress: (stage: BackupStage) => Promise<unknown> = async () => {},
): Promise<{ id: string; outcome: "verified" }> {
  const run = await readRun(config.databaseUrl, runId);
  if (!run) throw new UnrecoverableError(`backup run ${runId} not found`);
  await progress("verifying");
  try {
    const encrypted = (await openBackup(run.file)).header.encryption !== null;
    if (encrypted && !config.backup.passphraseFile)
      throw new BackupError(
        "passphrase_missing",
        "sauvegarde chiffrée sans BACKUP_PASSPHRASE_FILE",
        "encrypted backup without BACKUP_PASSPHRASE_FILE",
      );
    const passphrase = encrypted ? await readPassphrase(config.backup.passphraseFile!) : null;
    const report = await verifyBackup(run.file, { databaseUrl: config.migrationDatabaseUrl, passphrase, audit: config.audit });
    if (!report.ok) throw mismatch(report.checks);
    Object.assign(run, { outcome: "verified", verifiedAt: new Date(), errorCode: null });
  } catch (error) {
    Object.assign(run, { outcome: "failed", verifiedAt: null, errorCode: failureCode(error) });
  }
  await saveBackupRun(config.databaseUrl, run);
  if (run.errorCode) {
    logger.error("backup_verify_failed", { id: run.id, code: run.errorCode });
    throw new UnrecoverableError(`backup ${run.id} verification failed: ${run.errorCode}`);
  }
  logger.info("backup_verified", { id: run.id });
  return { id: run.id, outcome: "verified" };
}

/** Why a verification failed, as the page names it: a file the retention policy deleted is not a broken backup. */
function failureCode(error: unknown): string {
  if (error instanceof BackupError) return error.code;
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return "backup_file_missing";
  return "backup_error";
}

async function readRun(databaseUrl: string, id: string): Promise<BackupRunRecord | null> {
  const sql = await connectAsApp(databaseUrl);
  try {
    const { rows } = await sql.query(
      `select id, file, started_at as "startedAt", finished_at as "finishedAt", bytes::float8 as bytes, outcome,
        verified_at as "verifiedAt", error_code as "errorCode", sha256, origin from backup_runs where id = $1`,
      [id],
    );
    return (rows[0] as BackupRunRecord | undefined) ?? null;
  } finally {
    await sql.end();
  }
}
