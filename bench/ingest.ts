/**
 * Ingest benchmark (issue #22): POST /api/submissions with the API alone (no workers) on its own database,
 * against a bare Hono route answering 202 and the raw PostgreSQL ceiling for the same rows, in one run, so
 * that ratios compare like with like on a busy machine (absolute figures do not).
 *
 *   npx tsx bench/ingest.ts                  # 30 s per load, 100 then 10 connections
 *   npx tsx bench/ingest.ts --duration 10    # a quick look
 *
 * The API and the bare route each run in their own child process (this one only generates load): fresh
 * ids, valid household answers from test/helpers/demo-responses.ts. Afterwards every id answered 2xx must
 * be in the database exactly once, with its outbox row. Results: bench/results/ingest.json.
 * Its own database (rsu_bench_ingest on DATABASE_URL's server), dropped at the end unless --keep 1.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import pg from "pg";
import { systemActor } from "../api/auth/actor";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { DEMO_FORM } from "../api/db/seeders/demo/catalogue";
import { createLogger } from "../api/log";
import { startApi } from "../api/runtime";
import { createApiToken } from "../api/services/api-tokens";
import { validHousehold } from "../test/helpers/demo-responses";
import { parseArgs } from "./parse-args";

const args = parseArgs(process.argv.slice(2), { duration: 30, keep: 0, batch: 20 });
const role = process.env.RSU_BENCH_ROLE ?? "load";
const base = new URL(loadConfig(process.env).databaseUrl);
base.pathname = "/rsu_bench_ingest";
const env = { ...process.env, DATABASE_URL: base.toString(), HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "error" };
const CONNECTIONS = [100, 10];
const HOUSEHOLDS = Array.from({ length: 500 }, (_, i) => JSON.stringify(validHousehold(i + 1)));

interface Load {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

if (role === "api") {
  const config = loadConfig({ ...env, QUEUE_PREFIX: `rsubench-ingest-${process.pid}` });
  const orm = await openDatabase(config.databaseUrl, { migrate: false });
  const api = await startApi(config, orm, createLogger("error", "bench:ingest"), null);
  process.send?.({ port: api.port });
} else if (role === "bare") {
  const app = new Hono().post("/", (c) => c.body(null, 202));
  serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.send?.({ port: info.port }));
} else {
  await main();
}

async function main() {
  const config = loadConfig(env);
  await dropDatabase(config.databaseUrl);
  const orm = await openDatabase(config.databaseUrl, { migrate: true });
  await seedDemo(orm.em.fork());
  const { secret } = await createApiToken(orm.em.fork(), systemActor("bench"), { username: "admin", name: "bench" });
  await orm.close();

  const accepted: string[] = [];
  const results: Record<string, Load[]> = { bare: [], api: [], postgresBatch1: [], [`postgresBatch${args.batch}`]: [] };
  const bare = await child("bare");
  const api = await child("api");
  try {
    // Warm-up, not counted: the first requests compile the validator and fill the pools.
    await load(`http://127.0.0.1:${api.port}/api/submissions`, 1, secret, accepted, 20);
    for (const connections of CONNECTIONS) {
      results.bare!.push(await load(`http://127.0.0.1:${bare.port}/`, connections, null, []));
      results.api!.push(await load(`http://127.0.0.1:${api.port}/api/submissions`, connections, secret, accepted));
    }
  } finally {
    api.process.kill();
    bare.process.kill();
  }
  const check = await checkAccepted(config.databaseUrl, accepted);
  for (const connections of CONNECTIONS) {
    results.postgresBatch1!.push(await rawPostgres(config.databaseUrl, connections, 1));
    results[`postgresBatch${args.batch}`]!.push(await rawPostgres(config.databaseUrl, connections, args.batch));
  }
  if (!args.keep) await dropDatabase(config.databaseUrl);

  const ratios = CONNECTIONS.map((connections, i) => ({
    connections,
    apiOfBare: round(results.api![i]!.requestsPerSecond / results.bare![i]!.requestsPerSecond),
    apiOfPostgresBatch1: round(results.api![i]!.requestsPerSecond / results.postgresBatch1![i]!.requestsPerSecond),
    apiOfPostgresBatched: round(results.api![i]!.requestsPerSecond / results[`postgresBatch${args.batch}`]![i]!.requestsPerSecond),
  }));
  const report = { date: new Date().toISOString(), durationSeconds: args.duration, results, ratios, check };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("./results/ingest.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  if (!check.exactlyOnce) process.exitCode = 1;
}

function child(role: "api" | "bare"): Promise<{ port: number; process: ChildProcess }> {
  const proc = fork(new URL(import.meta.url).pathname, [], { env: { ...env, RSU_BENCH_ROLE: role }, execArgv: ["--import", "tsx"] });
  return new Promise((resolve, reject) => {
    proc.once("message", (m) => resolve({ port: (m as { port: number }).port, process: proc }));
    proc.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
  });
}

/** Loads one URL; for the API, each request a fresh id and one of 500 households, the 2xx ids kept. */
async function load(url: string, connections: number, token: string | null, accepted: string[], amount?: number): Promise<Load> {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: args.duration }),
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        setupRequest: (request) => {
          if (!token) return request;
          const data = HOUSEHOLDS[n++ % HOUSEHOLDS.length];
          return { ...request, body: `{"id":"${randomUUID()}","formId":"${DEMO_FORM.id}","version":1,"data":${data}}` };
        },
        onResponse: (status, body) => {
          if (token && status >= 200 && status < 300) accepted.push((JSON.parse(body) as { id: string }).id);
        },
      },
    ],
  });
  return {
    connections,
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Every id answered 2xx is stored exactly once, with its outbox row (the workers are not running). */
async function checkAccepted(databaseUrl: string, ids: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const distinct = new Set(ids).size;
    const { rows } = await client.query<{ stored: string; outbox: string; total: string }>(
      `select (select count(*) from submissions where id = any($1::uuid[])) as stored,
              (select count(*) from outbox where submission_id = any($1::uuid[])) as outbox,
              (select count(*) from submissions) as total`,
      [ids],
    );
    const [row] = rows;
    const stored = Number(row?.stored);
    return {
      answered2xx: ids.length,
      distinct,
      stored,
      outbox: Number(row?.outbox),
      total: Number(row?.total),
      exactlyOnce: distinct === ids.length && stored === ids.length && Number(row?.outbox) === ids.length,
    };
  } finally {
    await client.end();
  }
}

