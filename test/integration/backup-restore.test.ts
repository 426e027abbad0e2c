import { createHash } from "node:crypto";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openBackup } from "../../api/backup/backup-file";
import { takeCensus } from "../../api/backup/backup-manifest";
import { dropDatabase } from "../../api/db/create-database";
import { secondsSinceLastGoodBackup } from "../../api/services/backup-age";
import { asOwner, chainAndAnchor } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { runCli } from "../helpers/run-cli";
import { fingerprintTables } from "../helpers/table-fingerprint";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { testEnv } from "../helpers/test-env";

/*
 * Issue #16: `rsu backup`, `rsu backup verify` and `rsu restore`, run as an operator runs them, on the
 * test's own database. The restore drill (fill, back up, drop, restore, compare) is restore-drill.test.ts.
 */

// Each case runs the real command (a few seconds to start on a loaded machine) and a restore or two.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const NAME = "backup_restore";
const env = testEnv(NAME);
const dir = join(tmpdir(), `rsu-test-${NAME}-files`);
const PASSPHRASE = "sel de Mohéli, vanille de Ngazidja 2026";
let ctx: TestContext;
let plain: string;
// The source as `plain` holds it: a verification that fails later opens an incident in the source (#23).
let sourceAtBackup: Awaited<ReturnType<typeof fingerprintTables>>;

