import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * One backup made (scheduled or `rsu backup`) and whether restoring it proved it (issue #16). The alarm
 * and /metrics read the latest verified one; the file itself lives in BACKUP_DIR.
 */
export const BackupRun = defineEntity({
  name: "BackupRun",
  tableName: "backup_runs",
  properties: {
    /** The manifest's id, or a fresh one for a run that failed before writing one. */
    id: p.uuid().primary(),
    file: p.text(),
    startedAt: p.datetime(),
    finishedAt: p.datetime(),
    bytes: p.bigint().$type<number>().nullable(),
    /** When a restore into a scratch database matched the manifest; null: not (yet) proven. */
    verifiedAt: p.datetime().nullable().index(),
    /** written, verified or failed. */
    outcome: p.string().$type<"written" | "verified" | "failed">().length(10),
    /** A failure's stable code (api/backup/backup-error.ts), never a message with data in it. */
    errorCode: p.string().length(60).nullable(),
    /** The dump's SHA-256, from the manifest; null for a run that failed before writing one. */
    sha256: p.string().length(64).nullable(),
    /** Who asked: the schedule, an administrator's button (manual) or `rsu backup` (cli). */
    origin: p.string().$type<"scheduled" | "manual" | "cli">().length(10).default("scheduled"),
  },
});
export type BackupRun = InferEntity<typeof BackupRun>;
