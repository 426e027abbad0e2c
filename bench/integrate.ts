/**
 * Integration benchmark (issue #6): a generated registry of 200,000 households / about 1,000,000
 * individuals, then (a) the person-match lookup's latency, (b) households per second through the real
 * integration function, and (c) in the same run, a raw COPY of the same rows into the same tables.
 *
 *   npx tsx bench/integrate.ts                        # full size (see bench/README.md for the time it takes)
 *   npx tsx bench/integrate.ts --households 20000 --integrate 2000 --lookups 500    # a quick look
 *
 * Its own database (rsu_bench_integrate on DATABASE_URL's server), dropped at the end unless --keep.
 * The registry is written with `COPY … FROM STDIN` through pg's client and a hand-rolled copy-in query
 * (integrate/copy-in.ts): rows come from the demo mask's generator with Comorian names
 * (integrate/comorian-households.ts), split by the pipeline's own `householdFromSubmission`, so the
 * matching keys are those the pipeline writes. --profile: integrate/profile.ts.
 */
import { fork } from "node:child_process";
import pg from "pg";
import type { MikroORM } from "@mikro-orm/postgresql";
import { loadConfig } from "../api/config";
import { databaseName, dropDatabase, onServer, quoteIdentifier } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { migrationsList } from "../api/db/migrations";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { matchPerson, type PersonToMatch } from "../api/registry/matching/match-person";
import { integrateSubmission } from "../api/registry/integration/integrate-submission";
import { Dice, prng } from "../test/helpers/demo-responses";
import { generatedHousehold, nameDrawer } from "./integrate/comorian-households";
import { parseArgs } from "./parse-args";
import { copyRegistry, householdIdOf, insertReceived } from "./integrate/registry-rows";
import { refreshNameFrequencies } from "../api/registry/matching/name-frequencies";
import { profileQueries } from "./integrate/profile";
import { writeResults } from "./results-file";

const config = loadConfig(process.env);
// Concurrency and batch size default to the workers' own (WORKER_CONCURRENCY, INTEGRATION_BATCH_SIZE).
const args = parseArgs(process.argv.slice(2), {
  households: 200_000,
  integrate: 20_000,
  lookups: 2_000,
  concurrency: config.workerConcurrency,
  batch: config.integrationBatchSize,
  seed: 20261128,
  keep: 0,
  show: 0,
  profile: 0,
  reuse: 0,
  processes: 1,
  child: -1,
  updates: 0,
});
const base = new URL(config.databaseUrl);
base.pathname = "/rsu_bench_integrate";
const DATABASE_URL = base.toString();
// --reuse: the registry of step 1, kept as a template database per size, seed and schema (the number of
// migrations), so that runs after the first copy it (seconds) instead of writing it again (minutes at full size).
// The suffix after the migrations' number changes when registryLines writes its rows differently.
const REGISTRY_TEMPLATE = `rsu_bench_registry_${args.households}_${args.seed}_m${migrationsList.length}_nins`;

// ——— measures ———

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Incoming people drawn from the registry (some respelt, some with a NIN) and from nowhere (new). */
async function lookupSample(
  client: pg.Client,
  count: number,
  dice: Dice,
): Promise<{ person: PersonToMatch; island: string | null; commune: string | null }[]> {
  const { rows } = await client.query(
    `select i.first_name, i.last_name, i.sex, to_char(i.birth_date, 'YYYY-MM-DD') as birth_date, i.nin, h.island, h.commune
       from individuals i tablesample system (1) join households h on h.id = i.household_id limit $1`,
    [count],
  );
  return rows.map((r, n) => {
    const existing = n % 4 !== 3;
    const names = nameDrawer(dice);
    const person: PersonToMatch = existing
      ? { firstName: r.first_name, lastName: r.last_name, sex: r.sex, birthDate: r.birth_date, nin: dice.chance(0.3) ? r.nin : null }
      : {
          firstName: r.sex === "1" ? names.male() : names.female(),
          lastName: names.male(),
          sex: r.sex,
          birthDate: r.birth_date,
          nin: null,
        };
    return { person, island: r.island, commune: r.commune };
  });
}

async function measureLookups(orm: MikroORM, client: pg.Client, count: number, dice: Dice) {
  const sample = await lookupSample(client, count, dice);
  const thresholds = config.matchThresholds;
  const times: number[] = [];
  const decisions = { link: 0, review: 0, new: 0 };
  for (const [n, { person, island, commune }] of sample.entries()) {
    // Timed inside a transaction, as the pipeline calls it; BEGIN and COMMIT are not the lookup's.
    const match = await orm.em.fork().transactional(async (tx) => {
      const started = performance.now();
      const found = await matchPerson(tx, person, { island, commune }, thresholds);
      if (n >= 50) times.push(performance.now() - started); // the first 50 warm the caches and plans
      return found;
    });
    decisions[match.decision]++;
    // --show N prints the first N review decisions, to see why they are not clear-cut.
    if (match.decision === "review" && decisions.review <= args.show) {
      console.log(
        JSON.stringify(person),
        match.candidates.slice(0, 2).map((c) => [c.score.total, c.score.explanation.map((m) => m.en)]),
      );
    }
  }
  times.sort((a, b) => a - b);
  return { count: times.length, median: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]!, decisions };
}

