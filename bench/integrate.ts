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
 * (pg-copy-streams is not a dependency): rows come from the demo mask's generator
 * (test/helpers/demo-responses.ts) with names redrawn from the lists below, split by the pipeline's own
 * `householdFromSubmission`, so the matching keys are those the pipeline writes.
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { Connection } from "@mikro-orm/core";
import type { MikroORM } from "@mikro-orm/postgresql";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { DEMO_FORM } from "../api/db/seeders/demo/catalogue";
import { contentHash } from "../api/services/hash";
import { placeOf } from "../api/services/accept-submission";
import { MEMBERS_ROSTER } from "../schemas/contracts/registry";
import { householdFromSubmission } from "../workers/integrate/household-from-submission";
import { matchPerson, type PersonToMatch } from "../workers/integrate/match-person";
import { integrateSubmission } from "../workers/processors/integrate-submission";
import { Dice, prng, validHousehold, type Member, type Response } from "../test/helpers/demo-responses";

const config = loadConfig(process.env);
// Concurrency and batch size default to the workers' own (WORKER_CONCURRENCY, INTEGRATION_BATCH_SIZE).
const args = parseArgs(process.argv.slice(2), {
  households: 200_000, integrate: 20_000, lookups: 2_000, concurrency: config.workerConcurrency, batch: config.integrationBatchSize, seed: 20261128, keep: 0, show: 0, profile: 0,
  reuse: 0, processes: 1, child: -1,
});
const base = new URL(config.databaseUrl);
base.pathname = "/rsu_bench_integrate";
const DATABASE_URL = base.toString();
// --reuse: the registry of step 1, kept as a template database per size and seed, so that runs after the
// first copy it (seconds) instead of writing it again (minutes at full size).
const REGISTRY_TEMPLATE = `rsu_bench_registry_${args.households}_${args.seed}`;

// Given names by sex and how common they are (a rough Zipf order), each with the spellings clerks use.
const MALE: [string[], number][] = [
  [["Mohamed", "Mohammed", "Mouhamad", "Mhamadi", "Mohamadi"], 30], [["Said", "Saïd", "Saidi"], 18], [["Ali", "Aly"], 16],
  [["Ahmed", "Ahamada", "Ahmad", "Ahamadi"], 14], [["Abdallah", "Abdoulah", "Abdallahi"], 12], [["Youssouf", "Yousouf"], 9],
  [["Ibrahim", "Ibrahima"], 8], [["Houmadi", "Hamadi"], 8], [["Soilihi", "Swalihi"], 7], [["Madi"], 7], [["Abdou"], 7],
  [["Nourdine", "Nour Eddine"], 5], [["Djaffar", "Jaffar"], 4], [["Hamidou", "Hamidi"], 5], [["Salim"], 4], [["Moussa"], 5],
  [["Issa"], 4], [["Chamsoudine"], 3], [["Fahardine"], 3], [["Anrifi"], 2], [["Athoumani", "Attoumane"], 5], [["Assoumani"], 4],
  [["Hassani", "Hassane"], 5], [["Houssein", "Hussein"], 4], [["Oumar", "Omar"], 4], [["Idriss", "Idrissa"], 3],
  [["Soulaimana", "Souleymane"], 3], [["Mchangama"], 2], [["Toihir", "Twahir"], 3], [["Dhoihir", "Doihir"], 3], [["Bacar"], 4],
  [["Combo"], 2], [["Boina"], 2], [["Msaidie"], 2], [["Kassim"], 3], [["Ismael"], 2], [["Bourhane"], 2], [["Mzé Ali"], 1],
  [["Nassur", "Nassour"], 2], [["Zoubeir"], 1], [["Kamal"], 1], [["Ousseni"], 2], [["Radjabou"], 1], [["Sidi"], 2], [["Ahmada"], 2],
];
const FEMALE: [string[], number][] = [
  [["Fatima", "Fatouma", "Fatoumia"], 20], [["Zaharia", "Zahariya"], 10], [["Mariama", "Maryam"], 10], [["Anfiati"], 5],
  [["Echati"], 4], [["Hadidja", "Hadidjah"], 7], [["Moinaecha", "Mwanaecha"], 5], [["Sitti", "Siti"], 6], [["Roukia", "Rukia"], 5],
  [["Nadjma"], 4], [["Zalifa"], 3], [["Faïza", "Faiza"], 4], [["Amina"], 7], [["Nassra"], 3], [["Chamsia", "Shamsia"], 3],
  [["Mouniati"], 3], [["Halima"], 6], [["Rahamatou"], 3], [["Saandia"], 3], [["Oumi"], 3], [["Zainaba", "Zeinab"], 6],
  [["Aïcha", "Aicha"], 7], [["Mwanaïdi", "Mwanaidi"], 3], [["Koulthoum", "Kalthoum"], 3], [["Soifiat"], 2], [["Hidaya"], 2],
  [["Rachida"], 3], [["Anzoumati"], 2], [["Nourou"], 2], [["Djamila", "Jamila"], 3], [["Salama"], 2], [["Hamida"], 2],
];

