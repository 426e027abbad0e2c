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
import { fingerprintTables, tableColumns } from "../helpers/table-fingerprint";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { testEnv } from "../helpers/test-env";

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
/**
 * Every column but the one a migration rewrites by design: which transaction last wrote a household
 * (Migration20261208030000HouseholdChangeOrder, for partner synchronisation) is bookkeeping, not content.
 */
const content = async () => {
  const { households, ...tables } = await tableColumns(env.DATABASE_URL!);
  return { ...tables, households: households!.filter((column) => column !== "change_xid") };
};
/**
 * The first release's schema was created whole on fresh installations, and its last migration cannot be
 * reverted (History); every migration after it is an upgrade some installation applies to data.
 */
const firstIrreversible = migrationsList.findLastIndex((m) => !Object.hasOwn(m.class.prototype, "down"));
const firstRelease = migrationsList.slice(0, firstIrreversible + 1);
const upgrades = migrationsList.slice(firstIrreversible + 1);
/** Columns a migration moves to another table: what they held before must be found there after. */
const MOVES: Record<string, { from: string; to: string }> = {
  // The audit log's hash chain moved to the table only the sequencer appends to (issues #15, #22).
  Migration20261206220000AuditSequencer: {
    from: `select seq, prev_hash, hash from audit_log order by seq`,
    to: `select seq, prev_hash, hash from audit_chain order by seq`,
  },
};
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
    const full = await fingerprintTables(env.DATABASE_URL!, await content());
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
    expect(withoutBookkeeping(await fingerprintTables(env.DATABASE_URL!, await content()))).toEqual(withoutBookkeeping(full));
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

  it("applies each migration to the registry as the schema before it holds it, and keeps every row and value", async () => {
    const owner = await openDatabaseAsOwner(env.DATABASE_URL!);
    const migrator = owner.getMigrator();
    const changed: string[] = [];
    const moved: Record<string, { rows: number; same: boolean }> = {};
    let chained = 0;
    try {
      await migrator.up();
      expect((await fingerprintTables(env.DATABASE_URL!)).households!.rows).toBe(3);
      expect(upgrades.length).toBeGreaterThan(15);
      [{ chained }] = await owner.em.getConnection().execute(`select count(*)::int as chained from audit_chain`);
      // From the newest down: each migration is reverted (what its revert drops goes with it), then applied
      // to what the schema before it holds, which must come through it whole: every row, every older column.
      for (const { name } of [...upgrades].reverse()) {
        await migrator.down({ migrations: [name] });
        const { mikro_orm_migrations: _, ...older } = await tableColumns(env.DATABASE_URL!);
        const before = await fingerprintTables(env.DATABASE_URL!, older);
        const move = MOVES[name];
        const moving = move ? await owner.em.getConnection().execute(move.from) : [];
        await migrator.up({ migrations: [name] });
        if (move) {
          const arrived = await owner.em.getConnection().execute(move.to);
          moved[name] = { rows: moving.length, same: JSON.stringify(arrived) === JSON.stringify(moving) };
        }
        const now = await tableColumns(env.DATABASE_URL!);
        const kept = Object.fromEntries(Object.entries(older).filter(([table, columns]) => columns.every((c) => now[table]?.includes(c))));
        const after = await fingerprintTables(env.DATABASE_URL!, kept);
        for (const table of Object.keys(before)) {
          if (!kept[table]) changed.push(`${name} ${table}: ${now[table] ? "columns dropped" : "table dropped"}`);
          else if (JSON.stringify(after[table]) !== JSON.stringify(before[table])) changed.push(`${name} ${table}: rows changed`);
        }
        await migrator.down({ migrations: [name] });
      }
      expect(await executed()).toEqual(firstRelease.map((m) => m.name));
    } finally {
      await migrator.up().finally(() => owner.close());
    }
    expect(chained).toBeGreaterThan(0);
    expect(moved).toEqual({ Migration20261206220000AuditSequencer: { rows: chained, same: true } });
    expect(changed).toEqual([
      // Sign-in throttling counts per account and address since (issue #15): its counters, minutes of
      // transient state and no registry data, start again.
      "Migration20261206233000LoginThrottlePairs login_throttle: columns dropped",
      // Moved to audit_chain, value for value (MOVES).
      "Migration20261206220000AuditSequencer audit_log: columns dropped",
    ]);
    expect(await executed()).toEqual(migrationsList.map((m) => m.name));
  });
});
