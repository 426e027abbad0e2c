import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openBackup } from "../../api/backup/backup-file";
import { onServer } from "../../api/db/create-database";
import { openDatabaseAsOwner } from "../../api/db/database";
import { migrationsList } from "../../api/db/migrations";
import { chainAndAnchor } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { runCli } from "../helpers/run-cli";
import { fingerprintTables } from "../helpers/table-fingerprint";
import { createTestContext, type TestContext, testEnv } from "../helpers/test-context";

/*
 * Issue #16: `rsu upgrade` on an installation of the previous version. The registry is filled through the
 * API, then every migration since the previous release (the schema of 6 December, ending with
 * LoginThrottlePairs) is reverted, as if the new version had just been installed over it; the upgrade
 * must take a proven backup, apply them, lose nothing, and say how to roll back, which must work.
 */

vi.setConfig({ testTimeout: 300_000, hookTimeout: 240_000 });

const NAME = "upgrade";
const env = testEnv(NAME);
const file = join(tmpdir(), `rsu-test-${NAME}-files`, "before-upgrade.rsubackup");
const PREVIOUS_RELEASE = "Migration20261206233000LoginThrottlePairs";
const newer = migrationsList.slice(migrationsList.findIndex((m) => m.name === PREVIOUS_RELEASE) + 1).map((m) => m.name);

let ctx: TestContext;
const withoutBookkeeping = ({ mikro_orm_migrations: _, ...tables }: Record<string, unknown>) => tables;
const executed = async () => {
  const owner = await openDatabaseAsOwner(env.DATABASE_URL!);
  try {
    return (await owner.getMigrator().getExecutedMigrations()).map((m) => m.name);
  } finally {
    await owner.close();
  }
};

beforeAll(async () => {
  await rm(file, { force: true });
  ctx = await createTestContext(NAME);
  const workers = ctx.startWorkers();
  for (const seed of [31, 32, 33]) expect((await ctx.submitAndDrain(validHousehold(seed))).status).toBe("integrated");
  await workers.close();
  await chainAndAnchor(ctx.config);
});
afterAll(async () => {
  await ctx?.close();
  await onServer(env.DATABASE_URL!, async (sql, name) => {
    for (const { datname } of (await sql.query(`select datname from pg_database where datname like $1`, [`${name}_before_restore_%`])).rows)
      await sql.query(`drop database "${datname}" with (force)`);
  });
  await rm(file, { force: true });
});

describe("rsu upgrade (issue #16)", () => {
  it("backs up and proves, applies the pending migrations without losing a row, and the printed rollback works", async () => {
    expect(newer.length).toBeGreaterThan(0);
    const full = await fingerprintTables(env.DATABASE_URL!);
    expect(full.households!.rows).toBe(3);
    const owner = await openDatabaseAsOwner(env.DATABASE_URL!);
    await owner
      .getMigrator()
      .down({ migrations: [...newer].reverse() })
      .finally(() => owner.close());
    const previous = await executed();
    expect(previous.at(-1)).toBe(PREVIOUS_RELEASE);
    const old = await fingerprintTables(env.DATABASE_URL!);

    const upgrade = await runCli(["upgrade", "--out", file], env);
    expect(upgrade.stderr).toBe("");
    expect(upgrade.code).toBe(0);
    expect(upgrade.stdout).toContain(`${newer.length} migration(s) à appliquer / to apply: ${newer.join(", ")}`);
    expect(upgrade.stdout).toContain("sauvegarde vérifiée");
    expect(upgrade.stdout).toContain(`appliquées / applied: ${newer.join(", ")}`);
    expect(upgrade.stdout).toContain(`npx rsu restore ${file} --force`);
    // Every row of every table is still there, value for value; the new tables are there, empty. (The
    // migrations' own bookkeeping has new dates: compared by name below.)
    expect(withoutBookkeeping(await fingerprintTables(env.DATABASE_URL!))).toEqual(withoutBookkeeping(full));
    expect(await executed()).toEqual(migrationsList.map((m) => m.name));
    expect((await openBackup(file)).manifest.migrations).toEqual(previous);

    const again = await runCli(["upgrade"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("base à jour, rien à migrer");

    // The rollback it printed: the previous version's database comes back, the migrated one is kept.
    const rollback = await runCli(["restore", file, "--force"], env);
    expect(rollback.code).toBe(0);
    expect(await executed()).toEqual(previous);
    expect(await fingerprintTables(env.DATABASE_URL!)).toEqual(old);
  });
});
