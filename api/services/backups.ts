import { basename } from "node:path";
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Queue } from "bullmq";
import type { BackupJobView, BackupRunView, BackupStage, BackupsView } from "../../schemas/contracts/backups";
import { JOB_BACKUP_NOW, JOB_VERIFY_BACKUP } from "../../schemas/contracts/jobs";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { BackupConfig } from "../config";
import { queryRows } from "../db/plain-sql";
import { problems } from "../problems";
import { backupAlarm, secondsSinceLastGoodBackup } from "./backup-age";

/** How many of the latest runs the page lists. */
const RUNS_SHOWN = 30;

interface RunRow {
  id: string;
  file: string;
  origin: BackupRunView["origin"];
  started_at: Date | string;
  finished_at: Date | string;
  bytes: number | null;
  sha256: string | null;
  outcome: BackupRunView["outcome"];
  verified_at: Date | string | null;
  error_code: string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The « Sauvegardes » page (issue #16): runs, alarm, schedule and retention, jobs under way. */
export async function readBackups(em: EntityManager, backup: BackupConfig, queue: Queue): Promise<BackupsView> {
  const rows = await queryRows<RunRow>(
    em,
    `select id, file, origin, started_at, finished_at, bytes::float8 as bytes, sha256, outcome, verified_at, error_code
     from backup_runs order by started_at desc limit ${RUNS_SHOWN}`,
    [],
  );
  const time = backup.timeOfDay;
  return {
    runs: rows.map((r) => ({
      id: r.id,
      file: basename(r.file),
      origin: r.origin,
      startedAt: iso(r.started_at),
      durationMs: new Date(r.finished_at).getTime() - new Date(r.started_at).getTime(),
      bytes: r.bytes,
      sha256: r.sha256,
      outcome: r.outcome,
      verifiedAt: r.verified_at ? iso(r.verified_at) : null,
      errorCode: r.error_code,
    })),
    alarm: {
      state: await backupAlarm(em, backup.maxAgeMs),
      ageSeconds: await secondsSinceLastGoodBackup(em),
      maxAgeSeconds: backup.maxAgeMs / 1000,
    },
    schedule: {
      timeOfDay: time ? `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}` : null,
      everySeconds: backup.everyMs === null ? null : backup.everyMs / 1000,
      keep: { ...backup.keep },
    },
    jobs: await backupJobs(queue),
  };
}

/** The backup queue's jobs still to finish, with the stage each has reached. */
async function backupJobs(queue: Queue): Promise<BackupJobView[]> {
  const jobs = await queue.getJobs(["active", "waiting", "delayed", "prioritized"]);
  return Promise.all(
    jobs.map(async (job) => ({
      id: job.id!,
      kind: job.name === JOB_VERIFY_BACKUP ? ("verify" as const) : ("backup" as const),
      state: (await job.getState()) === "active" ? ("active" as const) : job.delay ? ("delayed" as const) : ("waiting" as const),
      stage: (job.progress as { stage?: BackupStage } | undefined)?.stage ?? null,
      runId: typeof job.data?.runId === "string" ? job.data.runId : null,
    })),
  );
}

const JOB_OPTIONS = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { age: 30 * 24 * 3600 } };

/** « Sauvegarder maintenant »: a backup job like the schedule's, audited; the page follows it. */
export async function startBackup(em: EntityManager, actor: AuditActor, queue: Queue): Promise<{ jobId: string }> {
  const jobId = `backup-now-${randomUUID()}`;
  await queue.add(JOB_BACKUP_NOW, {}, { ...JOB_OPTIONS, jobId });
  await em.transactional((tx) => recordAudit(tx, actor, { action: "backup.start", entityType: "backup_job", entityId: jobId }));
  return { jobId };
}

/** « Vérifier »: restores a recorded backup into a scratch database again, audited. */
export async function startVerification(em: EntityManager, actor: AuditActor, queue: Queue, runId: string): Promise<{ jobId: string }> {
  const [run] = await queryRows<{ id: string }>(em, `select id from backup_runs where id = ?`, [runId]);
  if (!run) throw problems.backupRunNotFound();
  const jobId = `verify-backup-${randomUUID()}`;
  await queue.add(JOB_VERIFY_BACKUP, { runId }, { ...JOB_OPTIONS, jobId });
  await em.transactional((tx) =>
    recordAudit(tx, actor, { action: "backup.verify", entityType: "backup_run", entityId: runId, details: { jobId } }),
  );
  return { jobId };
}