/** What step 3 integrates: a new household (its seed), or an update of the registry's household of that seed. */
type Incoming = { seed: number; update: boolean };

/**
 * The households of step 3: `--integrate` of them, a share `--updates` of which are updates of households
 * of the registry (one more room, built on version 1, as the runtime's update flow sends them), the others
 * new. Updates are spread among the new ones.
 */
function incomingHouseholds(dice: Dice): Incoming[] {
  const updated = dice.some(
    Array.from({ length: args.households }, (_, i) => args.seed + i),
    Math.round(args.integrate * args.updates),
  );
  let next = 0;
  return Array.from({ length: args.integrate }, (_, i) =>
    next < updated.length && (i * updated.length) / args.integrate >= next
      ? { seed: updated[next++]!, update: true }
      : { seed: args.seed + args.households + i, update: false },
  );
}

async function insertSubmissions(client: pg.Client, incoming: Incoming[]): Promise<string[]> {
  return insertReceived(
    client,
    incoming.map(({ seed, update }) => {
      const data = generatedHousehold(seed);
      if (!update) return { data };
      data.number_of_rooms = (data.number_of_rooms as number) + 1;
      return { data, target: { householdId: householdIdOf(seed), baseVersion: 1 } };
    }),
  );
}

/**
 * Runs one integration job per submission, `concurrency` at a time, as the workers do: each job takes up to
 * `batch` received submissions into its transaction, so most later jobs find theirs already done. With
 * `--processes N`, N worker processes (this script again, `--child k`) share the jobs as BullMQ would share
 * a queue (every N-th job each); they start before the clock does. The outcomes are read from the
 * submissions afterwards.
 */
async function integrateAll(orm: MikroORM, ids: string[], concurrency: number, batch: number) {
  const children = args.processes > 1 ? await Promise.all(Array.from({ length: args.processes }, (_, k) => startChild(k))) : [];
  const started = performance.now();
  if (children.length) await Promise.all(children.map((child) => child.run()));
  else await runJobs(orm, ids, concurrency, batch);
  const seconds = (performance.now() - started) / 1000;
  const count = async (sql: string) =>
    Object.fromEntries((await orm.em.getConnection().execute<{ key: string; n: string }[]>(sql)).map((r) => [r.key, Number(r.n)]));
  return {
    seconds,
    outcomes: await count(`select status as key, count(*) as n from submissions group by status`),
    // Why the submissions wait: a household held as a probable duplicate, or created with members to check.
    reviewItems: await count(`select kind as key, count(*) as n from review_items group by kind`),
  };
}

async function runJobs(orm: MikroORM, ids: string[], concurrency: number, batch: number): Promise<void> {
  const thresholds = config.matchThresholds;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const submissionId = ids[next++]!;
        await integrateSubmission(orm.em.fork(), { submissionId }, thresholds, batch);
      }
    }),
  );
}

/** A worker process, ready (database open, code loaded); `run` lets it go and resolves when it is done. */
function startChild(k: number): Promise<{ run: () => Promise<void> }> {
  const options = ["--households", "--concurrency", "--batch", "--processes", "--seed"].flatMap((o) => [
    o,
    String(args[o.slice(2) as keyof typeof args]),
  ]);
  const child = fork(process.argv[1]!, [...options, "--child", String(k)], { stdio: "inherit" });
  const message = (expected: string) =>
    new Promise<void>((resolve, reject) => {
      child.once("message", (m) => (m === expected ? resolve() : reject(new Error(`worker ${k}: ${String(m)}`))));
      child.once("exit", (code) => reject(new Error(`worker ${k} exited with ${code}`)));
    });
  return message("ready").then(() => ({
    run: () => {
      const done = message("done");
      child.send("go");
      return done;
    },
  }));
}

/** `--child k`: one of the worker processes of --processes; takes every N-th received submission from the k-th. */
async function childMain(k: number): Promise<void> {
  const orm = await openDatabase(DATABASE_URL);
  const rows = await orm.em
    .getConnection()
    .execute<{ id: string }[]>(`select id from submissions where status = 'received' order by received_at`);
  const ids = rows.map((r) => r.id).filter((_, i) => i % args.processes === k);
  process.send!("ready");
  await new Promise((resolve) => process.once("message", resolve));
  await runJobs(orm, ids, args.concurrency, args.batch);
  await orm.close();
  process.send!("done");
}

// ——— the run ———