/**
 * The ceiling: the same rows (submission + outbox) written by `connections` clients, `batch` rows per
 * transaction in multi-row inserts over a pool of 10 connections, each commit durable (synchronous_commit on, the server's default).
 */
async function rawPostgres(databaseUrl: string, connections: number, batch: number): Promise<Load> {
  // Through a pool of the API's size (orm-config.ts: 10): the server's max_connections is shared.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const { rows } = await pool.query<{ id: string }>(`select id from form_versions limit 1`);
  const formVersion = rows[0]!.id;
  const latencies: number[] = [];
  let written = 0;
  const end = Date.now() + args.duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      let n = c;
      while (Date.now() < end) {
        const ids = Array.from({ length: batch }, () => randomUUID());
        const started = performance.now();
        const client = await pool.connect();
        await client.query("begin");
        await client.query(
          `insert into submissions (id, form_version_id, data, content_hash, status, commune, submitted_by, received_at)
           select id, $2, d::jsonb, repeat('0', 64), 'received', '101', null, now()
           from unnest($1::uuid[], $3::text[]) as t(id, d)`,
          [ids, formVersion, ids.map(() => HOUSEHOLDS[n++ % HOUSEHOLDS.length])],
        );
        await client.query(
          `insert into outbox (submission_id, created_at, next_attempt_at, attempts) select id, now(), now(), 0 from unnest($1::uuid[]) as id`,
          [ids],
        );
        await client.query("commit");
        client.release();
        latencies.push(performance.now() - started);
        written += batch;
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { connections, requestsPerSecond: round(written / args.duration), p50Ms: at(0.5), p99Ms: at(0.99), non2xx: 0, errors: 0 };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
