/**
 * Ingest benchmark (issue #22): POST /api/submissions with the API alone (no workers) on its own database,
 * against a bare Hono route answering 202 and the raw PostgreSQL ceiling for the same rows, in one run, so
 * that ratios compare like with like on a busy machine (absolute figures do not).
 *
 *   npm run bench:ingest                     # everything, 30 s per load (about 15 minutes)
 *   npx tsx bench/ingest.ts --duration 10    # a quick look
 *   npx tsx bench/ingest.ts --throughput 0   # only the API with the workers (keeping pace)
 *   npx tsx bench/ingest.ts --profile 1      # also a CPU profile of the API under 100 connections
 *   RSU_BENCH_BASELINE=/work/old npm run bench:ingest   # also the API of another checkout, in the same run
 *
 * In one run (`--throughput 1`): the API with one transaction per submission (SUBMISSION_BATCH_SIZE=1,
 * "before") and with group commit (the defaults), at 100 then 10 connections, each right after a load of
 * the bare route; two API processes on the same database sharing the connections; every id answered 2xx
 * must be stored exactly once; then the raw PostgreSQL ceiling. Each API load records the CPU per request of
 * the API, the PostgreSQL backends, Redis and the load generator, the rows per commit and the API's event
 * loop delay. With RSU_BENCH_BASELINE (another checkout, its dependencies installed), the API of that
 * checkout is loaded too, right before this one's group commit: before and after a change in one run. Then (`--pace 1`) the API with the workers
 * integrating: the rate at which both keep pace (bench/ingest/keeping-pace.ts). Each server runs in its
 * own child process (this one only generates load). Results: bench/results/ingest-<date>.json.
 * Its own database (rsu_bench_ingest on DATABASE_URL's server), dropped at the end unless --keep.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { Queue } from "bullmq";
import { Hono } from "hono";
import { systemActor } from "../api/auth/actor";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { createLogger } from "../api/log";
import { workerConnection } from "../api/queue/redis";
import { startApi } from "../api/runtime";
import { createApiToken } from "../api/services/api-tokens";
import { EXPORT_QUEUE } from "../schemas/contracts/exports";
import { IMPORT_QUEUE } from "../schemas/contracts/imports";
import { BACKUP_QUEUE, INTEGRATION_QUEUE } from "../schemas/contracts/jobs";
import { startWorkers } from "../workers/start-workers";
import { type Child, child, type EventLoopDelay, type Role } from "./ingest/children";
import { checkStored, rowsPerCommit } from "./ingest/database";
import { keepingPace } from "./ingest/keeping-pace";
import { type Load, load, round } from "./ingest/load";
import { rawPostgres } from "./ingest/raw-postgres";
import { type CpuPerRequest, cpuPerRequest, cpuSnapshot } from "./ingest/process-cpu";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const args = parseArgs(process.argv.slice(2), {
  duration: 30,
  keep: 0,
  batch: 20,
  throughput: 1,
  pace: 1,
  profile: 0,
  backlog: 600,
  step: 30,
});
const role = process.env.RSU_BENCH_ROLE ?? "load";
// Set once, here; a child takes the environment it is given as is. (Until 2026-12-07 each child set its own
// QUEUE_PREFIX from its pid, so the API and the workers used different queues and only the outbox relay,
// 30 s later, handed the workers their jobs: integration seemed to stop while the API was loaded.)
const env = role === "load" ? benchEnvironment() : process.env;
const CONNECTIONS = [100, 10];
/** "Before": one transaction per submission, as the API wrote them until group commit. */
const ONE_BY_ONE = { SUBMISSION_BATCH_SIZE: "1", SUBMISSION_BATCH_WAIT_MS: "0" };
/**
 * The API's Node options as deployed (docs/deploy/rsu-api.service, README): a young generation of 32 MB,
 * in which a submission's short-lived objects die instead of being copied and promoted (issue #22).
 * A baseline checkout runs as it was deployed before, without them.
 */
const API_NODE_OPTIONS = "--max-semi-space-size=32";

/** The offered rates of the keeping-pace steps, as shares of the integration rate measured alone. */
const PACE_SHARES = [0.25, 0.5, 0.75, 1];