const urlOf = (database: string) => {
  const url = new URL(env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
};
const databases = (pattern: string) =>
  asOwner(ctx.config, async (sql) => (await sql.query(`select datname from pg_database where datname like $1`, [pattern])).rows.length);
const runRecord = (id: string) =>
  asOwner(
    ctx.config,
    async (sql) =>
      (await sql.query(`select origin, outcome, sha256, verified_at is not null as verified from backup_runs where id = $1`, [id])).rows[0],
  );
/** A restore gives back the database as dumped: without the run `rsu backup` recorded after its dump. */
const withoutRuns = ({ backup_runs: _, ...tables }: Awaited<ReturnType<typeof fingerprintTables>>) => tables;
const census = (databaseUrl: string) =>
  (async () => {
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    return takeCensus(sql).finally(() => sql.end());
  })();

beforeAll(async () => {
  await rm(dir, { recursive: true, force: true });
  ctx = await createTestContext(NAME);
  const workers = ctx.startWorkers();
  for (const seed of [11, 12, 13]) expect((await ctx.submitAndDrain(validHousehold(seed))).status).toBe("integrated");
  // A photo kept with a submission (issue #20): its bytes live in PostgreSQL, so the dump must carry them.
  const png = Buffer.from("89504e470d0a1a0a", "hex");
  await asOwner(ctx.config, (sql) =>
    sql.query(
      `insert into attachments (id, submission_id, variable, name, type, size, sha256, content, created_at)
       select gen_random_uuid(), id, 'household_photo', 'maison.png', 'image/png', 8, encode(sha256($1), 'hex'), $1, now()
         from submissions order by id limit 1`,
      [png],
    ),
  );
  // The workers' sequencer stops with them; the last rows are chained and anchored here, at once.
  await workers.close();
  await chainAndAnchor(ctx.config);
  plain = join(dir, "plain.rsubackup");
  const made = await runCli(["backup", "--out", plain], env);
  expect(made.stderr).toBe("");
  expect(made.code).toBe(0);
  sourceAtBackup = await fingerprintTables(env.DATABASE_URL!);
});
afterAll(async () => {
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("rsu backup", () => {
  it("writes one file, readable only by its owner, whose manifest describes the database exactly", async () => {
    const backup = await openBackup(plain);
    const now = await census(env.DATABASE_URL!);
    const { manifest } = backup;
    // The run is recorded once the file is written: the dump holds none, the source now one (issue #16).
    expect(manifest.tables).toEqual({ ...now.tables, backup_runs: 0 });
    expect(now.tables.backup_runs).toBe(1);
    expect(await runRecord(manifest.id)).toEqual({ origin: "cli", outcome: "written", sha256: manifest.dump.sha256, verified: false });
    expect(manifest.tables.households).toBe(3);
    expect(manifest.tables.attachments).toBe(1);
    expect(manifest.migrations).toEqual(now.migrations);
    expect(manifest.migrations.length).toBeGreaterThan(10);
    expect(manifest.auditHead).toEqual(now.auditHead);
    expect(manifest.auditHead!.seq).toBeGreaterThan(0);
    // The version names the commit the code runs from, since this test runs in a git checkout.
    const version = JSON.parse(await readFile("package.json", "utf8")).version as string;
    expect(manifest.application.name).toBe("rsu");
    expect(manifest.application.version).toMatch(new RegExp(`^${version.replace(/\./g, "\\.")}\\+[0-9a-f]{12}(-dirty)?$`));
    expect(manifest.encrypted).toBe(false);
    expect(manifest.dump.tool).toMatch(/^pg_dump \(PostgreSQL\) \d+/);
    expect(Date.parse(manifest.finishedAt) - Date.parse(manifest.startedAt)).toBe(manifest.durationMs);
    // The payload is pg_dump's custom format as written, and the manifest holds its SHA-256.
    const bytes = (await readFile(plain)).subarray(backup.payload.start, backup.payload.end);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("PGDMP");
    expect(bytes.length).toBe(manifest.dump.bytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(manifest.dump.sha256);
    expect((await stat(plain)).mode & 0o777).toBe(0o600);
  });

  it("refuses a file that is not a complete backup, and says so", async () => {
    const cut = join(dir, "cut.rsubackup");
    const whole = await readFile(plain);
    await writeFile(cut, whole.subarray(0, whole.length - 100));
    const verify = await runCli(["backup", "verify", cut], env);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain("n'est pas une sauvegarde rsu complète");
  });
});

describe("rsu backup verify", () => {
  it("restores into a scratch database, finds it identical to the manifest, and drops the scratch database", async () => {
    const verify = await runCli(["backup", "verify", plain], env);
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
    for (const check of ["checksum", "migrations", "tables", "audit_chain", "audit_head"])
      expect(verify.stdout).toMatch(new RegExp(`ok +${check}:`));
    expect(verify.stdout).toContain("sauvegarde vérifiée");
    expect(await databases(`%${NAME}_verify_%`)).toBe(0);
    // Verified, it counts for the alarm and /metrics like a scheduled backup.
    const { manifest } = await openBackup(plain);
    expect(await runRecord(manifest.id)).toEqual({ origin: "cli", outcome: "verified", sha256: manifest.dump.sha256, verified: true });
    expect(await secondsSinceLastGoodBackup(ctx.orm.em.fork())).toBeLessThan(600);
  });

  it("fails when the manifest and the dump disagree, naming the table and the counts", async () => {
    const backup = await openBackup(plain);
    const whole = await readFile(plain);
    const trailer = JSON.stringify({ manifest: { ...backup.manifest, tables: { ...backup.manifest.tables, households: 4 } }, mac: null });
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(Buffer.byteLength(trailer)));
    const lying = join(dir, "lying.rsubackup");
    await writeFile(lying, Buffer.concat([whole.subarray(0, backup.payload.end), Buffer.from(trailer), length, Buffer.from("RSU-END\n")]));
    const verify = await runCli(["backup", "verify", lying], env);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain("ÉCHEC / FAILED tables: households: 3 (manifest: 4)");
    expect(verify.stdout).toMatch(/ok +checksum:/);
    expect(verify.stdout).toContain("sauvegarde NON conforme");
    expect(await databases(`%${NAME}_verify_%`)).toBe(0);
    // The operator learns it from the incident register too, whoever ran the command (#23).
    const open = await asOwner(
      ctx.config,
      async (sql) => (await sql.query(`select severity from incidents where alarm = 'backup_failed' and status = 'open'`)).rows,
    );
    expect(open).toEqual([{ severity: "major" }]);
  });
});

describe("an encrypted backup", () => {
  let encrypted: string;
  beforeAll(async () => {
    encrypted = join(dir, "encrypted.rsubackup");
    const made = await runCli(["backup", "--encrypt", "--out", encrypted], env, `${PASSPHRASE}\n`);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
  });

  it("holds neither the passphrase nor the plain dump; its manifest stays readable", async () => {
    const bytes = await readFile(encrypted);
    expect(bytes.includes(Buffer.from(PASSPHRASE))).toBe(false);
    expect(bytes.includes(Buffer.from("PGDMP"))).toBe(false);
    const backup = await openBackup(encrypted);
    expect(backup.manifest.encrypted).toBe(true);
    // The source holds one more run than the dump: this backup's own, recorded after its dump.
    const now = (await census(env.DATABASE_URL!)).tables;
    expect(backup.manifest.tables).toEqual({ ...now, backup_runs: now.backup_runs! - 1 });
  });

  it("verifies with its passphrase, from standard input or a file", async () => {
    const typed = await runCli(["backup", "verify", encrypted], env, `${PASSPHRASE}\n`);
    expect(typed.code).toBe(0);
    expect(typed.stdout).toContain("sauvegarde vérifiée");
    const file = join(dir, "passphrase.txt");
    await writeFile(file, `${PASSPHRASE}\n`, { mode: 0o600 });
    const fromFile = await runCli(["backup", "verify", encrypted, "--passphrase-file", file], env);
    expect(fromFile.code).toBe(0);
  });

  it("refuses a wrong passphrase, and a flipped byte anywhere in the dump", async () => {
    const wrong = await runCli(["backup", "verify", encrypted], env, "une autre phrase de passe\n");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("phrase de passe erronée, ou fichier altéré");
    const backup = await openBackup(encrypted);
    const bytes = await readFile(encrypted);
    bytes[Math.floor((backup.payload.start + backup.payload.end) / 2)]! ^= 1;
    const flipped = join(dir, "flipped.rsubackup");
    await writeFile(flipped, bytes);
    const altered = await runCli(["backup", "verify", flipped], env, `${PASSPHRASE}\n`);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain("phrase de passe erronée, ou fichier altéré");
    expect(await databases(`%${NAME}_verify_%`)).toBe(0);
  });
});

describe("rsu restore", () => {
  const target = `rsu_test_${process.env.RSU_TEST_RUN ?? "local"}_${NAME}_target`;
  afterAll(async () => {
    await dropDatabase(urlOf(target));
    await asOwner(ctx.config, async (sql) => {
      for (const { datname } of (
        await sql.query(`select datname from pg_database where datname like $1`, [`${target.slice(0, 40)}_before_restore_%`])
      ).rows)
        await sql.query(`drop database "${datname}" with (force)`);
    });
  });

  it("refuses a database that is not empty, and changes nothing in it", async () => {
    const before = await fingerprintTables(env.DATABASE_URL!);
    const refused = await runCli(["restore", plain], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`la base ${new URL(env.DATABASE_URL!).pathname.slice(1)} contient déjà`);
    expect(refused.stderr).toContain("--force");
    expect(await fingerprintTables(env.DATABASE_URL!)).toEqual(before);
  });

  it("restores into a database that does not exist yet, identical to the source, and checks it", async () => {
    await dropDatabase(urlOf(target));
    const restored = await runCli(["restore", plain], { ...env, DATABASE_URL: urlOf(target) });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`restaurée dans / restored into ${target}`);
    expect(withoutRuns(await fingerprintTables(urlOf(target)))).toEqual(withoutRuns(sourceAtBackup));
    // The photo's bytes among them (issue #20), compared row for row by the fingerprint.
    expect(sourceAtBackup.attachments!.rows).toBe(1);
  });

  it("with --force, replaces a non-empty database and keeps the old one under another name", async () => {
    await asOwner({ ...ctx.config, databaseUrl: urlOf(target) }, (sql) =>
      sql.query(`update households set village = 'Fomboni' where true`),
    );
    const changed = await fingerprintTables(urlOf(target));
    const restored = await runCli(["restore", plain, "--force"], { ...env, DATABASE_URL: urlOf(target) });
    expect(restored.code).toBe(0);
    const kept = /gardée sous \/ the previous database is kept as (\S+)/.exec(restored.stdout)?.[1];
    expect(kept).toMatch(new RegExp(`^${target.slice(0, 40)}_before_restore_\\d{8}t\\d{6}$`));
    expect(await fingerprintTables(urlOf(kept!))).toEqual(changed);
    expect(withoutRuns(await fingerprintTables(urlOf(target)))).toEqual(withoutRuns(sourceAtBackup));
  });
});
