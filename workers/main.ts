/**
 * Entry point of a workers-only process (`npm run workers`): run as many as needed, on as many machines as
 * needed, against the same PostgreSQL and Redis. Stops cleanly on SIGTERM: running jobs finish first.
 */
import { ConfigError, loadConfig } from "../api/config";
import { openDatabase } from "../api/db/database";
import { createLogger } from "../api/log";
import { startWorkers } from "./start-workers";

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`rsu workers: configuration error: ${error.message}`);
  process.exit(1);
}
const logger = createLogger(config.logLevel, "workers");
const orm = await openDatabase(config.databaseUrl);
const workers = startWorkers(config, orm, logger);
logger.info("workers_started", { concurrency: config.workerConcurrency });

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  await workers.close();
  await orm.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
