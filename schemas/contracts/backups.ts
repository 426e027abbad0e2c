/**
 * The « Sauvegardes » page (issue #16): the backups made, whether each was proven by a restore, the alarm
 * on the age of the last proven one, the schedule and retention, and the backup jobs under way.
 */

/** A backup job's stage, as its progress: write the file, restore it into a scratch database, prune old files. */
export type BackupStage = "writing" | "verifying" | "retention";

export interface BackupRunView {
  id: string;
  /** The file's name in BACKUP_DIR (never its full path: the page does not need the server's layout). */
  file: string;
  origin: "scheduled" | "manual" | "cli";
  startedAt: string;
  durationMs: number;
  bytes: number | null;
  sha256: string | null;
  outcome: "written" | "verified" | "failed";
  verifiedAt: string | null;
  errorCode: string | null;
}

export interface BackupJobView {
  id: string;
  kind: "backup" | "verify";
  state: "waiting" | "active" | "delayed";
  stage: BackupStage | null;
  /** The run being verified (verify jobs). */
  runId: string | null;
}

/** `GET /api/backups`. */
export interface BackupsView {
  runs: BackupRunView[];
  alarm: { state: "ok" | "late" | "never"; ageSeconds: number | null; maxAgeSeconds: number };
  schedule: {
    /** "HH:MM" in the server's time zone; null: not daily. */
    timeOfDay: string | null;
    everySeconds: number | null;
    keep: { daily: number; weekly: number; monthly: number };
  };
  jobs: BackupJobView[];
}

/** `POST /api/backups` and `POST /api/backups/:id/verify` answer 202 with the job queued. */
export interface BackupJobQueued {
  jobId: string;
}

/** Payload of a verify job: the run, never a path from the request. */
export interface VerifyBackupPayload {
  runId: string;
}
