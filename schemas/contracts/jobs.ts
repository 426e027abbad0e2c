/**
 * Job names and payloads shared by the API (producer, outbox relay) and the workers.
 * Jobs carry ids, never personal data (DESIGN.md rule 3).
 */
import { EXPORT_QUEUE } from "./exports";
import { IMPORT_QUEUE } from "./imports";

export const INTEGRATION_QUEUE = "integration";
/** Backups (issue #16): the scheduled repeatable job, and an administrator's « backup now » and « verify ». */
export const BACKUP_QUEUE = "backup";

/** Every queue the workers serve: the operations page and /metrics watch each one (issue #23). */
export const JOB_QUEUES: readonly string[] = [INTEGRATION_QUEUE, EXPORT_QUEUE, IMPORT_QUEUE, BACKUP_QUEUE];

export const JOB_SCHEDULED_BACKUP = "scheduled-backup";
/** No payload: the same as a scheduled backup, asked for from the « Sauvegardes » page. */
export const JOB_BACKUP_NOW = "backup-now";
/** Payload: VerifyBackupPayload (schemas/contracts/backups.ts). */
export const JOB_VERIFY_BACKUP = "verify-backup";

export const JOB_INTEGRATE_SUBMISSION = "integrate-submission";

export interface IntegrateSubmissionPayload {
  submissionId: string;
  /**
   * The other submissions of the API's group commit (issue #22): one job for the batch rather than one each,
   * named by `submissionId`, the first of the batch's ids in order. Absent for a job of one submission.
   */
  others?: string[];
}

/** Submissions one integration job may name (a group commit's batch is at most 500 rows). */
export const MAX_JOB_SUBMISSIONS = 500;