function nameDrawer(dice: Dice) {
  const pick = (pool: [string[], number][]) => {
    const spellings = dice.weighted(pool);
    // The usual spelling four times out of five, a variant otherwise.
    return dice.chance(0.8) ? spellings[0]! : dice.pick(spellings);
  };
  return { male: () => pick(MALE), female: () => pick(FEMALE) };
}

/** A demo household with names redrawn from the lists above; children carry their father's given name. */
function generatedHousehold(seed: number): Response {
  const data = validHousehold(seed);
  const names = nameDrawer(new Dice(prng(seed ^ 0x5eed)));
  const members = data[MEMBERS_ROSTER] as Member[];
  const used = new Set<string>();
  for (const m of members) {
    let first: string;
    do first = m.sex === "1" ? names.male() : names.female();
    while (used.has(first) && used.size < 40);
    used.add(first);
    m.first_name = first;
    m.last_name = names.male();
  }
  const head = members[0]!;
  const father = head.sex === "1" ? head.first_name : names.male();
  for (const m of members) if (m.relation_to_head === "03" || m.relation_to_head === "05") m.last_name = father;
  return data;
}

// ——— COPY … FROM STDIN through pg's client, without pg-copy-streams ———

/** A query pg's client runs like any other: it sends the COPY, then our rows when the server asks. */
class CopyIn {
  private resolve!: () => void;
  private reject!: (e: unknown) => void;
  readonly done = new Promise<void>((res, rej) => ((this.resolve = res), (this.reject = rej)));
  constructor(private readonly text: string, private readonly rows: Iterable<string>) {}
  submit(connection: any) { connection.query(this.text); }
  handleCopyInResponse(connection: any) {
    void (async () => {
      let chunk = "";
      for (const row of this.rows) {
        chunk += row;
        if (chunk.length > 1 << 20) {
          connection.sendCopyFromChunk(Buffer.from(chunk));
          chunk = "";
          if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once("drain", r));
        }
      }
      if (chunk) connection.sendCopyFromChunk(Buffer.from(chunk));
      connection.endCopyFrom();
    })().catch((e) => connection.sendCopyFail(String(e)));
  }
  handleCommandComplete() {}
  handleReadyForQuery() { this.resolve(); }
  handleError(error: unknown) { this.reject(error); }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handleCopyData() {}
}

async function copyIn(client: pg.Client, table: string, columns: string[], rows: Iterable<string>): Promise<void> {
  const copy = new CopyIn(`copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`, rows);
  client.query(copy as any);
  await copy.done;
}

