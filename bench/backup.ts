/**
 * Backup and restore of a large registry (issue #16), against plain pg_dump/pg_restore in the same run:
 * `npm run bench:backup -- --individuals 1000000`. Builds a registry of synthetic households (about 5 people
 * each, with realistic JSON attributes) in a database of its own, then times, in one run: pg_dump -Fc to a
 * file, pg_restore into a new database; rsu's writeBackup (same dump, plus manifest and checksum), the same
 * encrypted, and verifyBackup (restore into a scratch database and every check).
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { verifyBackup } from "../api/backup/restore-backup";
import { writeBackup } from "../api/backup/write-backup";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { migrateDatabase } from "../api/db/database";
import { libpqEnvironment } from "../api/backup/pg-tools";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const options = parseArgs(process.argv.slice(2), { individuals: 1_000_000 });
const base = new URL(process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const url = (name: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString();
const source = url("rsu_bench_backup");
const plainTarget = url("rsu_bench_backup_plain");
const dir = await mkdtemp(join(tmpdir(), "rsu-bench-backup-"));
const config = loadConfig({ DATABASE_URL: source, AUDIT_ANCHOR_FILE: join(dir, "anchors.jsonl") });

const timed = async <T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const start = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - start), value };
};
const run = (tool: string, args: string[], database: string) => {
  const result = spawnSync(tool, args, { env: { ...process.env, ...libpqEnvironment(database) }, stdio: ["ignore", "ignore", "pipe"] });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
};

await dropDatabase(source);
await dropDatabase(plainTarget);
await migrateDatabase(source);
const households = Math.ceil(options.individuals / 5);
const sql = new pg.Client({ connectionString: source });
await sql.connect();
const built = await timed(async () => {
  await sql.query(
    `insert into households (id, attributes, source_submission_id, created_at, updated_at, commune)
     select gen_random_uuid(), jsonb_build_object('number_of_rooms', n % 7 + 1, 'owns_land', n % 2 = 0, 'village', 'Village ' || n % 500,
       'interview_date', '2025-03-10'), gen_random_uuid(), now(), now(), (10101 + n % 30)::text from generate_series(1, $1) n`,
    [households],
  );
  await sql.query(
    `insert into individuals (id, household_id, line_number, nin, attributes, created_at)
     select gen_random_uuid(), h.id, l, null, jsonb_build_object('first_name', 'Prénom' || l, 'last_name', 'Nom' || (row_number() over ()),
       'sex', (l % 2 + 1)::text, 'birth_date', '1980-01-01'), now()
     from households h cross join generate_series(1, 5) l limit $1`,
    [options.individuals],
  );
  await sql.query("vacuum analyze");
});
const [{ size }] = (await sql.query(`select pg_database_size(current_database()) as size`)).rows;
await sql.end();
console.log(
  `registry: ${households} households, ${options.individuals} individuals, ${Math.round(size / 2 ** 20)} MiB, built in ${built.ms} ms`,
);

const plainFile = join(dir, "plain.dump");
const plainDump = await timed(() => run("pg_dump", ["--format=custom", `--file=${plainFile}`], source));
await dropDatabase(plainTarget);
run("createdb", [], plainTarget);
const plainRestore = await timed(() =>
  run("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${new URL(plainTarget).pathname.slice(1)}`, plainFile], plainTarget),
);
const rsuFile = join(dir, "rsu.rsubackup");
const rsuBackup = await timed(() => writeBackup({ databaseUrl: source, file: rsuFile }));
const encFile = join(dir, "rsu-encrypted.rsubackup");
const encBackup = await timed(() => writeBackup({ databaseUrl: source, file: encFile, passphrase: "bench passphrase of the backup 2026" }));
const verify = await timed(() => verifyBackup(rsuFile, { databaseUrl: source, audit: config.audit }));
if (!verify.value.ok) throw new Error(`verify failed: ${JSON.stringify(verify.value.checks)}`);

const results = {
  households,
  individuals: options.individuals,
  databaseMiB: Math.round(size / 2 ** 20),
  plain: { dumpMs: plainDump.ms, restoreMs: plainRestore.ms, bytes: (await stat(plainFile)).size },
  rsu: { backupMs: rsuBackup.ms, verifyMs: verify.ms, bytes: (await stat(rsuFile)).size },
  rsuEncrypted: { backupMs: encBackup.ms, bytes: (await stat(encFile)).size },
};
console.log(JSON.stringify(results, null, 2));
writeResults("backup", options, results);
await dropDatabase(plainTarget);
await dropDatabase(source);
await rm(dir, { recursive: true, force: true });
