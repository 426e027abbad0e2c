/**
 * Ingest benchmark (issue #22): POST /api/submissions with the API alone (no workers) on its own database,
 * against a bare Hono route answering 202 and the raw PostgreSQL ceiling for the same rows, in one run, so
 * that ratios compare like with like on a busy machine (absolute figures do not).
 *
 *   npx tsx bench/ingest.ts                  # 30 s per load
 *   npx tsx bench/ingest.ts --duration 10    # a quick look
 *
 * In one run: the API with one transaction per submission (SUBMISSION_BATCH_SIZE=1, "before") and with group
 * commit (the defaults), at 100 then 10 connections; two API processes on the same database sharing the
 * connections; then the API with the workers integrating (`--pace 1`): the integration rate under a backlog,
 * and a load paced at 80 % of it, to see that the backlog stays flat. Each server runs in its
 * own child process (this one only generates load): fresh ids, valid households from
 * test/helpers/demo-responses.ts. Every id answered 2xx must be stored exactly once (and, after the paced
 * load, integrated); the audit chain must verify at the end. Results: bench/results/ingest-<date>.json.
 * Its own database (rsu_bench_ingest on DATABASE_URL's server), dropped at the end unless --keep.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import pg from "pg";
import { readAnchors } from "../api/audit/audit-anchor";
import { verifyAuditLog } from "../api/audit/verify-audit";
import { systemActor } from "../api/auth/actor";
import { loadConfig } from "../api/config";
import { connectAsApp } from "../api/db/app-role";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { DEMO_FORM } from "../api/db/seeders/demo/catalogue";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { createLogger } from "../api/log";
import { startApi } from "../api/runtime";
import { createApiToken } from "../api/services/api-tokens";
import { validHousehold } from "../test/helpers/demo-responses";
import { startWorkers } from "../workers/start-workers";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const args = parseArgs(process.argv.slice(2), { duration: 30, keep: 0, batch: 20, pace: 1 });
const role = process.env.RSU_BENCH_ROLE ?? "load";
const base = new URL(loadConfig(process.env).databaseUrl);
base.pathname = "/rsu_bench_ingest";
const env = {
  ...process.env,
  DATABASE_URL: base.toString(),
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: "error",
  QUEUE_PREFIX: `rsubench-ingest-${process.pid}`,
  AUDIT_ANCHOR_FILE: join(tmpdir(), "rsu-bench-ingest-anchors.jsonl"),
};
const CONNECTIONS = [100, 10];
const HOUSEHOLDS = Array.from({ length: 500 }, (_, i) => JSON.stringify(validHousehold(i + 1)));
/** "Before": one transaction per submission, as the API wrote them until group commit. */
const ONE_BY_ONE = { SUBMISSION_BATCH_SIZE: "1", SUBMISSION_BATCH_WAIT_MS: "0" };

interface Load {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

if (role === "api") {
  const config = loadConfig(env);
  const orm = await openDatabase(config.databaseUrl, { migrate: false });
  const api = await startApi(config, orm, createLogger("error", "bench:ingest"), null);
  process.send?.({ port: api.port });
} else if (role === "workers") {
  const config = loadConfig(env);
  startWorkers(config, await openDatabase(config.databaseUrl), createLogger("error", "bench:ingest"));
  process.send?.({ port: 0 });
} else if (role === "bare") {
  const app = new Hono().post("/", (c) => c.body(null, 202));
  serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.send?.({ port: info.port }));
} else {
  await main();
}

