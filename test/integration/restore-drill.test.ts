import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseName, onServer } from "../../api/db/create-database";
import { chainAndAnchor, verifyAudit } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { runCli } from "../helpers/run-cli";
import { fingerprintTables, type TableFingerprint } from "../helpers/table-fingerprint";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { testEnv } from "../helpers/test-env";

/*
 * Issue #16, the restore drill: a registry filled through the API (households, a later version, a merge
 * decided by a supervisor, the audit log), backed up with `rsu backup`, its database dropped, restored with
 * `rsu restore`, found identical table by table, and then used again: a new submission is integrated.
 */

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const NAME = "restore_drill";
const env = testEnv(NAME);
const file = join(tmpdir(), `rsu-test-${NAME}-files`, "drill.rsubackup");
type Data = Record<string, any>;

let ctx: TestContext;
let before: Record<string, TableFingerprint>;
let householdId: string;
let updatedSubmission: { id: string; body: unknown };

/** Seed 310 in commune 10101, without NINs, so that its copy is matched on names and birth dates. */
function household(): Data {
  const data = validHousehold(310) as Data;
  data.village = "Séléa";
  data.members = data.members.slice(0, 5);
  for (const member of data.members) delete member.nin;
  return data;
}

beforeAll(async () => {
  await rm(file, { force: true });
  ctx = await createTestContext(NAME);
  const workers = ctx.startWorkers();
  for (const seed of [21, 22, 23, 24]) expect((await ctx.submitAndDrain(validHousehold(seed))).status).toBe("integrated");
  const first = await ctx.submitAndDrain(household());
  householdId = first.householdId;
  // History: a second version of the household.
  const update = { ...household(), number_of_rooms: 6 };
  const envelope = { id: crypto.randomUUID(), householdId, baseVersion: 1 };
  expect((await ctx.submitAndDrain(update, envelope)).status).toBe("integrated");
  updatedSubmission = { id: envelope.id, body: update };
  // A merge: a copy with the head's name misspelt, decided "same" by a supervisor.
  const copy = household();
  copy.members[0].first_name = `${copy.members[0].first_name}e`;
  const duplicate = await ctx.submitAndDrain(copy);
  expect(duplicate.status).toBe("needs_review");
  const items = (await ctx.get("/api/review-items?kind=duplicate_household&limit=500")).body.items as {
    id: string;
    submissionId: string;
  }[];
  const item = items.find((i) => i.submissionId === duplicate.id)!;
  expect((await ctx.post(`/api/review-items/${item.id}/decision`, { decision: "same" }, "superviseur")).status).toBe(200);
  await workers.close();
  await chainAndAnchor(ctx.config);
  before = await fingerprintTables(env.DATABASE_URL!);
});
afterAll(async () => {
  await ctx?.close();
  await rm(file, { force: true });
});

describe("restore drill (issue #16)", () => {
  it("backs up, drops, restores identically, and the registry takes submissions again", async () => {
    expect(before.households!.rows).toBe(5);
    expect(before.household_versions!.rows).toBeGreaterThanOrEqual(7);
    expect(before.merges!.rows).toBe(1);
    expect(before.audit_log!.rows).toBeGreaterThan(0);
    expect(before.audit_chain!.rows).toBe(before.audit_log!.rows);

    const backup = await runCli(["backup", "--out", file], env);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    // Drop: the test's app, workers and database go (ctx.close drops the database), the backup file stays.
    await ctx.close();
    const gone = await onServer(
      env.DATABASE_URL!,
      async (sql, name) => (await sql.query(`select 1 from pg_database where datname = $1`, [name])).rowCount,
    );
    expect(gone).toBe(0);

    const restore = await runCli(["restore", file], env);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`restaurée dans / restored into ${databaseName(env.DATABASE_URL!)}`);
    expect(await fingerprintTables(env.DATABASE_URL!)).toEqual(before);
    const audit = await runCli(["audit", "verify"], env);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain(`audit log intact: ${before.audit_chain!.rows} rows verified`);

    // The application starts on the restored database and carries on.
    ctx = await createTestContext(NAME, {}, { restored: true });
    ctx.startWorkers();
    const shown = (await ctx.get(`/api/households/${householdId}`)).body;
    expect(shown.version).toBe(3);
    expect(shown.attributes.number_of_rooms).toBe(6);
    // A retried submission is still known (same answer, nothing doubled)…
    const retry = await ctx.submit(updatedSubmission.body, { id: updatedSubmission.id, householdId, baseVersion: 1 });
    expect(retry.status).toBe(202);
    // …and a new one is integrated.
    const fresh = await ctx.submitAndDrain(validHousehold(25));
    expect(fresh.status).toBe("integrated");
    expect((await ctx.get(`/api/households/${fresh.householdId}`)).status).toBe(200);
    expect((await fingerprintTables(env.DATABASE_URL!)).households!.rows).toBe(6);
    expect((await verifyAudit(ctx.config)).findings).toEqual([]);
  });
});
