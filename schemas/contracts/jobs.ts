/**
 * Job names and payloads shared by the API (producer, outbox relay) and the workers.
 * Jobs carry ids, never personal data (DESIGN.md rule 3).
 */
import { EXPORT_QUEUE } from "./exports";
import { IMPORT_QUEUE } from "./imports";

export const INTEGRATION_QUEUE = "integration";
/** Scheduled backups (issue #16): one repeatable job, with no payload. */
export const BACKUP_QUEUE = "backup";

/** Every queue the workers serve: the operations page and /metrics watch each one (issue #23). */
export const JOB_QUEUES: readonly string[] = [INTEGRATION_QUEUE, EXPORT_QUEUE, IMPORT_QUEUE, BACKUP_QUEUE];

export const JOB_SCHEDULED_BACKUP = "scheduled-backup";

export const JOB_INTEGRATE_SUBMISSION = "integrate-submission";

export interface IntegrateSubmissionPayload {
  submissionId: string;
}