/** COPY text format: tabs, newlines and backslashes escaped, NULL as \N (docs/STACK.md). */
function line(values: unknown[]): string {
  return values.map((v) => (v === null || v === undefined ? "\\N" : String(typeof v === "object" ? JSON.stringify(v) : v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r"))).join("\t") + "\n";
}

const HOUSEHOLD_COLUMNS = ["id", "island", "prefecture", "commune", "village", "head_name", "search_name", "attributes", "source_submission_id", "created_at", "updated_at"];
const INDIVIDUAL_COLUMNS = ["id", "household_id", "line_number", "first_name", "last_name", "sex", "birth_date", "nin", "relation_to_head", "attributes", "created_at", "name_key", "block_key", "birth_year"];

/** The registry's rows of the given households as COPY lines, split by the pipeline's own function. */
function registryLines(seeds: number[]): { households: string[]; individuals: string[] } {
  const now = new Date().toISOString();
  const lines = { households: [] as string[], individuals: [] as string[] };
  for (const seed of seeds) {
    const { household: h, members } = householdFromSubmission(generatedHousehold(seed));
    const id = randomUUID();
    lines.households.push(line([id, h.island, h.prefecture, h.commune, h.village, h.headName, h.searchName, h.attributes, randomUUID(), now, now]));
    for (const m of members) {
      lines.individuals.push(line([randomUUID(), id, m.lineNumber, m.firstName, m.lastName, m.sex, m.birthDate, m.nin, m.relationToHead, m.attributes, now, m.nameKey, m.blockKey, m.birthYear]));
    }
  }
  return lines;
}

/** Writes the registry of `seeds` by COPY, 5,000 households a statement; returns what it wrote. */
async function copyRegistry(client: pg.Client, seeds: number[]): Promise<{ households: number; individuals: number }> {
  let households = 0;
  let individuals = 0;
  const BATCH = 5_000;
  for (let start = 0; start < seeds.length; start += BATCH) {
    const lines = registryLines(seeds.slice(start, start + BATCH));
    await copyIn(client, "households", HOUSEHOLD_COLUMNS, lines.households);
    await copyIn(client, "individuals", INDIVIDUAL_COLUMNS, lines.individuals);
    households += lines.households.length;
    individuals += lines.individuals.length;
  }
  return { households, individuals };
}

// ——— measures ———

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Incoming people drawn from the registry (some respelt, some with a NIN) and from nowhere (new). */
async function lookupSample(client: pg.Client, count: number, dice: Dice): Promise<{ person: PersonToMatch; island: string | null; commune: string | null }[]> {
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
      : { firstName: r.sex === "1" ? names.male() : names.female(), lastName: names.male(), sex: r.sex, birthDate: r.birth_date, nin: null };
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
      console.log(JSON.stringify(person), match.candidates.slice(0, 2).map((c) => [c.score.total, c.score.explanation.map((m) => m.en)]));
    }
  }
  times.sort((a, b) => a - b);
  return { count: times.length, median: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]!, decisions };
}

async function insertSubmissions(client: pg.Client, seeds: number[]): Promise<string[]> {
  const { rows } = await client.query(`select id from form_versions where form_id = $1 order by version desc limit 1`, [DEMO_FORM.id]);
  const formVersionId = rows[0].id;
  const start = Date.now();
  const ids: string[] = [];
  const lines = seeds.map((seed, i) => {
    const data = generatedHousehold(seed);
    const id = randomUUID();
    ids.push(id);
    // Received one after the other, as clerks' submissions arrive, each with its commune as the API keeps it.
    const receivedAt = new Date(start + i).toISOString();
    return line([id, formVersionId, data, contentHash({ formId: DEMO_FORM.id, version: 1, data }), "received", receivedAt, placeOf(data).commune]);
  });
  await copyIn(client, "submissions", ["id", "form_version_id", "data", "content_hash", "status", "received_at", "commune"], lines);
  return ids;
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
  const options = ["--households", "--concurrency", "--batch", "--processes", "--seed"].flatMap((o) => [o, String(args[o.slice(2) as keyof typeof args])]);
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
  const rows = await orm.em.getConnection().execute<{ id: string }[]>(`select id from submissions where status = 'received' order by received_at`);
  const ids = rows.map((r) => r.id).filter((_, i) => i % args.processes === k);
  process.send!("ready");
  await new Promise((resolve) => process.once("message", resolve));
  await runJobs(orm, ids, args.concurrency, args.batch);
  await orm.close();
  process.send!("done");
}

