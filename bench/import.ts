/**
 * Bulk import benchmark (issue #19): a generated partner file of --households households (a row per
 * member, CSV), uploaded, dry-run and run through the workers until every household is integrated; and,
 * in the same run, the integration path's own throughput (submission + outbox row as a clerk's, then the
 * same workers):
 * - on the file's own households (--same 1, the default), into an empty registry of their own
 *   (rsu_bench_import_path): the same data and the same growth of the registry as the import, so the
 *   ratio of the two rates is what the import adds to integration, and nothing else;
 * - on --direct other households, into the import's database before and after the import (the measures
 *   of earlier runs, kept comparable).
 * Workers run in this process: the peak RSS is the process's (API side of the import, the run job and
 * integration together).
 *
 *   npx tsx bench/import.ts                                  # 100,000 households (≈ 500,000 individuals)
 *   npx tsx bench/import.ts --households 5000 --direct 2000  # a quick look
 *   npx tsx bench/import.ts --households 20000 --direct 0 --run 0  # upload and dry run only
 *   node --expose-gc --import tsx bench/import.ts …          # also the heap each phase leaves after a full GC
 *
 * Its own database (rsu_bench_import on DATABASE_URL's server), dropped at the start.
 */
import { createReadStream, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { getHeapStatistics } from "node:v8";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { Actor } from "../api/auth/actor";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { dryRunImport } from "../api/imports/dry-run";
import { createProfile } from "../api/imports/import-profiles";
import { startImportRun } from "../api/imports/run-import";
import { uploadImportFile } from "../api/imports/upload-import";
import { createLogger, type Logger } from "../api/log";
import { createImportQueue } from "../api/queue/import-queue";
import { createIntegrationQueue, type IntegrationQueue } from "../api/queue/integration-queue";
import { producerConnection } from "../api/queue/redis";
import { insertOutboxRows, insertSubmissions } from "../api/repositories/submission-batch.repository";
import { contentHash } from "../api/services/hash";
import { startWorkers } from "../workers/start-workers";
import { validHousehold } from "../test/helpers/demo-responses";
import { oneFileTable, partnerProfile, writeCsv } from "../test/helpers/partner-files";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const args = parseArgs(process.argv.slice(2), { households: 100_000, direct: 0, same: 1, seed: 20261208, run: 1 });
const base = loadConfig(process.env);
const url = new URL(base.databaseUrl);
url.pathname = "/rsu_bench_import";
const config = { ...base, databaseUrl: url.toString(), queuePrefix: `bench-import-${process.pid}`, relayIntervalMs: 1_000 };
const pathUrl = new URL(url);
pathUrl.pathname = "/rsu_bench_import_path";
const pathConfig = { ...config, databaseUrl: pathUrl.toString(), queuePrefix: `${config.queuePrefix}-path` };
const log = (message: string) => console.log(`[import bench] ${message}`);
const seconds = (since: number) => (performance.now() - since) / 1000;

/** A household of its own: no NIN, last names no other household has, so none matches another. */
function household(seed: number) {
  const data = validHousehold(seed) as Record<string, any>;
  data.members.forEach((member: Record<string, unknown>, i: number) => {
    delete member.nin;
    member.last_name = `Bench${seed}x${i}`;
  });
  return data;
}

const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)} %`;

interface ClerkSubmission {
  versionId: number;
  userId: string;
}

async function clerkSubmission(orm: MikroORM, userId: string): Promise<ClerkSubmission> {
  const [version] = await orm.em
    .fork()
    .getConnection()
    .execute<{ id: number }[]>(`select id from form_versions where form_id = 'menage' and version = 1`);
  return { versionId: version!.id, userId };
}

/** Submits `count` households (seeds from `firstSeed`) as a clerk's: submission and outbox rows, 500 a transaction, then enqueued. */
async function submitAsClerk(orm: MikroORM, queue: IntegrationQueue, clerk: ClerkSubmission, firstSeed: number, count: number) {
  for (let from = 0; from < count; from += 500) {
    const rows = Array.from({ length: Math.min(500, count - from) }, (_, i) => {
      const data = household(firstSeed + from + i);
      return {
        id: crypto.randomUUID(),
        formVersionId: clerk.versionId,
        data,
        contentHash: contentHash({ formId: "menage", version: 1, data }),
        submittedBy: clerk.userId,
        commune: data.commune as string,
        householdId: null,
        baseVersion: null,
      };
    });
    const ids = await orm.em.fork().transactional(async (tx) => {
      const inserted = [...(await insertSubmissions(tx, rows))];
      await insertOutboxRows(tx, inserted, new Date(Date.now() + 60_000));
      return inserted;
    });
    await queue.enqueue(ids);
  }
}

/**
 * The integration path on the file's own households (the seeds the file is written from), submitted as a
 * clerk's into an empty registry of their own, its own workers and queue: the same data and the same growth
 * of the registry as the import's run, which is therefore compared with this rate.
 */
async function samePath(logger: Logger): Promise<number> {
  await dropDatabase(pathConfig.databaseUrl);
  const orm = await openDatabase(pathConfig.databaseUrl, { migrate: true });
  await seedDemo(orm.em.fork(), "bench");
  const redis = producerConnection(pathConfig.redisUrl);
  const queue = createIntegrationQueue(redis, pathConfig.queuePrefix);
  const workers = startWorkers(pathConfig, orm, logger);
  try {
    const [admin] = await orm.em.fork().getConnection().execute<{ id: string }[]>(`select id from users where username = 'admin'`);
    const clerk = await clerkSubmission(orm, admin!.id);
    const start = performance.now();
    await submitAsClerk(orm, queue, clerk, args.seed, args.households);
    await integrated(orm, args.households);
    return seconds(start);
  } finally {
    await workers.close();
    await queue.close();
    redis.disconnect();
    await orm.close();
    await dropDatabase(pathConfig.databaseUrl);
  }
}

/** Waits until no submission is still received or valid (integration done); polling is fine in a bench. */
async function integrated(orm: MikroORM, expected: number): Promise<void> {
  for (;;) {
    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute<{ done: number; pending: number }[]>(
        `select count(*) filter (where status not in ('received', 'valid'))::int as done, count(*) filter (where status in ('received', 'valid'))::int as pending from submissions`,
      );
    if (row!.done >= expected && row!.pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits until an import's run job has ended (no household of it to integrate: the same file again). */
async function finished(orm: MikroORM, importId: string): Promise<void> {
  for (;;) {
    const [row] = await orm.em.fork().getConnection().execute<{ status: string }[]>(`select status from imports where id = ?`, [importId]);
    if (row!.status === "done") return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** What a second import of the same file must leave as it was. */
async function registryCounts(orm: MikroORM) {
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute<{ households: number; versions: number; individuals: number; submissions: number }[]>(
      `select (select count(*)::int from households) as households, (select count(*)::int from household_versions) as versions,
              (select count(*)::int from individuals) as individuals, (select count(*)::int from submissions) as submissions`,
    );
  return row!;
}

/** The highest RSS seen in each phase, sampled every 100 ms: the process's lifetime peak includes the integration path's run before. */
class RssPeaks {
  private readonly peaks: Record<string, number> = {};
  private current = "";
  private readonly timer = setInterval(() => this.sample(), 100);
  /** The heap left after a full collection at the end of each phase (with --expose-gc): what the phase retains. */
  readonly retainedHeapMiB: Record<string, number> = {};
  phase(name: string) {
    this.sample();
    this.retain();
    this.current = name;
    this.sample();
  }
  private retain() {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc || !this.current) return;
    gc();
    this.retainedHeapMiB[this.current] = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  }
  stop(): Record<string, number> {
    this.sample();
    this.retain();
    clearInterval(this.timer);
    return this.peaks;
  }
  private sample() {
    if (!this.current) return;
    const mib = Math.round(process.memoryUsage.rss() / 2 ** 20);
    this.peaks[this.current] = Math.max(this.peaks[this.current] ?? 0, mib);
  }
}

/**
 * The dry run's pace as it goes: the households it has checked (its import_households rows, committed a
 * page at a time) counted every second, reported as milliseconds per household for each tenth of the file.
 * A per-household cost that grows with the rows already checked shows here, not in the total.
 */
function dryRunPace(orm: MikroORM, importId: string, total: number) {
  const samples: [number, number][] = [[performance.now(), 0]];
  const timer = setInterval(async () => {
    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from import_households where import_id = ?`, [importId]);
    samples.push([performance.now(), row!.n]);
  }, 1_000);
  return () => {
    clearInterval(timer);
    samples.push([performance.now(), total]);
    const tenths: number[] = [];
    for (let tenth = 1; tenth <= 10; tenth++) {
      const from = samples.findLast(([, n]) => n <= ((tenth - 1) * total) / 10)!;
      const to = samples.find(([, n]) => n >= (tenth * total) / 10)!;
      tenths.push(Number(((to[0] - from[0]) / Math.max(1, to[1] - from[1])).toFixed(2)));
    }
    return tenths;
  };
}

