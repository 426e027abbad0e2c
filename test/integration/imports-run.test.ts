import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { partnerHousehold, scratchDir } from "../helpers/partner-files";
import { checkedImport as checkedImportOf } from "../helpers/checked-import";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/*
 * Bulk import's run (issue #19): the dry run's households go through the same outbox and integration
 * pipeline as field submissions, with deterministic ids, so importing a delivery twice changes nothing,
 * a worker killed mid-import loses and doubles nothing, and an exact NIN match never makes a second person.
 */
let ctx: TestContext;
const dir = scratchDir();
const children = new Set<ChildProcess>();
beforeAll(async () => {
  ctx = await createTestContext("imports_run");
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await ctx?.close();
});

type Data = Record<string, any>;
const sql = <T>(query: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute<T[]>(query, params);

const household = (seed: number): Data => partnerHousehold(seed, "Importe");

const checkedImport = (rows: { key: string; data: Data }[], file?: string, delivery?: string) =>
  checkedImportOf(ctx, dir, rows, file, delivery);

const registry = async () =>
  (
    await sql<{ households: string; individuals: string; versions: string; reviews: string }>(
      `select (select count(*) from households) as households, (select count(*) from individuals) as individuals,
              (select count(*) from household_versions) as versions, (select count(*) from review_items) as reviews`,
    )
  )[0]!;

describe("bulk import: run (issue #19)", () => {
  it("runs through the integration pipeline with provenance; the same file imported again changes nothing", {
    timeout: 120_000,
  }, async () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ key: `R${100 + i}`, data: household(7100 + i) }));
    const first = await checkedImport(rows);
    expect(first.counts).toEqual({ new: 12, update: 0, duplicate: 0, unchanged: 0, error: 0 });
    const before = await registry();
    const workers = ctx.startWorkers();
    try {
      // The run is a worker job: the answer comes at once, the progress follows.
      const run = await ctx.post(`/api/imports/${first.id}/run`);
      expect(run.status).toBe(202);
      expect(run.body).toMatchObject({ status: "running", planned: 12 });
      await ctx.drain();
      const progress = await ctx.get(`/api/imports/${first.id}/progress`);
      expect(progress.body).toEqual({
        status: "done",
        planned: 12,
        submitted: 12,
        stages: { integrated: 12 },
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      });
      const after = await registry();
      expect(Number(after.households) - Number(before.households)).toBe(12);

      // Provenance: a household's version names its submission, which names the import, its file, its profile and the source lines.
      const [version] = await sql<{ submission_id: string; household_id: string }>(
        `select v.submission_id, v.household_id from household_versions v join households h on h.id = v.household_id where h.search_name is not null order by v.created_at desc limit 1`,
      );
      const provenance = await ctx.get(`/api/imports/provenance/${version!.submission_id}`);
      expect(provenance.status).toBe(200);
      expect(provenance.body).toEqual({
        importId: first.id,
        profileId: first.profileId,
        profileName: expect.stringMatching(/^Profil \d+$/),
        delivery: expect.any(String),
        householdKey: expect.stringMatching(/^R1\d\d$/),
        files: [{ role: "households", name: "import-R100.csv", lines: expect.arrayContaining([expect.any(Number)]) }],
      });
      // The household's history says the same, in the API the screen reads.
      const history = await ctx.get(`/api/households/${version!.household_id}/history`);
      expect(history.body.versions.at(-1).imported).toEqual({
        importId: first.id,
        files: provenance.body.files,
        profileName: provenance.body.profileName,
      });

      // The same file, uploaded again as a new import: the same delivery, the same ids: nothing to do.
      const second = await checkedImport(rows);
      expect(second.counts).toEqual({ new: 0, update: 0, duplicate: 0, unchanged: 12, error: 0 });
      expect((await ctx.post(`/api/imports/${second.id}/run`)).status).toBe(202);
      await ctx.drain();
      expect((await ctx.get(`/api/imports/${second.id}/progress`)).body).toMatchObject({ status: "done", planned: 0 });
      // And running the first import again writes nothing either.
      expect((await ctx.post(`/api/imports/${first.id}/run`)).status).toBe(409);
      await ctx.drain();
      expect(await registry()).toEqual(after);
      const audit = await sql<{ action: string }>(`select action from audit_log where entity_id = ? order by seq`, [first.id]);
      expect(audit.map((a) => a.action)).toEqual(["import.upload", "import.dry_run", "import.run", "import.done"]);
    } finally {
      await workers.close();
    }
  });

  it("a later delivery of the same source updates what changed and adds what is new; the same delivery again changes nothing", {
    timeout: 120_000,
  }, async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ key: `D${10 + i}`, data: household(7700 + i) }));
    const workers = ctx.startWorkers();
    try {
      const first = await checkedImport(rows, "livraison-janvier.csv", "2026-01");
      expect(first.counts).toMatchObject({ new: 5, error: 0 });
      await ctx.post(`/api/imports/${first.id}/run`);
      await ctx.drain();
      const before = await registry();

      // June: D11 moved to a house of more rooms, D15 is new, the others are as in January.
      const june = rows.map((r) => ({ key: r.key, data: structuredClone(r.data) }));
      june[1]!.data.number_of_rooms = Number(june[1]!.data.number_of_rooms ?? 1) + 3;
      june.push({ key: "D15", data: household(7705) });
      const second = await checkedImport(june, "livraison-juin.csv", "2026-06");
      expect(second.counts).toEqual({ new: 1, update: 1, duplicate: 0, unchanged: 4, error: 0 });
      await ctx.post(`/api/imports/${second.id}/run`);
      await ctx.drain();
      expect((await ctx.get(`/api/imports/${second.id}/progress`)).body).toMatchObject({ status: "done", stages: { integrated: 2 } });
      const after = await registry();
      expect(Number(after.households) - Number(before.households)).toBe(1);
      expect(Number(after.versions) - Number(before.versions)).toBe(2);
      const [moved] = await sql<{ import_id: string; rooms: unknown }>(
        `select ih.import_id, v.state->'attributes'->'number_of_rooms' as rooms from households h
           join household_versions v on v.household_id = h.id and v.version = h.version
           join import_households ih on ih.submission_id = v.submission_id where ih.household_key = 'D11' order by v.created_at desc limit 1`,
      );
      expect(moved).toEqual({ import_id: second.id, rooms: june[1]!.data.number_of_rooms });

      // June's file sent again: nothing new, nothing changed.
      const again = await checkedImport(june, "livraison-juin.csv", "2026-06");
      expect(again.counts).toEqual({ new: 0, update: 0, duplicate: 0, unchanged: 6, error: 0 });
      await ctx.post(`/api/imports/${again.id}/run`);
      await ctx.drain();
      expect(await registry()).toEqual(after);
    } finally {
      await workers.close();
    }
  });

  it("an exact NIN match never creates a second person: the household waits for a supervisor", { timeout: 60_000 }, async () => {
    const holder = validHousehold(
      Array.from({ length: 50 }, (_, i) => 7300 + i).find((s) => (validHousehold(s).members as Data[])[0]!.nin)!,
    );
    const nin = (holder.members as Data[])[0]!.nin as string;
    const workers = ctx.startWorkers();
    try {
      expect((await ctx.submitAndDrain(holder)).status).toBe("integrated");
      const other = household(7400);
      other.members[0].nin = nin;
      const imported = await checkedImport([{ key: "NIN1", data: other }]);
      expect(imported.counts).toMatchObject({ new: 0, duplicate: 1 });
      await ctx.post(`/api/imports/${imported.id}/run`);
      await ctx.drain();
      const [holders] = await sql<{ n: string }>(`select count(*) as n from individuals where nin = ?`, [nin]);
      expect(holders!.n).toBe("1");
      const progress = await ctx.get(`/api/imports/${imported.id}/progress`);
      expect(progress.body.stages).toEqual({ needs_review: 1 });
    } finally {
      await workers.close();
    }
  });

  it("pause holds the queued run's job, resume goes on; cancel stops it before anything is written", { timeout: 60_000 }, async () => {
    const paused = await checkedImport([
      { key: "P1", data: household(7600) },
      { key: "P2", data: household(7601) },
    ]);
    const cancelled = await checkedImport([{ key: "Q1", data: household(7610) }]);
    // No worker yet: both runs wait in the queue while they are paused and cancelled.
    expect((await ctx.post(`/api/imports/${paused.id}/run`)).status).toBe(202);
    expect((await ctx.post(`/api/imports/${cancelled.id}/run`)).status).toBe(202);
    expect((await ctx.post(`/api/imports/${paused.id}/pause`)).body).toMatchObject({ status: "paused", submitted: 0 });
    expect((await ctx.post(`/api/imports/${cancelled.id}/cancel`)).body).toMatchObject({ status: "cancelled", submitted: 0 });
    const workers = ctx.startWorkers();
    try {
      await ctx.drain();
      expect((await ctx.get(`/api/imports/${paused.id}/progress`)).body).toMatchObject({ status: "paused", planned: 2, submitted: 0 });
      expect((await ctx.get(`/api/imports/${cancelled.id}/progress`)).body).toMatchObject({ status: "cancelled", submitted: 0 });
      expect((await ctx.post(`/api/imports/${paused.id}/run`)).status).toBe(202);
      await ctx.drain();
      expect((await ctx.get(`/api/imports/${paused.id}/progress`)).body).toMatchObject({
        status: "done",
        planned: 2,
        submitted: 2,
        stages: { integrated: 2 },
      });
      const audit = await sql<{ action: string }>(`select action from audit_log where entity_id = ? order by seq`, [paused.id]);
      expect(audit.map((a) => a.action)).toEqual([
        "import.upload",
        "import.dry_run",
        "import.run",
        "import.pause",
        "import.run",
        "import.done",
      ]);
    } finally {
      await workers.close();
    }
  });

  it("a cancelled import cannot run; pausing what is not running is refused", async () => {
    const imported = await checkedImport([{ key: "C1", data: household(7500) }]);
    expect((await ctx.post(`/api/imports/${imported.id}/pause`)).body.error.code).toBe("import_wrong_status");
    expect((await ctx.post(`/api/imports/${imported.id}/cancel`)).status).toBe(200);
    const run = await ctx.post(`/api/imports/${imported.id}/run`);
    expect(run.status).toBe(409);
    expect(run.body.error.code).toBe("import_wrong_status");
  });

  it("a worker killed with -9 in the middle of the run's batch, then of an integration batch: after restarts every household is integrated exactly once", {
    timeout: 400_000,
  }, async () => {
    const place = household(8000);
    const rows = Array.from({ length: 60 }, (_, i) => {
      const data = household(8000 + i);
      for (const key of ["island", "prefecture", "commune", "village"]) data[key] = place[key];
      return { key: `K${1000 + i}`, data };
    });
    const imported = await checkedImport(rows);
    expect(imported.counts.new).toBe(60);
    const holder = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await holder.connect();
    const killWhenWaiting = async (locktype: string, what: string) => {
      const worker = startWorkerProcess();
      await waitFor(
        async () => {
          const [row] = await sql<{ n: number }>(
            `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
              where l.locktype = ? and not l.granted and a.datname = current_database()`,
            [locktype],
          );
          return row!.n > 0 ? true : undefined;
        },
        // A killed worker's run is taken again once its lock expires (15 s), by a process that takes seconds to start under load.
        { timeoutMs: 120_000, what },
      );
      worker.kill("SIGKILL");
      await new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.on("exit", resolve)));
    };
    try {
      // Holding the commune's lock keeps a worker's batch waiting inside its transaction (as integration-workers.test.ts).
      await holder.query(`select pg_advisory_lock(hashtext($1))`, [`rsu:new-household:${place.commune}`]);
      expect((await ctx.post(`/api/imports/${imported.id}/run`)).status).toBe(202);
      // Holding the import's row keeps the run's first batch waiting inside its transaction.
      await holder.query("begin");
      await holder.query(`select 1 from imports where id = $1 for update`, [imported.id]);
      await killWhenWaiting("transactionid", "the run's batch to wait for the import's row");
      await holder.query("rollback");
      expect((await ctx.get(`/api/imports/${imported.id}/progress`)).body).toMatchObject({ status: "running", submitted: 0 });
      await killWhenWaiting("advisory", "an integration batch to wait for the commune's lock");
      // Integration jobs exist only for committed submissions: every household is written.
      expect((await ctx.get(`/api/imports/${imported.id}/progress`)).body).toMatchObject({ submitted: 60 });
    } finally {
      await holder.end();
    }
    startWorkerProcess();
    await ctx.drain(180_000);
    const [counts] = await sql<{ households: string; versions: string; integrated: string }>(
      `select (select count(*) from households h join import_households ih on ih.submission_id = h.source_submission_id where ih.import_id = ?) as households,
              (select count(*) from household_versions v join import_households ih on ih.submission_id = v.submission_id where ih.import_id = ?) as versions,
              (select count(*) from submissions s join import_households ih on ih.submission_id = s.id where ih.import_id = ? and s.status = 'integrated') as integrated`,
      [imported.id, imported.id, imported.id],
    );
    expect(counts).toEqual({ households: "60", versions: "60", integrated: "60" });
    // The run killed after its last batch but before « done » is taken again once its lock expires (15 s),
    // which may be after the integration queue drained: wait for that, not for a moment.
    await expect
      .poll(async () => (await ctx.get(`/api/imports/${imported.id}/progress`)).body, { timeout: 120_000, interval: 500 })
      .toMatchObject({ status: "done", submitted: 60 });
  });
});

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: ctx.config.databaseUrl,
      REDIS_URL: ctx.config.redisUrl,
      AUDIT_ANCHOR_FILE: ctx.config.audit.anchorFile,
      QUEUE_PREFIX: ctx.config.queuePrefix,
      RELAY_INTERVAL_MS: "200",
      RELAY_GRACE_MS: "2000",
      WORKER_CONCURRENCY: "4",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}
