import type { MikroORM } from "@mikro-orm/postgresql";
import { type Job, Worker } from "bullmq";
import { startAuditSequencer } from "../api/audit/audit-sequencer";
import type { AppConfig } from "../api/config";
import { withoutSql } from "../api/errors";
import { errorMessage, type Logger } from "../api/log";
import { createIntegrationQueue } from "../api/queue/integration-queue";
import { producerConnection, workerConnection } from "../api/queue/redis";
import { INTEGRATION_QUEUE } from "../schemas/contracts/jobs";
import { EXPORT_QUEUE } from "../schemas/contracts/exports";
import { IMPORT_QUEUE } from "../schemas/contracts/imports";
import { sweepExpiredExports } from "../api/registry/exports/run-export";
import { startBackupWorker } from "./backup-worker";
import { checkQueueStuck, raiseAlarm } from "../api/services/incident-alarms";
import { jobs } from "./jobs";
import { relayOutbox } from "./relay";

export interface RunningWorkers {
  /** Stops taking jobs, lets the running ones finish, and closes connections. */
  close(): Promise<void>;
}

/** Starts the integration worker, the outbox relay, the audit log's sequencer and the backup worker for one process. */
export function startWorkers(config: AppConfig, orm: MikroORM, logger: Logger): RunningWorkers {
  const connection = workerConnection(config.redisUrl);
  const producer = producerConnection(config.redisUrl);
  const queue = createIntegrationQueue(producer, config.queuePrefix);
  const dispatch = { queue, logger, retryAt: () => new Date(Date.now() + config.relayGraceMs) };
  const runJob = async (job: Job) => {
    const definition = jobs[job.name];
    if (!definition) throw new Error(`unknown job ${job.name}`);
    // BullMQ keeps a failure's message in Redis: a database error's carries the SQL with its values.
    const outcome = await definition
      .handle(definition.parse(job.data), {
        em: orm.em.fork(),
        thresholds: config.matchThresholds,
        batchSize: config.integrationBatchSize,
        exports: config.exports,
        config,
        logger,
        dispatch,
        progress: (stage) => job.updateProgress({ stage }),
      })
      .catch((error: unknown) => {
        throw withoutSql(error);
      });
    // One line per job floods an operator's terminal (the demo alone integrates 3,000 households at start);
    // /metrics counts every job and failures are warnings, so success is a debug line.
    logger.debug("job_done", { job: job.name, id: job.id, outcome });
    return outcome;
  };
  const worker = new Worker(INTEGRATION_QUEUE, runJob, {
    connection,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    // A job whose worker died (kill -9, a lost machine) goes back to the queue once its lock expires; an
    // integration takes well under a second, so 10 s is ample and recovery after a crash is quick. Its
    // transaction rolled back with the dropped connection: re-running it is safe.
    lockDuration: 10_000,
    stalledInterval: 10_000,
    maxStalledCount: 3,
  });
  // Exports one at a time per process: each reads the whole registry, and two cores also integrate.
  const exportWorker = new Worker(EXPORT_QUEUE, runJob, { connection, prefix: config.queuePrefix, concurrency: 1, lockDuration: 30_000 });
  exportWorker.on("failed", (job, error) => logger.warn("job_failed", { job: job?.name, id: job?.id, error: errorMessage(error) }));
  exportWorker.on("error", (error) => logger.error("worker_error", { error: errorMessage(error) }));
  // Import runs one at a time per process; a killed worker's run is taken again once its lock expires (15 s).
  // Each batch commits on its own, so a run taken again resumes where it stopped: BullMQ's default of one
  // stall before failing would leave an import « running » for good after a second crash.
  const importWorker = new Worker(IMPORT_QUEUE, runJob, {
    connection,
    prefix: config.queuePrefix,
    concurrency: 1,
    lockDuration: 15_000,
    stalledInterval: 15_000,
    maxStalledCount: 10,
  });
  importWorker.on("failed", (job, error) => logger.warn("job_failed", { job: job?.name, id: job?.id, error: errorMessage(error) }));
  importWorker.on("error", (error) => logger.error("worker_error", { error: errorMessage(error) }));
  const sweeping = setInterval(() => {
    sweepExpiredExports(orm.em.fork(), config.exports).catch((error) => logger.warn("export_sweep_failed", { error: errorMessage(error) }));
  }, 600_000);
  worker.on("failed", (job, error) =>
    logger.warn("job_failed", { job: job?.name, id: job?.id, attempt: job?.attemptsMade, error: errorMessage(error) }),
  );
  worker.on("error", (error) => logger.error("worker_error", { error: errorMessage(error) }));

  // One relay round at a time: a slow round (PostgreSQL busy, Redis timing out) is not overlapped.
  let relaying: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    relaying ??= relayOutbox(orm.em.fork(), dispatch)
      .then((n) => n && logger.info("outbox_relayed", { count: n }))
      .catch((error) => logger.warn("outbox_relay_failed", { error: errorMessage(error) }))
      .finally(() => (relaying = null));
  }, config.relayIntervalMs);

  const sequencer = startAuditSequencer(config, logger);
  const backups = startBackupWorker(config, runJob, logger, (error) => raiseAlarm(orm.em.fork(), "backup_failed", `error=${error}`));
  // Integration stuck for too long opens an incident (issue #23); one per alarm while it stays open.
  const watching = setInterval(() => {
    checkQueueStuck(orm.em.fork(), config.queueStuckSeconds)
      .then((stuck) => stuck && logger.warn("queue_stuck", { limitSeconds: config.queueStuckSeconds }))
      .catch((error) => logger.warn("queue_watch_failed", { error: errorMessage(error) }));
  }, 60_000);

  return {
    async close() {
      clearInterval(timer);
      clearInterval(sweeping);
      clearInterval(watching);
      await relaying;
      await sequencer.close();
      await backups.close();
      await worker.close();
      await exportWorker.close();
      await importWorker.close();
      await queue.close();
      connection.disconnect();
      producer.disconnect();
    },
  };
}