async function main() {
  await dropDatabase(config.databaseUrl);
  const orm = await openDatabase(config.databaseUrl, { migrate: true });
  await seedDemo(orm.em.fork(), "bench");
  const logger = createLogger("error", "bench");
  const [admin] = await orm.em.fork().getConnection().execute<{ id: string }[]>(`select id from users where username = 'admin'`);
  const actor: Actor = {
    userId: admin!.id,
    username: "admin",
    displayName: "admin",
    roles: ["admin"],
    areas: [],
    grants: [],
    via: "session",
  };
  const redis = producerConnection(config.redisUrl);
  const queue = createIntegrationQueue(redis, config.queuePrefix);
  const workers = startWorkers(config, orm, logger);
  try {
    // (a) The integration path's own throughput: households submitted as a clerk's, then integrated by the workers.
    const clerk = await clerkSubmission(orm, actor.userId);
    let submittedDirectly = 0;
    let importedSoFar = 0;
    /** Submits --direct other households as a clerk's (seeds from `firstSeed`) and times them until integrated. */
    const integrationPath = async (firstSeed: number): Promise<number> => {
      const start = performance.now();
      await submitAsClerk(orm, queue, clerk, firstSeed, args.direct);
      submittedDirectly += args.direct;
      await integrated(orm, submittedDirectly + importedSoFar);
      return seconds(start);
    };
    const sameSeconds = args.same ? await samePath(logger) : 0;
    if (args.same) {
      log(
        `integration path, the file's own households: ${args.households} in ${sameSeconds.toFixed(1)} s (${(args.households / sameSeconds).toFixed(1)}/s)`,
      );
    }
    const directSeconds = args.direct ? await integrationPath(args.seed + 1_000_000) : 0;
    if (args.direct) {
      log(`integration path: ${args.direct} households in ${directSeconds.toFixed(1)} s (${(args.direct / directSeconds).toFixed(1)}/s)`);
    }

    // (b) The import: a partner file written, uploaded (staged), dry-run, then run until every household is integrated.
    const dir = mkdtempSync(join(tmpdir(), "rsu-bench-import-"));
    let t = performance.now();
    // Written a thousand households at a time: the bench's own copy of the file must not weigh in its peak RSS.
    const path = join(dir, "partenaire.csv");
    let individuals = 0;
    for (let from = 0; from < args.households; from += 1_000) {
      const part = Array.from({ length: Math.min(1_000, args.households - from) }, (_, i) => ({
        key: `B${from + i}`,
        data: household(args.seed + from + i),
      }));
      individuals += part.reduce((n, r) => n + (r.data.members as unknown[]).length, 0);
      writeCsv(path, oneFileTable(part).slice(from ? 1 : 0), { delimiter: ";", append: from > 0 });
    }
    log(
      `file: ${args.households} households, ${individuals} individuals, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB in ${seconds(t).toFixed(1)} s`,
    );
    const em = () => orm.em.fork();
    const rss = new RssPeaks();
    rss.phase("upload");
    t = performance.now();
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    const view = await uploadImportFile(em(), actor, null, "households", { body, name: "partenaire.csv" });
    const uploadSeconds = seconds(t);
    log(`upload (streamed, staged): ${uploadSeconds.toFixed(1)} s`);
    const profile = await createProfile(em(), { id: actor.userId, name: "admin", address: null }, partnerProfile("Bench") as never);
    rss.phase("dryRun");
    t = performance.now();
    const pace = dryRunPace(orm, view.id, args.households);
    const summary = await dryRunImport(em(), view.id, profile.id, actor, null, config.matchThresholds);
    const dryRunSeconds = seconds(t);
    const dryRunMsPerHouseholdByTenth = pace();
    log(
      `dry run: ${dryRunSeconds.toFixed(1)} s, ${JSON.stringify(summary.counts)}; ms a household by tenth of the file: ${dryRunMsPerHouseholdByTenth.join(" ")}`,
    );
    let run: Record<string, unknown> | null = null;
    if (args.run) {
      rss.phase("run");
      t = performance.now();
      await startImportRun(em(), view.id, actor, null, createImportQueue(redis, config.queuePrefix), logger);
      // Every household the run submits: new ones, updates and those created with a member sent to review.
      const submitted = summary.counts.new + summary.counts.update + summary.counts.duplicate;
      importedSoFar = submitted;
      await finished(orm, view.id);
      await integrated(orm, submittedDirectly + importedSoFar);
      const runSeconds = seconds(t);
      const importRate = submitted / runSeconds;
      const sameRate = args.households / sameSeconds;
      if (args.same) {
        log(
          `run until integrated: ${runSeconds.toFixed(1)} s (${importRate.toFixed(1)}/s), ${percent(importRate, sameRate)} of the integration path's rate on the same households`,
        );
      } else log(`run until integrated: ${runSeconds.toFixed(1)} s (${importRate.toFixed(1)}/s)`);
      // The path again, into the registry the import has filled: the import matched every household against
      // a registry growing to that size, the first measure of the path against an empty one.
      const directAfterSeconds = args.direct ? await integrationPath(args.seed + 2_000_000) : 0;
      const directRate = args.direct / directSeconds;
      const directAfterRate = args.direct / directAfterSeconds;
      if (args.direct) {
        log(
          `integration path on other households: ${directRate.toFixed(1)}/s into the empty registry, ${directAfterRate.toFixed(1)}/s into the filled one`,
        );
      }
      // The same file again, as a new upload of the same delivery: its dry run must find every household
      // unchanged and its run must change nothing in the registry.
      rss.phase("again");
      const before = await registryCounts(orm);
      t = performance.now();
      const again = await uploadImportFile(em(), actor, null, "households", {
        body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
        name: "partenaire.csv",
      });
      const againSummary = await dryRunImport(em(), again.id, profile.id, actor, null, config.matchThresholds);
      await startImportRun(em(), again.id, actor, null, createImportQueue(redis, config.queuePrefix), logger);
      await finished(orm, again.id);
      const after = await registryCounts(orm);
      const againSeconds = seconds(t);
      log(
        `the same file again: ${againSeconds.toFixed(1)} s, ${JSON.stringify(againSummary.counts)}; registry ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      );
      run = {
        households: submitted,
        runSeconds,
        householdsPerSecond: importRate,
        shareOfSamePathRate: args.same ? Number((importRate / sameRate).toFixed(3)) : null,
        ...(args.direct && {
          shareOfIntegrationRate: Number((importRate / directRate).toFixed(3)),
          integrationPathAfter: { households: args.direct, seconds: directAfterSeconds, householdsPerSecond: directAfterRate },
          shareOfIntegrationRateAfter: Number((importRate / directAfterRate).toFixed(3)),
        }),
        again: { seconds: againSeconds, counts: againSummary.counts, registryBefore: before, registryAfter: after },
      };
    }
    const phasePeaks = rss.stop();
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    log(
      `peak RSS of the process: ${peakRssMiB} MiB; by phase of the import: ${JSON.stringify(phasePeaks)} MiB; heap left after a full GC: ${JSON.stringify(rss.retainedHeapMiB)} MiB`,
    );
    writeResults("import", args, {
      individuals,
      samePath: args.same
        ? { households: args.households, seconds: sameSeconds, householdsPerSecond: args.households / sameSeconds }
        : null,
      integrationPath: args.direct
        ? { households: args.direct, seconds: directSeconds, householdsPerSecond: args.direct / directSeconds }
        : null,
      import: { households: args.households, uploadSeconds, dryRunSeconds, dryRunMsPerHouseholdByTenth, counts: summary.counts, run },
      peakRssMiB,
      peakRssMiBByPhase: phasePeaks,
      retainedHeapMiBByPhase: rss.retainedHeapMiB,
      // V8's heap limit (NODE_OPTIONS=--max-old-space-size): the peak RSS depends on it.
      heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
    });
  } finally {
    await workers.close();
    await queue.close();
    redis.disconnect();
    await orm.close();
  }
}

await main();
