import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import type { Child } from "./children";
import { sql } from "./database";
import { round } from "./load";

/**
 * CPU per request of each process a load crosses (issue #22): the API processes (from /proc), the
 * PostgreSQL backends serving the bench's database (/proc of the pids pg_stat_activity lists), the Redis
 * server (INFO cpu) and this load generator. PostgreSQL's WAL writer and checkpointer, and Redis, serve the
 * other users of the shared servers too: their figures are upper bounds on a busy machine.
 */
export interface CpuPerRequest {
  apiMs: number;
  postgresMs: number;
  redisMs: number;
  loadGeneratorMs: number;
}

interface Snapshot {
  api: number;
  postgres: Map<number, number>;
  redis: number;
  loadGenerator: number;
}

export async function cpuSnapshot(apis: Child[], databaseUrl: string, redisUrl: string): Promise<Snapshot> {
  const usage = process.cpuUsage();
  return {
    api: apis.reduce((sum, api) => sum + api.cpuSeconds(), 0),
    postgres: await backendCpu(databaseUrl),
    redis: await redisCpu(redisUrl),
    loadGenerator: (usage.user + usage.system) / 1e6,
  };
}

/** From two snapshots around a load of `requests` requests. */
export async function cpuPerRequest(before: Snapshot, apis: Child[], databaseUrl: string, redisUrl: string, requests: number) {
  const after = await cpuSnapshot(apis, databaseUrl, redisUrl);
  // A backend opened during the load counts from 0; one closed during it is lost (the pools keep theirs open).
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  const ms = (seconds: number) => round((seconds * 1000) / Math.max(1, requests));
  return {
    apiMs: ms(after.api - before.api),
    postgresMs: ms(postgres),
    redisMs: ms(after.redis - before.redis),
    loadGeneratorMs: ms(after.loadGenerator - before.loadGenerator),
  } satisfies CpuPerRequest;
}

async function backendCpu(databaseUrl: string): Promise<Map<number, number>> {
  const rows = await sql<{ pid: number }>(
    databaseUrl,
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return new Map(rows.map(({ pid }) => [pid, cpuSecondsOf(pid)]));
}

async function redisCpu(redisUrl: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info("cpu");
    const field = (name: string) => Number(info.match(new RegExp(`^${name}:([0-9.]+)`, "m"))?.[1] ?? 0);
    return field("used_cpu_user") + field("used_cpu_sys");
  } catch {
    return 0;
  } finally {
    redis.disconnect();
  }
}

/** utime + stime of a Linux process, in seconds (clock ticks of 1/100 s); 0 where /proc is not there. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
