/**
 * Registry export benchmark (issue #17): a generated registry of 200,000 households / about 1,000,000
 * individuals (bench/integrate's generator, written by COPY, one version per household as the history
 * migration backfills it), then in the same run:
 *  (a) the real export job (runRegistryExport) to CSV, in a child process whose peak RSS is its own;
 *  (b) PostgreSQL's own `COPY households TO` and `COPY individuals TO` (psql's \copy, CSV with a header).
 *
 *   npx tsx bench/export.ts                       # full size
 *   npx tsx bench/export.ts --households 20000    # a quick look
 *   npx tsx bench/export.ts --keep, then --reuse  # export again from the registry kept
 *   BENCH_EXPORT_FORMAT=dta npx tsx bench/export.ts --reuse --keep  # another format (csv, xlsx, dta, sav, parquet)
 *
 * Its own database (rsu_bench_export on DATABASE_URL's server), dropped at the end unless --keep.
 */
import { execFile, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { runRegistryExport } from "../api/registry/exports/run-export";
import { registryAtScale } from "./integrate/registry-at-scale";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const run = promisify(execFile);
const config = loadConfig(process.env);
const args = parseArgs(process.argv.slice(2), { households: 200_000, seed: 20261128, keep: 0, reuse: 0, child: 0 });
const base = new URL(config.databaseUrl);
base.pathname = "/rsu_bench_export";
const DATABASE_URL = base.toString();
const log = (message: string) => console.log(`[export bench] ${message}`);

/** The child: runs one export job and reports its time and its own peak RSS. */
async function child(exportId: string, dir: string) {
  const orm = await openDatabase(DATABASE_URL);
  const started = performance.now();
  const outcome = await runRegistryExport(orm.em.fork(), { exportId }, { dir, keepMs: 3_600_000 });
  const seconds = (performance.now() - started) / 1000;
  await orm.close();
  process.send!({ outcome, seconds, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) });
}

/** The demo's catalogue and accounts, then the registry, with one version per household. */
async function generate(orm: Awaited<ReturnType<typeof openDatabase>>, client: pg.Client) {
  await seedDemo(orm.em.fork(), "bench");
  const registry = await registryAtScale(client, args.households, args.seed);
  // One version per household, as Migration20261128050000History backfills them: the export reads states from there.
  await client.query(`insert into household_versions (id, household_id, version, state, changes, action, form_id, form_version, created_at)
    select gen_random_uuid(), h.id, 1,
      jsonb_build_object('island', h.island, 'prefecture', h.prefecture, 'commune', h.commune, 'village', h.village,
        'headName', h.head_name, 'attributes', h.attributes,
        'members', coalesce((select jsonb_agg(jsonb_build_object('id', i.id, 'personId', i.person_id, 'lineNumber', i.line_number,
            'firstName', i.first_name, 'lastName', i.last_name, 'sex', i.sex, 'birthDate', to_char(i.birth_date, 'YYYY-MM-DD'),
            'nin', i.nin, 'relationToHead', i.relation_to_head, 'attributes', i.attributes) order by i.line_number)
          from individuals i where i.household_id = h.id), '[]'::jsonb)),
      '[]'::jsonb, 'create', 'menage', 1, h.created_at
    from households h`);
  await client.query("vacuum analyze");
  return registry;
}

/** What a registry kept by an earlier run (--keep, then --reuse) holds. */
async function registrySize(client: pg.Client): Promise<{ households: number; individuals: number }> {
  const { rows } = await client.query(
    `select (select count(*) from households)::int as households, (select count(*) from individuals)::int as individuals`,
  );
  return rows[0];
}

async function main() {
  log(`database rsu_bench_export: ${args.households} households`);
  if (!args.reuse) await dropDatabase(DATABASE_URL);
  const orm = await openDatabase(DATABASE_URL, { migrate: true });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const dir = await mkdtemp(join(tmpdir(), "rsu-bench-export-"));
  try {
    let t = performance.now();
    const registry = args.reuse ? await registrySize(client) : await generate(orm, client);
    log(
      `registry: ${registry.households} households, ${registry.individuals} individuals in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // (a) the export job, as the workers run it, for the demo administrator (every household, every column).
    const { rows } = await client.query(`select id from users where username = 'admin'`);
    const exportId = randomUUID();
    const format = process.env.BENCH_EXPORT_FORMAT ?? "csv";
    await client.query(
      `insert into registry_exports (id, requested_by, roles, format, filters, status, requested_at, done) values ($1, $2, '{admin}', $4, $3, 'queued', now(), 0)`,
      [exportId, rows[0].id, JSON.stringify({ asOf: new Date().toISOString(), delimiter: ";" }), format],
    );
    const job = await new Promise<{ seconds: number; maxRssMiB: number; outcome: { households: number; individuals: number } }>(
      (resolve, reject) => {
        const worker = fork(new URL(import.meta.url), ["--child", "1"], {
          env: { ...process.env, BENCH_EXPORT_ID: exportId, BENCH_EXPORT_DIR: dir },
        });
        worker.once("message", resolve as never);
        worker.once("error", reject);
        worker.once("exit", (code) => code && reject(new Error(`export child exited with ${code}`)));
      },
    );
    const zip = await stat(join(dir, `${exportId}.zip`));
    log(
      `export job: ${job.outcome.individuals} individuals in ${job.seconds.toFixed(1)} s, peak RSS ${job.maxRssMiB} MiB, zip ${(zip.size / 2 ** 20).toFixed(0)} MiB`,
    );

    // (b) PostgreSQL's own COPY … TO of the same two tables, to files, through psql.
    t = performance.now();
    for (const table of ["households", "individuals"]) {
      await run("psql", [DATABASE_URL, "-qc", `\\copy ${table} to '${join(dir, `${table}.copy.csv`)}' with (format csv, header)`]);
    }
    const copySeconds = (performance.now() - t) / 1000;
    const copyBytes = (await stat(join(dir, "households.copy.csv"))).size + (await stat(join(dir, "individuals.copy.csv"))).size;
    log(`COPY TO: ${copySeconds.toFixed(1)} s, ${(copyBytes / 2 ** 20).toFixed(0)} MiB`);

    const results = {
      registry,
      exportJob: {
        seconds: job.seconds,
        individualsPerSecond: Math.round(job.outcome.individuals / job.seconds),
        peakRssMiB: job.maxRssMiB,
        zipMiB: Math.round(zip.size / 2 ** 20),
      },
      copyTo: {
        seconds: copySeconds,
        individualsPerSecond: Math.round(registry.individuals / copySeconds),
        csvMiB: Math.round(copyBytes / 2 ** 20),
      },
      exportShareOfCopy: Number((copySeconds / job.seconds).toFixed(3)),
    };
    log(`export throughput = ${(results.exportShareOfCopy * 100).toFixed(0)} % of COPY TO`);
    writeResults("export", { households: args.households, seed: args.seed, format }, results);
  } finally {
    await client.end();
    await orm.close();
    await rm(dir, { recursive: true, force: true });
    if (!args.keep) await dropDatabase(DATABASE_URL);
  }
}

if (args.child) await child(process.env.BENCH_EXPORT_ID!, process.env.BENCH_EXPORT_DIR!);
else await main();
