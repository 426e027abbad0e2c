import type { EntityManager } from "@mikro-orm/postgresql";
import { UnrecoverableError } from "bullmq";
import { runScheduledBackup } from "../api/backup/scheduled-backup";
import { verifyRecordedBackup } from "../api/backup/verify-recorded-backup";
import type { BackupStage, VerifyBackupPayload } from "../schemas/contracts/backups";
import type { AppConfig } from "../api/config";
import type { Logger } from "../api/log";
import {
  JOB_BACKUP_NOW,
  JOB_INTEGRATE_SUBMISSION,
  JOB_SCHEDULED_BACKUP,
  JOB_VERIFY_BACKUP,
  MAX_JOB_SUBMISSIONS,
  type IntegrateSubmissionPayload,
} from "../schemas/contracts/jobs";
import type { MatchThresholds } from "../api/registry/matching/match-person";
import { integrateJob } from "../api/registry/integration/integrate-job";
import { runRegistryExport, type ExportStore } from "../api/registry/exports/run-export";
import { JOB_EXPORT_REGISTRY, type ExportRegistryPayload } from "../schemas/contracts/exports";
import { JOB_RUN_IMPORT, type RunImportPayload } from "../schemas/contracts/imports";
import { runImportJob } from "../api/imports/run-import";
import type { Dispatch } from "../api/services/dispatch-submission";

export interface JobContext {
  /** A fresh EntityManager fork for this job. */
  em: EntityManager;
  /** Person matching thresholds (api/config.ts). */
  thresholds: MatchThresholds;
  /** Submissions one integration may take at once (api/config.ts). */
  batchSize: number;
  /** Where export files go and how long they stay (api/config.ts). */
  exports: ExportStore;
  config: AppConfig;
  logger: Logger;
  /** Hands committed submissions to the integration queue (an import's run writes them). */
  dispatch: Dispatch;
  /** Records the job's progress in its queue, where the page that started it reads it. */
  progress(stage: BackupStage): Promise<unknown>;
}

interface JobDefinition<P> {
  parse(data: unknown): P;
  handle(payload: P, ctx: JobContext): Promise<unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every job the workers run: its name, how its payload is checked, and what handles it. */
export const jobs: Record<string, JobDefinition<any>> = {
  [JOB_INTEGRATE_SUBMISSION]: {
    parse(data: unknown): IntegrateSubmissionPayload {
      const { submissionId, others } = (data ?? {}) as { submissionId?: unknown; others?: unknown };
      // A payload that can never succeed must not be retried.
      if (typeof submissionId !== "string" || !UUID.test(submissionId)) throw new UnrecoverableError("payload without a submission id");
      if (others === undefined) return { submissionId };
      if (!Array.isArray(others) || others.length > MAX_JOB_SUBMISSIONS || !others.every((id) => typeof id === "string" && UUID.test(id))) {
        throw new UnrecoverableError("payload whose other submissions are not ids");
      }
      return { submissionId, others: others as string[] };
    },
    handle: (payload: IntegrateSubmissionPayload, { em, thresholds, batchSize, dispatch, logger }) =>
      integrateJob(em, payload, thresholds, batchSize, { dispatch, logger }),
  } satisfies JobDefinition<IntegrateSubmissionPayload>,
  [JOB_EXPORT_REGISTRY]: {
    parse(data: unknown): ExportRegistryPayload {
      const exportId = (data as { exportId?: unknown } | null)?.exportId;
      if (typeof exportId !== "string" || !UUID.test(exportId)) throw new UnrecoverableError("payload without an export id");
      return { exportId };
    },
    handle: (payload: ExportRegistryPayload, { em, exports }) => runRegistryExport(em, payload, exports),
  } satisfies JobDefinition<ExportRegistryPayload>,
  // Issue #19: a checked import's households written as submissions, a batch per transaction.
  [JOB_RUN_IMPORT]: {
    parse(data: unknown): RunImportPayload {
      const importId = (data as { importId?: unknown } | null)?.importId;
      if (typeof importId !== "string" || !UUID.test(importId)) throw new UnrecoverableError("payload without an import id");
      return { importId };
    },
    handle: (payload: RunImportPayload, { em, dispatch }) => runImportJob(em, payload.importId, dispatch),
  } satisfies JobDefinition<RunImportPayload>,
  // Issue #16: a backup, proven by a restore into a scratch database, then the retention policy.
  [JOB_SCHEDULED_BACKUP]: {
    parse: () => ({}),
    handle: (_payload: object, { config, logger, progress }) => runScheduledBackup(config, logger, { progress }),
  } satisfies JobDefinition<object>,
  // An administrator's « Sauvegarder maintenant »: the same, counted for the alarm like a scheduled one.
  [JOB_BACKUP_NOW]: {
    parse: () => ({}),
    handle: (_payload: object, { config, logger, progress }) => runScheduledBackup(config, logger, { origin: "manual", progress }),
  } satisfies JobDefinition<object>,
  [JOB_VERIFY_BACKUP]: {
    parse(data: unknown): VerifyBackupPayload {
      const runId = (data as { runId?: unknown } | null)?.runId;
      if (typeof runId !== "string" || !UUID.test(runId)) throw new UnrecoverableError("payload without a backup run id");
      return { runId };
    },
    handle: (payload: VerifyBackupPayload, { config, logger, progress }) => verifyRecordedBackup(config, logger, payload.runId, progress),
  } satisfies JobDefinition<VerifyBackupPayload>,
};
