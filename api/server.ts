/**
 * Entry point of the application process: the API and, unless `--no-workers`, the workers in the same
 * process. `--demo` seeds the demo data (idempotent). Migrations are applied at every start.
 *   tsx api/server.ts [--demo] [--no-workers]
 */
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { seedDemo } from "./db/seeders/seed-demo";
import { DEMO_ACCOUNTS } from "./db/seeders/demo-accounts";
import { createLogger } from "./log";
import { startApi } from "./runtime";
import { startWorkers } from "../workers/start-workers";

const args = new Set(process.argv.slice(2));
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`rsu: configuration error: ${error.message}`);
  process.exit(1);
}
const logger = createLogger(config.logLevel, "api");
const orm = await openDatabase(config.databaseUrl, { migrate: true });
if (args.has("--demo")) await seedDemo(orm.em.fork());

const distRoot = fileURLToPath(new URL("../dist", import.meta.url));
const api = await startApi(config, orm, logger, existsSync(distRoot) ? distRoot : null);
const workers = args.has("--no-workers") ? null : startWorkers(config, orm, logger);

const base = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${api.port}`;
console.log(`
rsu is running / rsu est démarré
  Saisie (runtime)      ${base}/runtime/
  Registre (designer)   ${base}/designer/
  API                   ${base}/api/forms   ·   ${base}/readyz
  Workers               ${workers ? "in this process / dans ce processus" : "not started here (npm run workers)"}`);
if (args.has("--demo")) {
  console.log("  Demo accounts / comptes de démonstration:");
  for (const a of DEMO_ACCOUNTS) console.log(`    ${a.roles[0]!.padEnd(10)} ${a.username.padEnd(12)} ${a.password}`);
}
if (!config.surveyJsLicenseKey) console.log("  SURVEYJS_LICENSE_KEY is not set: the mask designer will show SurveyJS's licence banner.");

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  await api.close();
  await workers?.close();
  await orm.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
