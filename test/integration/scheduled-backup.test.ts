import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openBackup } from "../../api/backup/backup-file";
import { workerConnection } from "../../api/queue/redis";
import { secondsSinceLastGoodBackup } from "../../api/services/backup-age";
import { BACKUP_QUEUE } from "../../schemas/contracts/jobs";
import { asOwner } from "../helpers/audit-log";
import { createTestContext, type TestContext } from "../helpers/test-context";

/*
 * Issue #16: the scheduled backup, on a short period. Each run writes a backup into BACKUP_DIR, proves it
 * by restoring it into a scratch database, records it, and applies the retention policy; /readyz and
 * secondsSinceLastGoodBackup (read by /metrics) say how old the last proven backup is.
 */

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

let ctx: TestContext;
let dir: string;
const SCHEDULE = { BACKUP_EVERY_SECONDS: "1", BACKUP_KEEP_DAILY: "3", BACKUP_KEEP_WEEKLY: "2", BACKUP_KEEP_MONTHLY: "2" };

beforeAll(async () => {
  ctx = await createTestContext("scheduled_backup");
  dir = ctx.config.backup.dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
});
afterAll(async () => {
  const connection = workerConnection(ctx.config.redisUrl);
  await new Queue(BACKUP_QUEUE, { connection, prefix: ctx.config.queuePrefix }).obliterate({ force: true });
  connection.disconnect();
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Resolves once `count` backup jobs whose id starts with `idPrefix` have ended as `outcome`; rejects on one that
 * ended otherwise. The prefix matters after the first test: its schedule stays in Redis, so a scheduled backup
 * may end while a later test waits for its own job (seen in CI under load).
 */
function backupJobs(
  outcome: "completed" | "failed",
  count: number,
  idPrefix = "",
): { ready: Promise<void>; done: Promise<void>; close(): Promise<void> } {
  const connection = workerConnection(ctx.config.redisUrl);
  const events = new QueueEvents(BACKUP_QUEUE, { connection, prefix: ctx.config.queuePrefix });
  let ended = 0;
  const done = new Promise<void>((resolve, reject) => {
    const ours = (jobId: string) => jobId.startsWith(idPrefix);
    events.on(outcome, ({ jobId }: { jobId: string }) => ours(jobId) && ++ended >= count && resolve());
    events.on(outcome === "completed" ? "failed" : "completed", ({ jobId }: { jobId: string }) => {
      if (ours(jobId)) reject(new Error(`backup job ${jobId} did not end ${outcome}`));
    });
  });
  return {
    ready: events.waitUntilReady().then(() => {}),
    done,
    close: async () => {
      await events.close();
      connection.disconnect();
    },
  };
}

describe("scheduled backups (issue #16)", () => {
  it("run on their period, are proven and recorded, and the retention policy keeps what it says", async () => {
    expect(await secondsSinceLastGoodBackup(ctx.orm.em.fork())).toBeNull();
    // Three months of older daily backups (only their names matter to retention), a failed one, and a file
    // that is not a backup: retention keeps 3 days, 2 weeks and 2 months, and touches nothing else.
    for (let day = 0; day < 91; day++) {
      const stamp = new Date(Date.UTC(2020, 0, 1, 2, 30) + day * 86_400_000)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d+Z$/, "Z");
      await writeFile(join(dir, `rsu-old-${stamp}.rsubackup`), "old");
    }
    await writeFile(join(dir, "rsu-old-20200101T023000Z.rsubackup.failed"), "failed");
    await writeFile(join(dir, "LISEZMOI.txt"), "copie hors site : rclone");

    const watch = backupJobs("completed", 2);
    await watch.ready;
    const workers = ctx.startWorkers(SCHEDULE);
    await watch.done;
    await workers.close();
    await watch.close();

    const runs = await asOwner(
      ctx.config,
      async (sql) => (await sql.query(`select id, file, outcome, verified_at from backup_runs order by started_at`)).rows,
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(run).toMatchObject({ outcome: "verified", verified_at: expect.any(Date) });
    const newest = runs.at(-1)!;
    expect((await openBackup(newest.file)).manifest.id).toBe(newest.id);

    const files = (await readdir(dir)).sort();
    // Today's newest backup (the older ones of today went), and 31 and 30 March 2020: the newest days,
    // the newest of ISO week 2020-W14 and of March 2020 are the same two files.
    expect(files).toEqual([
      "LISEZMOI.txt",
      "rsu-old-20200101T023000Z.rsubackup.failed",
      "rsu-old-20200330T023000Z.rsubackup",
      "rsu-old-20200331T023000Z.rsubackup",
      newest.file.slice(dir.length + 1),
    ]);

    const age = await secondsSinceLastGoodBackup(ctx.orm.em.fork());
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(600);
    expect((await ctx.get("/readyz", null)).body.backup).toBe("ok");
    // Older than BACKUP_MAX_AGE_HOURS (26): the alarm.
    await asOwner(ctx.config, (sql) => sql.query(`update backup_runs set verified_at = verified_at - interval '27 hours'`));
    expect((await ctx.get("/readyz", null)).body.backup).toBe("late");
  });

  it("a backup that cannot be made fails its job, is recorded with a code, leaves no file, and logs only id and code", async () => {
    const before = (await readdir(dir)).sort();
    const watch = backupJobs("failed", 1);
    await watch.ready;
    const workers = ctx.startWorkers({ ...SCHEDULE, BACKUP_PASSPHRASE_FILE: join(dir, "absent-passphrase") });
    await watch.done;
    await workers.close();
    await watch.close();
    const failed = await asOwner(
      ctx.config,
      async (sql) => (await sql.query(`select id, outcome, error_code, verified_at from backup_runs where outcome = 'failed'`)).rows,
    );
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject({ outcome: "failed", error_code: "passphrase_file_unreadable", verified_at: null });
    expect((await readdir(dir)).sort()).toEqual(before);
    const line = JSON.parse(ctx.logs.find((l) => l.includes('"backup_failed"'))!);
    expect(Object.keys(line).sort()).toEqual(["code", "component", "event", "id", "level", "time"]);
    expect(line.code).toBe("passphrase_file_unreadable");
    // Still the alarm of the last proven backup, 27 hours old.
    expect((await ctx.get("/readyz", null)).body.backup).toBe("late");
  });

  it("« Vérifier » on a backup whose file retention deleted records why in words, not as an unexpected error", async () => {
    const [gone] = await asOwner(
      ctx.config,
      async (sql) => (await sql.query(`select id, file from backup_runs where outcome = 'verified' order by started_at limit 1`)).rows,
    );
    expect((await readdir(dir)).includes(gone.file.slice(dir.length + 1))).toBe(false);
    const watch = backupJobs("failed", 1, "verify-backup-");
    await watch.ready;
    const workers = ctx.startWorkers();
    expect((await ctx.post(`/api/backups/${gone.id}/verify`, {}, "admin")).status).toBe(202);
    await watch.done;
    await workers.close();
    await watch.close();
    const [run] = await asOwner(
      ctx.config,
      async (sql) => (await sql.query(`select outcome, error_code, verified_at from backup_runs where id = $1`, [gone.id])).rows,
    );
    expect(run).toEqual({ outcome: "failed", error_code: "backup_file_missing", verified_at: null });
  });
});