if (role !== "load") {
  // A stopped child exits cleanly, so that a --cpu-prof profile is written.
  process.on("SIGTERM", () => process.exit(0));
  await serveRole(role as Role);
} else {
  await main();
}

async function serveRole(role: Role) {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, `bench:ingest:${role}`);
  if (role === "api") {
    const api = await startApi(config, await openDatabase(config.databaseUrl), logger, null);
    // Whether something blocks the loop (a long synchronous stretch), asked for after each load.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    process.on("message", (m) => {
      if (m !== "eventLoopDelay") return;
      const ms = (ns: number) => round(ns / 1e6);
      process.send?.({ eventLoopDelay: { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) } });
      delay.reset();
    });
    process.send?.({ port: api.port });
  } else if (role === "workers") {
    startWorkers(config, await openDatabase(config.databaseUrl), logger);
    process.send?.({ port: 0 });
  } else {
    const app = new Hono().post("/", (c) => c.body(null, 202));
    serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.send?.({ port: info.port }));
  }
}

async function obliterate(redisUrl: string, prefixes: string[]) {
  const connection = workerConnection(redisUrl);
  for (const prefix of prefixes) {
    for (const name of [INTEGRATION_QUEUE, BACKUP_QUEUE, EXPORT_QUEUE, IMPORT_QUEUE]) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }
  connection.disconnect();
}

function benchEnvironment(): NodeJS.ProcessEnv {
  const database = new URL(loadConfig(process.env).databaseUrl);
  database.pathname = "/rsu_bench_ingest";
  return {
    ...process.env,
    DATABASE_URL: database.toString(),
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    QUEUE_PREFIX: `rsubench-ingest-${process.pid}`,
    AUDIT_ANCHOR_FILE: join(tmpdir(), "rsu-bench-ingest-anchors.jsonl"),
  };
}