async function main() {
  const config = loadConfig(env);
  await dropDatabase(config.databaseUrl);
  rmSync(config.audit.anchorFile, { force: true });
  const orm = await openDatabase(config.databaseUrl, { migrate: true });
  await seedDemo(orm.em.fork());
  const { secret } = await createApiToken(orm.em.fork(), systemActor("bench"), { username: "admin", name: "bench" });
  await orm.close();

  const accepted: string[] = [];
  const results: Record<string, unknown> = {};
  const bare = await child("bare");
  try {
    for (const [name, overrides] of [
      ["oneTransactionPerSubmission", ONE_BY_ONE],
      ["groupCommit", {}],
    ] as const) {
      const api = await child("api", overrides);
      const runs: { bare: Load; api: Load }[] = [];
      try {
        // Warm-up, not counted: the first requests compile the validator and fill the pools.
        await load([api.port], 1, secret, accepted, 20);
        for (const connections of CONNECTIONS) {
          const bareLoad = await load([bare.port], connections, null, []);
          runs.push({ bare: bareLoad, api: await load([api.port], connections, secret, accepted) });
        }
      } finally {
        api.process.kill();
      }
      results[name] = runs.map((run) => ({ ...run, apiOfBare: round(run.api.requestsPerSecond / run.bare.requestsPerSecond) }));
    }
    // Two API processes on the same database, each taking half of the connections.
    const two = [await child("api"), await child("api")];
    try {
      for (const port of two.map((api) => api.port)) await load([port], 1, secret, accepted, 20);
      const runs = [];
      for (const connections of CONNECTIONS) {
        const bareLoad = await load([bare.port], connections, null, []);
        runs.push({
          bare: bareLoad,
          api: await load(
            two.map((api) => api.port),
            connections,
            secret,
            accepted,
          ),
        });
      }
      results.twoApiProcesses = runs.map((run) => ({ ...run, apiOfBare: round(run.api.requestsPerSecond / run.bare.requestsPerSecond) }));
    } finally {
      for (const api of two) api.process.kill();
    }
  } finally {
    bare.process.kill();
  }
  results.stored = await checkStored(config.databaseUrl, accepted);
  const ceilings: Record<string, Load[]> = { postgresBatch1: [], [`postgresBatch${args.batch}`]: [] };
  for (const connections of CONNECTIONS) {
    ceilings.postgresBatch1!.push(await rawPostgres(config.databaseUrl, connections, 1));
    ceilings[`postgresBatch${args.batch}`]!.push(await rawPostgres(config.databaseUrl, connections, args.batch));
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
  if (args.pace) results.keepingPace = await keepingPace(config, secret);

  const file = writeResults("ingest", { ...args, connections: CONNECTIONS }, results);
  console.log(JSON.stringify(results, null, 2));
  if (!args.keep) await dropDatabase(config.databaseUrl);
  const failed =
    !(results.stored as { exactlyOnce: boolean }).exactlyOnce || (results.keepingPace as { ok?: boolean } | undefined)?.ok === false;
  if (failed) process.exitCode = 1;
  console.log(`results: ${file}`);
}

/**
 * The API and the workers on this machine. Flat out (10 connections) for the duration, then until the
 * backlog is integrated: the integration rate is what was integrated over that whole time. Then a load
 * paced at 80 % of that rate, whose backlog must stay flat. The submissions of the earlier phases are
 * removed first (never integrated, their jobs in another queue) so that only these count.
 */
async function keepingPace(config: ReturnType<typeof loadConfig>, secret: string) {
  await sql(config.databaseUrl, `truncate submissions, outbox cascade`);
  const paceEnv = { QUEUE_PREFIX: `rsubench-pace-${process.pid}` };
  const workers = await child("workers", paceEnv);
  const api = await child("api", paceEnv);
  const accepted: string[] = [];
  const drained = () => until(async () => (await counts(config.databaseUrl)).backlog === 0, 900_000);
  try {
    // The sequencer first chains the audit rows of the earlier phases, which would otherwise share the cores.
    await until(async () => (await auditPending(config.databaseUrl)) === 0, 900_000);
    await load([api.port], 1, secret, accepted, 20);
    await drained();
    const before = await counts(config.databaseUrl);
    const started = performance.now();
    const flatOut = await load([api.port], 10, secret, accepted);
    const backlogAfterLoad = (await counts(config.databaseUrl)).backlog;
    await drained();
    const integrated = (await counts(config.databaseUrl)).done - before.done;
    const integratedPerSecond = round(integrated / ((performance.now() - started) / 1000));

    const rate = Math.max(1, Math.floor(0.8 * integratedPerSecond));
    const backlog: number[] = [];
    const sampler = setInterval(() => void counts(config.databaseUrl).then((c) => backlog.push(c.backlog)), 1_000);
    const paced = await load([api.port], 10, secret, accepted, undefined, rate);
    clearInterval(sampler);
    await drained();

    const [row] = await sql<{ n: string; done: string; outbox: string }>(
      config.databaseUrl,
      `select count(*) as n, count(*) filter (where status <> 'received') as done,
              (select count(*) from outbox where submission_id = any($1::uuid[])) as outbox
         from submissions where id = any($1::uuid[])`,
      [accepted],
    );
    const integratedOnce = Number(row!.n) === accepted.length && Number(row!.done) === accepted.length && Number(row!.outbox) === 0;
    await until(async () => (await auditPending(config.databaseUrl)) === 0, 120_000);
    const audit = await connectAsApp(config.databaseUrl);
    const report = await verifyAuditLog(audit, config.audit.anchorKey, await readAnchors(config.audit.anchorFile, config.audit.anchorKey));
    await audit.end();
    return {
      flatOut: { ingest: flatOut, backlogAfterLoad, integratedPerSecond },
      paced: { rate, ingest: paced, backlogEachSecond: backlog },
      accepted: accepted.length,
      integratedOnce,
      auditVerified: { ok: report.ok, rows: report.rows, findings: report.findings.length },
      ok: integratedOnce && report.ok,
    };
  } finally {
    api.process.kill();
    workers.process.kill();
  }
}

async function counts(databaseUrl: string) {
  const [row] = await sql<{ done: string; backlog: string }>(
    databaseUrl,
    `select count(*) filter (where status <> 'received') as done, count(*) filter (where status = 'received') as backlog from submissions`,
  );
  return { done: Number(row!.done), backlog: Number(row!.backlog) };
}

async function auditPending(databaseUrl: string): Promise<number> {
  const [row] = await sql<{ n: string }>(
    databaseUrl,
    `select count(*) as n from audit_log a where not exists (select 1 from audit_chain c where c.seq = a.seq)`,
  );
  return Number(row!.n);
}

async function until(done: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function sql<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

function child(role: "api" | "bare" | "workers", overrides: Record<string, string> = {}): Promise<{ port: number; process: ChildProcess }> {
  const proc = fork(new URL(import.meta.url).pathname, [], {
    env: { ...env, ...overrides, RSU_BENCH_ROLE: role },
    execArgv: ["--import", "tsx"],
  });
  return new Promise((resolve, reject) => {
    proc.once("message", (m) => resolve({ port: (m as { port: number }).port, process: proc }));
    proc.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
  });
}

/**
 * Loads the ports at once, the connections shared between them; for the API, each request a fresh id and
 * one of 500 households, the 2xx ids kept. Requests per second are summed, latencies the worst of the ports.
 */
async function load(
  ports: number[],
  connections: number,
  token: string | null,
  accepted: string[],
  amount?: number,
  rate?: number,
): Promise<Load> {
  const runs = await Promise.all(
    ports.map((port) =>
      loadOne(
        `http://127.0.0.1:${port}/${token ? "api/submissions" : ""}`,
        Math.ceil(connections / ports.length),
        token,
        accepted,
        amount,
        rate && Math.ceil(rate / ports.length),
      ),
    ),
  );
  return {
    connections,
    requestsPerSecond: round(runs.reduce((sum, r) => sum + r.requests.average, 0)),
    p50Ms: Math.max(...runs.map((r) => r.latency.p50)),
    p99Ms: Math.max(...runs.map((r) => r.latency.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
  };
}

function loadOne(url: string, connections: number, token: string | null, accepted: string[], amount?: number, rate?: number) {
  let n = 0;
  return autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: args.duration }),
    ...(rate ? { overallRate: rate } : {}),
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
}

/** Every id answered 2xx is stored exactly once, with its outbox row (the workers are not running). */
async function checkStored(databaseUrl: string, ids: string[]) {
  const [row] = await sql<{ stored: string; outbox: string; total: string }>(
    databaseUrl,
    `select (select count(*) from submissions where id = any($1::uuid[])) as stored,
            (select count(*) from outbox where submission_id = any($1::uuid[])) as outbox,
            (select count(*) from submissions) as total`,
    [ids],
  );
  const distinct = new Set(ids).size;
  const stored = Number(row?.stored);
  return {
    answered2xx: ids.length,
    distinct,
    stored,
    outbox: Number(row?.outbox),
    total: Number(row?.total),
    exactlyOnce: distinct === ids.length && stored === ids.length && Number(row?.outbox) === ids.length,
  };
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
