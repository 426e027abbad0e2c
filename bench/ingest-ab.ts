/**
 * The API's CPU per submission, another checkout's against this one's, in alternating rounds (issue #22).
 * One load of each says little on a shared machine (two loads of the same code differed by 2×): rounds
 * alternate which one goes first, and the result is the CPU per request of each load, pair by pair.
 *
 *   RSU_BENCH_BASELINE=/work/old npx tsx bench/ingest-ab.ts [--rounds 6] [--duration 10] [--connections 100]
 *
 * The API alone (no workers) on the ingest bench's database (rsu_bench_ingest, dropped at the end), both
 * with the young generation the API is deployed with, warmed by 20 requests, then loaded by autocannon.
 * Results: bench/results/ingest-ab-<date>.json.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { systemActor } from "../api/auth/actor";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { workerConnection } from "../api/queue/redis";
import { createApiToken } from "../api/services/api-tokens";
import { EXPORT_QUEUE } from "../schemas/contracts/exports";
import { IMPORT_QUEUE } from "../schemas/contracts/imports";
import { BACKUP_QUEUE, INTEGRATION_QUEUE } from "../schemas/contracts/jobs";
import { child } from "./ingest/children";
import { load } from "./ingest/load";
import { cpuPerRequest, cpuSnapshot } from "./ingest/process-cpu";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const args = parseArgs(process.argv.slice(2), { rounds: 6, duration: 10, connections: 100 });
const baseline = process.env.RSU_BENCH_BASELINE;
if (!baseline) throw new Error("RSU_BENCH_BASELINE: the checkout to compare with (its dependencies installed)");

const database = new URL(loadConfig(process.env).databaseUrl);
database.pathname = "/rsu_bench_ingest";
const env = {
  ...process.env,
  DATABASE_URL: database.toString(),
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
  QUEUE_PREFIX: `rsubench-ab-${process.pid}`,
  AUDIT_ANCHOR_FILE: join(tmpdir(), "rsu-bench-ab-anchors.jsonl"),
  // As the API is deployed (README), for both: a baseline from before it would otherwise pay for more GC.
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=32`.trim(),
};
const config = loadConfig(env);
await dropDatabase(config.databaseUrl);
const orm = await openDatabase(config.databaseUrl, { migrate: true });
await seedDemo(orm.em.fork());
const { secret } = await createApiToken(orm.em.fork(), systemActor("bench"), { username: "admin", name: "bench" });
await orm.close();

const checkouts: [string, string][] = [
  ["baseline", baseline],
  ["this", join(import.meta.dirname, "..")],
];
const loads: Record<string, unknown>[] = [];
for (let round = 0; round < args.rounds; round++) {
  for (const [name, checkout] of round % 2 ? [...checkouts].reverse() : checkouts) {
    const api = await child(join(checkout, "bench/ingest.ts"), "api", env);
    try {
      const accepted: string[] = [];
      await load([api.port], { connections: 1, duration: 0, token: secret, accepted, amount: 20 });
      const from = accepted.length;
      const cpu = await cpuSnapshot([api], config.databaseUrl, config.redisUrl);
      const figures = await load([api.port], { connections: args.connections, duration: args.duration, token: secret, accepted });
      const cpuMs = await cpuPerRequest(cpu, [api], config.databaseUrl, config.redisUrl, accepted.length - from);
      loads.push({ round, name, ...figures, cpuMsPerRequest: cpuMs });
      console.error(JSON.stringify(loads.at(-1)));
    } finally {
      await api.stop();
    }
  }
}
await dropDatabase(config.databaseUrl);
// The submissions' jobs were never taken (no workers ran): gone with their queues, and the API's others.
const connection = workerConnection(config.redisUrl);
for (const name of [INTEGRATION_QUEUE, BACKUP_QUEUE, EXPORT_QUEUE, IMPORT_QUEUE]) {
  const queue = new Queue(name, { connection, prefix: config.queuePrefix });
  await queue.obliterate({ force: true });
  await queue.close();
}
connection.disconnect();
writeResults("ingest-ab", { ...args, baseline }, { loads });
