import { type Job, Queue, Worker } from "bullmq";
import type { AppConfig } from "../api/config";
import { errorMessage, type Logger } from "../api/log";
import { scheduleBackups } from "../api/queue/backup-queue";
import { workerConnection } from "../api/queue/redis";
import { BACKUP_QUEUE } from "../schemas/contracts/jobs";

/**
 * The scheduled backups of one workers process (issue #16): it makes the repeatable job match the
 * configuration, then takes backup jobs one at a time. Several processes may run this; BullMQ gives each
 * tick's job to one of them.
 */
export function startBackupWorker(
  config: AppConfig,
  processJob: (job: Job) => Promise<unknown>,
  logger: Logger,
  /** A backup that failed for good (issue #23 opens an incident); `error` is the failure's name or code. */
  onFailedForGood: (error: string) => Promise<unknown>,
): { close(): Promise<void> } {
  const connection = workerConnection(config.redisUrl);
  const queue = new Queue(BACKUP_QUEUE, { connection, prefix: config.queuePrefix });
  queue.on("error", () => {});
  const scheduled = scheduleBackups(queue, config.backup).catch((error) =>
    logger.error("backup_schedule_failed", { error: errorMessage(error) }),
  );
  const blocking = workerConnection(config.redisUrl);
  const worker = new Worker(BACKUP_QUEUE, processJob, {
    connection: blocking,
    prefix: config.queuePrefix,
    concurrency: 1,
    // pg_dump and a verifying restore run minutes on a large registry: the lock is renewed while they run.
    lockDuration: 60_000,
  });
  worker.on("error", (error) => logger.error("worker_error", { error: errorMessage(error) }));
  worker.on("failed", (job, error) => {
    if (job && job.attemptsMade < (job.opts.attempts ?? 1) && error.name !== "UnrecoverableError") return;
    onFailedForGood((error as { code?: string }).code ?? error.name).catch((alarm) =>
      logger.error("backup_alarm_failed", { error: errorMessage(alarm) }),
    );
  });
  return {
    async close() {
      await scheduled;
      await worker.close();
      await queue.close();
      connection.disconnect();
      blocking.disconnect();
    },
  };
}
