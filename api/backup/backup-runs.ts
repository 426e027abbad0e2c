import type { Sql } from "../db/app-role";

export interface BackupRunRecord {
  id: string;
  file: string;
  startedAt: Date;
  finishedAt: Date;
  bytes: number | null;
  outcome: "written" | "verified" | "failed";
  verifiedAt: Date | null;
  errorCode: string | null;
}

/** Records a run, or what a later verification proved of it (same id: the manifest's). */
export async function recordBackupRun(sql: Sql, run: BackupRunRecord): Promise<void> {
  await sql.query(
    `insert into backup_runs (id, file, started_at, finished_at, bytes, outcome, verified_at, error_code)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (id) do update set outcome = excluded.outcome, verified_at = excluded.verified_at, error_code = excluded.error_code`,
    [run.id, run.file, run.startedAt, run.finishedAt, run.bytes, run.outcome, run.verifiedAt, run.errorCode],
  );
}
