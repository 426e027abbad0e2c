import { connectAsApp, type Sql } from "../db/app-role";

export type BackupOrigin = "scheduled" | "manual" | "cli";

export interface BackupRunRecord {
  id: string;
  file: string;
  startedAt: Date;
  finishedAt: Date;
  bytes: number | null;
  outcome: "written" | "verified" | "failed";
  verifiedAt: Date | null;
  errorCode: string | null;
  sha256: string | null;
  origin: BackupOrigin;
}

/**
 * Records a run, or what a later verification proved of it (same id: the manifest's). A verification
 * changes the run only for the file it was recorded with: a copy that fails (tampered, truncated) does not
 * condemn the original.
 */
export async function recordBackupRun(sql: Sql, run: BackupRunRecord): Promise<void> {
  await sql.query(
    `insert into backup_runs (id, file, started_at, finished_at, bytes, outcome, verified_at, error_code, sha256, origin)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (id) do update set outcome = excluded.outcome, verified_at = excluded.verified_at, error_code = excluded.error_code
     where backup_runs.file = excluded.file`,
    [run.id, run.file, run.startedAt, run.finishedAt, run.bytes, run.outcome, run.verifiedAt, run.errorCode, run.sha256, run.origin],
  );
}

/** The same, on a connection of its own as the application role (a job or the CLI, outside any request). */
export async function saveBackupRun(databaseUrl: string, run: BackupRunRecord): Promise<void> {
  const sql = await connectAsApp(databaseUrl);
  try {
    await recordBackupRun(sql, run);
  } finally {
    await sql.end();
  }
}