/**
 * --profile: every statement sent to PostgreSQL during the integration (BEGIN and COMMIT included),
 * timed from the worker's side (round trip, server time and lock waits) and grouped by its first words,
 * plus the worker's own CPU time. pg's Client.query is wrapped, below MikroORM and knex, so that the
 * statements the pipeline sends with plain SQL are counted too.
 */
function profileQueries() {
  const statements = new Map<string, { count: number; ms: number; bytes: number }>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const record = (text: string, started: number, bytes: number) => {
    const kind = text.replace(/\s+/g, " ").trim().replace(/^\(/, "").match(/^(with .*?(?= select)|select .*? from "?\w+"?|insert into "?\w+"?|update "?\w+"?|delete from "?\w+"?|\w+)/i)?.[0] ?? text.slice(0, 40);
    const stat = statements.get(kind.slice(0, 60)) ?? { count: 0, ms: 0, bytes: 0 };
    stat.count++;
    stat.bytes += bytes;
    stat.ms += performance.now() - started;
    statements.set(kind.slice(0, 60), stat);
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string }).text ?? "");
    // What the statement sends: its text and its parameters (a batch's JSON).
    const values = (Array.isArray(args[1]) ? args[1] : (args[0] as { values?: unknown[] }).values) ?? [];
    const bytes = text.length + values.reduce<number>((n, v) => n + (typeof v === "string" ? v.length : 0), 0);
    const started = performance.now();
    const callback = args[args.length - 1];
    if (typeof callback === "function") {
      args[args.length - 1] = (...results: unknown[]) => (record(text, started, bytes), callback(...results));
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(() => record(text, started, bytes));
    return result;
  };
  const cpu = process.cpuUsage();
  const serverCpu = postgresCpuMs();
  return {
    report(households: number, seconds: number) {
      proto.query = original;
      const used = process.cpuUsage(cpu);
      const server = [...postgresCpuMs()].map(([kind, ms]) => [kind, (ms - (serverCpu.get(kind) ?? 0)) / households] as const).filter(([, ms]) => ms >= 0.005);
      const total = server.reduce((t, [, ms]) => t + ms, 0);
      console.log(`PostgreSQL's CPU per household: ${total.toFixed(2)} ms (${server.sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `${kind} ${ms.toFixed(2)}`).join(", ")})`);
      const rows = [...statements].sort((a, b) => b[1].ms - a[1].ms);
      const perHousehold = (ms: number) => (ms / households).toFixed(2);
      const count = rows.reduce((t, [, s]) => t + s.count, 0);
      console.log(`per household: wall ${perHousehold(seconds * 1000)} ms, worker CPU ${perHousehold((used.user + used.system) / 1000)} ms, ${(count / households).toFixed(2)} statements taking ${perHousehold(rows.reduce((t, [, s]) => t + s.ms, 0))} ms (summed over concurrent jobs)`);
      for (const [kind, s] of rows.slice(0, 20)) {
        console.log(`  ${perHousehold(s.ms).padStart(7)} ms  ${(s.count / households).toFixed(2).padStart(6)} ×  ${(s.bytes / households / 1024).toFixed(1).padStart(6)} KiB  ${kind}`);
      }
    },
  };
}

/**
 * CPU time (ms) used so far by this machine's PostgreSQL processes, by kind (the process title without
 * its details: "postgres rsu_bench_integrate" for our backends, "checkpointer", "autovacuum worker"…).
 * Linux /proc; nothing elsewhere.
 */