function start(role: Role, overrides: Record<string, string> = {}, execArgv: string[] = [], checkout?: string): Promise<Child> {
  const entry = checkout ? join(checkout, "bench/ingest.ts") : new URL(import.meta.url).pathname;
  const options = role === "api" && !checkout ? { NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} ${API_NODE_OPTIONS}`.trim() } : {};
  return child(entry, role, { ...env, ...options, ...overrides }, execArgv);
}

async function main() {
  const config = loadConfig(env);
  await dropDatabase(config.databaseUrl);
  rmSync(config.audit.anchorFile, { force: true });
  const orm = await openDatabase(config.databaseUrl, { migrate: true });
  await seedDemo(orm.em.fork());
  const { secret } = await createApiToken(orm.em.fork(), systemActor("bench"), { username: "admin", name: "bench" });
  await orm.close();

  const results: Record<string, unknown> = {};
  if (args.throughput) Object.assign(results, await throughput(config.databaseUrl, config.redisUrl, secret));
  if (args.profile) results.profile = await profile(secret);
  if (args.pace) {
    const prefix = `rsubench-pace-${process.pid}`; // its own queue: the earlier phases' jobs are not for these workers
    results.keepingPace = await keepingPace(loadConfig({ ...env, QUEUE_PREFIX: prefix }), {
      start: (role) => start(role, { QUEUE_PREFIX: prefix }),
      secret,
      backlog: args.backlog,
      stepSeconds: args.step,
      shares: PACE_SHARES,
    });
  }

  const file = writeResults("ingest", { ...args, connections: CONNECTIONS, paceShares: PACE_SHARES }, results);
  console.log(JSON.stringify(results, null, 2));
  if (!args.keep) await dropDatabase(config.databaseUrl);
  // The API's jobs of the throughput phases were never taken (no workers ran): gone with their queues, and
  // the queues the workers of the pace phase opened (a scheduled backup among them).
  await obliterate(config.redisUrl, [config.queuePrefix, `rsubench-pace-${process.pid}`]);
  const stored = results.stored as { exactlyOnce: boolean } | undefined;
  const pace = results.keepingPace as { ok: boolean } | undefined;
  if (stored?.exactlyOnce === false || pace?.ok === false) process.exitCode = 1;
  console.log(`results: ${file}`);
}

/** One load of the API, right after one of the bare route, and what it cost each process. */
interface ApiRun {
  bare: Load;
  api: Load;
  apiOfBare: number;
  cpuMsPerRequest: CpuPerRequest;
  rowsPerCommit: number;
  eventLoopDelay: (EventLoopDelay | null)[];
}

/** The API before and after group commit, and two processes, each load right after one of the bare route; then PostgreSQL's ceiling. */
async function throughput(databaseUrl: string, redisUrl: string, secret: string) {
  const accepted: string[] = [];
  const results: Record<string, unknown> = {};
  const bare = await start("bare");
  const against = async (apis: Child[]) => {
    const ports = apis.map((api) => api.port);
    const runs: ApiRun[] = [];
    for (const port of ports) await load([port], { connections: 1, duration: 0, token: secret, accepted, amount: 20 });
    for (const connections of CONNECTIONS) {
      const bareLoad = await load([bare.port], { connections, duration: args.duration, token: null, accepted: [] });
      const from = accepted.length;
      for (const api of apis) await api.eventLoopDelay();
      const cpu = await cpuSnapshot(apis, databaseUrl, redisUrl);
      const api = await load(ports, { connections, duration: args.duration, token: secret, accepted });
      const ids = accepted.slice(from);
      runs.push({
        bare: bareLoad,
        api,
        apiOfBare: round(api.requestsPerSecond / bareLoad.requestsPerSecond),
        cpuMsPerRequest: await cpuPerRequest(cpu, apis, databaseUrl, redisUrl, ids.length),
        rowsPerCommit: await rowsPerCommit(databaseUrl, ids),
        eventLoopDelay: await Promise.all(apis.map((api) => api.eventLoopDelay())),
      });
    }
    return runs;
  };
  const baseline = process.env.RSU_BENCH_BASELINE;
  try {
    for (const [name, overrides, processes, checkout] of [
      ["oneTransactionPerSubmission", ONE_BY_ONE, 1, undefined],
      ...(baseline ? [["baseline", {}, 1, baseline] as const] : []),
      ["groupCommit", {}, 1, undefined],
      ["twoApiProcesses", {}, 2, undefined],
    ] as const) {
      const apis: Child[] = [];
      try {
        for (let i = 0; i < processes; i++) apis.push(await start("api", overrides, [], checkout));
        // The first requests (not counted) compile the validator and fill the pools.
        results[name] = await against(apis);
      } finally {
        for (const api of apis) await api.stop();
      }
      console.error(`${name}: ${JSON.stringify(results[name])}`);
    }
  } finally {
    await bare.stop();
  }
  results.stored = await checkStored(databaseUrl, accepted);
  const ceilings: Record<string, Load[]> = { postgresBatch1: [], [`postgresBatch${args.batch}`]: [] };
  for (const connections of CONNECTIONS) {
    ceilings.postgresBatch1!.push(await rawPostgres(databaseUrl, connections, 1, args.duration));
    ceilings[`postgresBatch${args.batch}`]!.push(await rawPostgres(databaseUrl, connections, args.batch, args.duration));
  }
  results.postgres = ceilings;
  results.groupCommitOfPostgres = CONNECTIONS.map((connections, i) => {
    const api = (results.groupCommit as { api: Load }[])[i]!.api.requestsPerSecond;
    return {
      connections,
      ofOneRowPerCommit: round(api / ceilings.postgresBatch1![i]!.requestsPerSecond),
      ofBatchedCommits: round(api / ceilings[`postgresBatch${args.batch}`]![i]!.requestsPerSecond),
    };
  });
  return results;
}

/** The API under 100 connections with --cpu-prof: the profile (tens of MB, not kept in git) lands in the temporary directory. */
async function profile(secret: string) {
  const dir = join(tmpdir(), "rsu-bench-ingest-profiles");
  const api = await start("api", {}, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const accepted: string[] = [];
  await load([api.port], { connections: 1, duration: 0, token: secret, accepted: [], amount: 20 });
  const cpu = api.cpuSeconds();
  const figures = await load([api.port], { connections: 100, duration: args.duration, token: secret, accepted });
  const cpuMsPerRequest = round(((api.cpuSeconds() - cpu) * 1000) / Math.max(1, accepted.length));
  await api.stop();
  return { ...figures, cpuMsPerRequest, dir };
}