async function main() {
  const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
  log(
    `database ${base.pathname.slice(1)}: ${args.households} households in the registry, ${args.integrate} to integrate, ${args.lookups} lookups`,
  );
  await dropDatabase(DATABASE_URL);
  const reused = args.reuse ? await copyTemplate(REGISTRY_TEMPLATE, DATABASE_URL) : false;
  let orm = await openDatabase(DATABASE_URL, { migrate: true });
  let client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const results: Record<string, unknown> = {};
  try {
    let t = performance.now();
    if (reused) {
      // Migrations newer than the template were applied by openDatabase; their indexes need statistics.
      await settle(client);
      log(`registry: copied from ${REGISTRY_TEMPLATE} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else {
      // 1. The registry, by COPY, indexes in place (as the migrations left them).
      await seedDemo(orm.em.fork(), "bench");
      const seeds = Array.from({ length: args.households }, (_, i) => args.seed + i);
      const registry = await copyRegistry(client, seeds);
      const registrySeconds = (performance.now() - t) / 1000;
      // As autovacuum leaves a registry that has settled: statistics and the visibility map (which lets the
      // lookups read the covering index alone).
      await settle(client);
      log(`registry: ${registry.households} households, ${registry.individuals} individuals in ${registrySeconds.toFixed(1)} s`);
      results.registry = { ...registry, seconds: registrySeconds };
      if (args.reuse) {
        await Promise.all([client.end(), orm.close()]);
        await copyTemplate(DATABASE_URL, REGISTRY_TEMPLATE);
        orm = await openDatabase(DATABASE_URL);
        client = new pg.Client({ connectionString: DATABASE_URL });
        await client.connect();
      }
    }

    // The match model's frequencies, as the first lookup after a bulk load would compute them.
    t = performance.now();
    await refreshNameFrequencies(orm.em.fork());
    log(`name frequencies: recomputed in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // 2. Match lookups at this size.
    const lookups = await measureLookups(orm, client, args.lookups, new Dice(prng(args.seed + 7)));
    log(
      `lookups: ${lookups.count} timed, median ${lookups.median.toFixed(2)} ms, p95 ${lookups.p95.toFixed(2)} ms, max ${lookups.max.toFixed(1)} ms; decisions ${JSON.stringify(lookups.decisions)}`,
    );
    results.lookups = lookups;

    if (args.integrate === 0) {
      writeResults("integrate", args, results);
      return;
    }
    // 3. Integration of new households through the real function (submissions inserted directly).
    const newSeeds = Array.from({ length: args.integrate }, (_, i) => args.seed + args.households + i);
    const incoming = incomingHouseholds(new Dice(prng(args.seed + 11)));
    const submissionIds = await insertSubmissions(client, incoming);
    // Each measured step starts with nothing left to write from the one before (the registry's copy, the
    // integration's pages): otherwise the checkpointer's catching up lands on whichever step comes next.
    await client.query("checkpoint");
    const profile = args.profile ? profileQueries() : null;
    const integration = await integrateAll(orm, submissionIds, args.concurrency, args.batch);
    const integrationRate = args.integrate / integration.seconds;
    profile?.report(args.integrate, integration.seconds);
    log(
      `integration: ${args.integrate} households (${incoming.filter((h) => h.update).length} of them updates) in ${integration.seconds.toFixed(1)} s = ${integrationRate.toFixed(0)} households/s (concurrency ${args.concurrency}, batches of ${args.batch}); outcomes ${JSON.stringify(integration.outcomes)}, review items ${JSON.stringify(integration.reviewItems)}`,
    );
    results.integration = { ...integration, rate: integrationRate };

    // 4. The same rows by raw COPY into the same tables (generation and splitting included, as in step 3).
    await client.query("checkpoint");
    t = performance.now();
    const copied = await copyRegistry(client, newSeeds, "C");
    const copySeconds = (performance.now() - t) / 1000;
    const copyRate = copied.households / copySeconds;
    log(
      `raw COPY: ${copied.households} households, ${copied.individuals} individuals in ${copySeconds.toFixed(1)} s = ${copyRate.toFixed(0)} households/s`,
    );
    log(`integration is ${((100 * integrationRate) / copyRate).toFixed(1)} % of the raw COPY rate`);
    results.copy = { ...copied, seconds: copySeconds, rate: copyRate, integrationShare: integrationRate / copyRate };
    console.log(JSON.stringify(results));
    writeResults("integrate", args, results);
  } finally {
    await client.end();
    await orm.close();
    if (!args.keep) await dropDatabase(DATABASE_URL);
  }
}

/** VACUUM ANALYZE of the registry's tables (one statement each: a multi-statement query is a transaction). */
async function settle(client: pg.Client): Promise<void> {
  for (const table of ["households", "individuals"]) await client.query(`vacuum analyze ${table}`);
}

/** Creates database `to` as a copy of `from` (a name or a URL on the same server); false when `from` does not exist. */
async function copyTemplate(from: string, to: string): Promise<boolean> {
  const bare = (s: string) => (s.includes("://") ? databaseName(s) : s);
  return onServer(DATABASE_URL, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [bare(from)]);
    if (!rowCount) return false;
    await client.query(`drop database if exists ${quoteIdentifier(bare(to))}`);
    // FILE_COPY: copied as files after one checkpoint, rather than block by block through the WAL (which left
    // the checkpointer writing the copy again during the measures).
    await client.query(`create database ${quoteIdentifier(bare(to))} template ${quoteIdentifier(bare(from))} strategy file_copy`);
    return true;
  });
}

(args.child >= 0 ? childMain(args.child) : main()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
