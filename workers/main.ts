/**
 * Entry point of a workers-only process (`npm run workers`): run as many as needed, on as many machines as
 * needed, against the same PostgreSQL and Redis. Stops cleanly on SIGTERM: running jobs finish first.
 *
 * Started with V8's old space capped at 256 MiB (package.json, docs/deploy/rsu-workers.service): why in scripts/start.ts.
 */
import { openDatabase } from "../api/db/database";
import { createLogger } from "../api/log";
import { closeOnSignal, configOrExit } from "../api/process";
import { startWorkers } from "./start-workers";

const config = configOrExit("rsu workers");
const logger = createLogger(config.logLevel, "workers");
const orm = await openDatabase(config.databaseUrl);
const workers = startWorkers(config, orm, logger);
logger.info("workers_started", { concurrency: config.workerConcurrency });
closeOnSignal(
  (signal) => logger.info("stopping", { signal }),
  async () => {
    await workers.close();
    await orm.close();
  },
);
