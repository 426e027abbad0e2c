/**
 * Bulk import benchmark (issue #19): a generated partner file of --households households (a row per
 * member, CSV), uploaded, dry-run and run through the workers until every household is integrated; and,
 * in the same run, the integration path's own throughput on --direct households submitted as a clerk's
 * (submission + outbox row, then the same workers). Workers run in this process: the peak RSS is the
 * process's (API side of the import, the run job and integration together).
 *
 *   npx tsx bench/import.ts                                  # 100,000 households (≈ 500,000 individuals)
 *   npx tsx bench/import.ts --households 5000 --direct 2000  # a quick look
 *
 * Its own database (rsu_bench_import on DATABASE_URL's server), dropped at the start.
 */
import { createReadStream, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
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
import { createLogger } from "../api/log";
import { createImportQueue } from "../api/queue/import-queue";
import { createIntegrationQueue } from "../api/queue/integration-queue";
import { producerConnection } from "../api/queue/redis";
import { insertOutboxRows, insertSubmissions } from "../api/repositories/submission-batch.repository";
import { contentHash } from "../api/services/hash";
import { startWorkers } from "../workers/start-workers";
import { validHousehold } from "../test/helpers/demo-responses";
import { oneFileTable, partnerProfile, writeCsv } from "../test/helpers/partner-files";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const args = parseArgs(process.argv.slice(2), { households: 100_000, direct: 10_000, seed: 20261208 });
const base = loadConfig(process.env);
const url = new URL(base.databaseUrl);
url.pathname = "/rsu_bench_import";
const config = { ...base, databaseUrl: url.toString(), queuePrefix: `bench-import-${process.pid}`, relayIntervalMs: 1_000 };
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
    const [version] = await orm.em
      .fork()
      .getConnection()
      .execute<{ id: number }[]>(`select id from form_versions where form_id = 'menage' and version = 1`);
    const direct = Array.from({ length: args.direct }, (_, i) => household(args.seed + 1_000_000 + i));
    let t = performance.now();
    for (let from = 0; from < direct.length; from += 500) {
      const rows = direct.slice(from, from + 500).map((data) => ({
        id: crypto.randomUUID(),
        formVersionId: version!.id,
        data,
        contentHash: contentHash({ formId: "menage", version: 1, data }),
        submittedBy: actor.userId,
        commune: data.commune as string,
        householdId: null,
        baseVersion: null,
      }));
      const ids = await orm.em.fork().transactional(async (tx) => {
        const inserted = [...(await insertSubmissions(tx, rows))];
        await insertOutboxRows(tx, inserted, new Date(Date.now() + 60_000));
        return inserted;
      });
      await queue.enqueue(ids);
    }
    await integrated(orm, args.direct);
    const directSeconds = seconds(t);
    log(`integration path: ${args.direct} households in ${directSeconds.toFixed(1)} s (${(args.direct / directSeconds).toFixed(1)}/s)`);

    // (b) The import: a partner file written, uploaded (staged), dry-run, then run until every household is integrated.
    const dir = mkdtempSync(join(tmpdir(), "rsu-bench-import-"));
    t = performance.now();
    const rows = Array.from({ length: args.households }, (_, i) => ({ key: `B${i}`, data: household(args.seed + i) }));
    const path = writeCsv(join(dir, "partenaire.csv"), oneFileTable(rows), { delimiter: ";" });
    const individuals = rows.reduce((n, r) => n + (r.data.members as unknown[]).length, 0);
    rows.length = 0;
    log(
      `file: ${args.households} households, ${individuals} individuals, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB in ${seconds(t).toFixed(1)} s`,
    );
    const em = () => orm.em.fork();
    t = performance.now();
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    const view = await uploadImportFile(em(), actor, null, "households", { body, name: "partenaire.csv" });
    const uploadSeconds = seconds(t);
    log(`upload (streamed, staged): ${uploadSeconds.toFixed(1)} s`);
    const profile = await createProfile(em(), { id: actor.userId, name: "admin", address: null }, partnerProfile("Bench") as never);
    t = performance.now();
    const summary = await dryRunImport(em(), view.id, profile.id, actor, null, config.matchThresholds);
    const dryRunSeconds = seconds(t);
    log(`dry run: ${dryRunSeconds.toFixed(1)} s, ${JSON.stringify(summary.counts)}`);
    t = performance.now();
    await startImportRun(em(), view.id, actor, null, createImportQueue(redis, config.queuePrefix), logger);
    await integrated(orm, args.direct + summary.counts.new);
    const runSeconds = seconds(t);
    const importRate = summary.counts.new / runSeconds;
    const directRate = args.direct / directSeconds;
    log(
      `run until integrated: ${runSeconds.toFixed(1)} s (${importRate.toFixed(1)}/s), ${((importRate / directRate) * 100).toFixed(0)} % of the integration path's rate`,
    );
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    log(`peak RSS of the process: ${peakRssMiB} MiB`);
    writeResults("import", args, {
      individuals,
      integrationPath: { households: args.direct, seconds: directSeconds, householdsPerSecond: directRate },
      import: {
        households: summary.counts.new,
        uploadSeconds,
        dryRunSeconds,
        runSeconds,
        householdsPerSecond: importRate,
        shareOfIntegrationRate: Number((importRate / directRate).toFixed(3)),
      },
      peakRssMiB,
    });
  } finally {
    await workers.close();
    await queue.close();
    redis.disconnect();
    await orm.close();
  }
}

await main();