function postgresCpuMs(): Map<string, number> {
  const tick = 1000 / 100; // USER_HZ
  const used = new Map<string, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      // utime, stime, cutime, cstime: fields 14 to 17, counted after the command's closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").replace(/^postgres: (15\/main: )?/, "").split(" ").slice(0, 2).join(" ").trim();
      used.set(title, (used.get(title) ?? 0) + (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * tick);
    } catch {
      // the process ended meanwhile
    }
  }
  return used;
}

// ——— the run ———

async function main() {
  const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
  log(`database ${base.pathname.slice(1)}: ${args.households} households in the registry, ${args.integrate} to integrate, ${args.lookups} lookups`);
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

    // 2. Match lookups at this size.
    const lookups = await measureLookups(orm, client, args.lookups, new Dice(prng(args.seed + 7)));
    log(`lookups: ${lookups.count} timed, median ${lookups.median.toFixed(2)} ms, p95 ${lookups.p95.toFixed(2)} ms, max ${lookups.max.toFixed(1)} ms; decisions ${JSON.stringify(lookups.decisions)}`);
    results.lookups = lookups;

    if (args.integrate === 0) return;
    // 3. Integration of new households through the real function (submissions inserted directly).
    const newSeeds = Array.from({ length: args.integrate }, (_, i) => args.seed + args.households + i);
    const submissionIds = await insertSubmissions(client, newSeeds);
    // Each measured step starts with nothing left to write from the one before (the registry's copy, the
    // integration's pages): otherwise the checkpointer's catching up lands on whichever step comes next.
    await client.query("checkpoint");
    const profile = args.profile ? profileQueries() : null;
    const integration = await integrateAll(orm, submissionIds, args.concurrency, args.batch);
    const integrationRate = args.integrate / integration.seconds;
    profile?.report(args.integrate, integration.seconds);
    log(`integration: ${args.integrate} households in ${integration.seconds.toFixed(1)} s = ${integrationRate.toFixed(0)} households/s (concurrency ${args.concurrency}, batches of ${args.batch}); outcomes ${JSON.stringify(integration.outcomes)}, review items ${JSON.stringify(integration.reviewItems)}`);
    results.integration = { ...integration, rate: integrationRate };

    // 4. The same rows by raw COPY into the same tables (generation and splitting included, as in step 3).
    await client.query("checkpoint");
    t = performance.now();
    const copied = await copyRegistry(client, newSeeds);
    const copySeconds = (performance.now() - t) / 1000;
    const copyRate = copied.households / copySeconds;
    log(`raw COPY: ${copied.households} households, ${copied.individuals} individuals in ${copySeconds.toFixed(1)} s = ${copyRate.toFixed(0)} households/s`);
    log(`integration is ${((100 * integrationRate) / copyRate).toFixed(1)} % of the raw COPY rate`);
    results.copy = { ...copied, seconds: copySeconds, rate: copyRate, integrationShare: integrationRate / copyRate };
    console.log(JSON.stringify(results));
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
  const name = (s: string) => (s.includes("://") ? new URL(s).pathname.slice(1) : s);
  const admin = new URL(DATABASE_URL);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name(from)]);
    if (!rowCount) return false;
    await client.query(`drop database if exists "${name(to)}"`);
    // FILE_COPY: copied as files after one checkpoint, rather than block by block through the WAL (which left
    // the checkpointer writing the copy again during the measures).
    await client.query(`create database "${name(to)}" template "${name(from)}" strategy file_copy`);
    return true;
  } finally {
    await client.end();
  }
}

function parseArgs<T extends Record<string, number>>(argv: string[], defaults: T): T {
  const out: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "");
    if (!(name in defaults)) throw new Error(`unknown option --${name} (options: ${Object.keys(defaults).join(", ")})`);
    out[name] = name === "keep" ? 1 : Number(argv[++i]);
  }
  return out as T;
}

(args.child >= 0 ? childMain(args.child) : main()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
