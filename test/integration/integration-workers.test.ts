import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHouseholdState } from "../../api/registry/households/household-state";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/*
 * Worker processes as they run in production (`tsx workers/main.ts`), several at once against the same
 * PostgreSQL and Redis: concurrency on the same households, a kill -9 in the middle of a batch, SIGTERM.
 */
let ctx: TestContext;
const children = new Set<ChildProcess>();
beforeAll(async () => {
  ctx = await createTestContext("integration_workers");
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await ctx?.close();
});

function startWorkerProcess(): ChildProcess {
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a child process, which a kill -9
  // of the CLI would leave running.
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

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", (code) => resolve(code))));

type Data = Record<string, any>;
async function submit(data: Data, target: { householdId?: string; baseVersion?: number } = {}): Promise<string> {
  const res = await ctx.submit(data, target);
  expect(res.status).toBe(202);
  return res.body.id;
}

const sql = <T>(query: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute<T[]>(query, params);
const stage = async (id: string) =>
  (await sql<{ status: string; household_id: string | null }>(`select status, household_id from submissions where id = ?`, [id]))[0]!;

/** A household without NINs and unique names, so that no two test households match each other. */
function household(seed: number): Data {
  const data = validHousehold(seed) as Data;
  data.members.forEach((member: Data, i: number) => {
    delete member.nin;
    member.last_name = `Famille${seed}x${i}`;
  });
  return data;
}

describe("worker processes (issue #6)", () => {
  it("two worker processes, 200 submissions on 20 households: every change is exactly one version, none lost", {
    timeout: 300_000,
  }, async () => {
    const workers = [startWorkerProcess(), startWorkerProcess()];
    const bases = Array.from({ length: 20 }, (_, i) => household(1000 + i));
    const created = await Promise.all(bases.map((data) => submit(data)));
    await ctx.drain(90_000);
    const householdIds = await Promise.all(created.map(async (id) => (await stage(id)).household_id!));

    // Per household: 5 updates issued one after the other on the version just read, and 4 sent at once
    // on version 1, which race with them: whichever loses must become a review item, never overwrite.
    const updates: string[] = [];
    await Promise.all(
      householdIds.map(async (householdId, h) => {
        const racing = Array.from({ length: 4 }, (_, k) => {
          const data = structuredClone(bases[h]!);
          data.number_of_rooms = 20 + k;
          return submit(data, { householdId, baseVersion: 1 });
        });
        for (let k = 0; k < 5; k++) {
          const [current] = await sql<{ version: number }>(`select version from households where id = ?`, [householdId]);
          const data = structuredClone(bases[h]!);
          data.monthly_expenditure = 1000 * (k + 1);
          const id = await submit(data, { householdId, baseVersion: current!.version });
          updates.push(id);
          await ctx.drain(90_000);
        }
        updates.push(...(await Promise.all(racing)));
      }),
    );
    await ctx.drain(90_000);
    expect(created.length + updates.length).toBe(200);

    const rows = await sql<{ id: string; status: string; versions: string; stale: string }>(
      `select s.id, s.status,
          (select count(*) from household_versions v where v.submission_id = s.id) as versions,
          (select count(*) from review_items r where r.submission_id = s.id and r.kind = 'stale_update') as stale
         from submissions s where s.id in (?)`,
      [updates],
    );
    for (const row of rows) {
      if (row.status === "integrated") expect([row.versions, row.stale]).toEqual(["1", "0"]);
      else expect([row.status, row.versions, row.stale]).toEqual(["needs_review", "0", "1"]);
    }
    const integrated = rows.filter((r) => r.status === "integrated").length;
    expect(integrated).toBeGreaterThanOrEqual(20);

    // Versions are 1..n without a gap, households.version is n, and today's state is the last version's.
    const em = ctx.orm.em.fork();
    let versions = 0;
    for (const householdId of householdIds) {
      const list = await sql<{ version: number; state: unknown }>(
        `select version, state from household_versions where household_id = ? order by version`,
        [householdId],
      );
      expect(list.map((v) => v.version)).toEqual(list.map((_, i) => i + 1));
      const [current] = await sql<{ version: number }>(`select version from households where id = ?`, [householdId]);
      expect(current!.version).toBe(list.length);
      expect(await readHouseholdState(em, householdId)).toEqual(list.at(-1)!.state);
      versions += list.length - 1;
    }
    expect(versions).toBe(integrated);

    for (const worker of workers) worker.kill("SIGTERM");
    expect(await Promise.all(workers.map(exited))).toEqual([0, 0]);
  });

  it("a worker killed with -9 while blocked inside its batch's transaction: after a restart every submission is integrated exactly once", {
    timeout: 240_000,
  }, async () => {
    // 100 new households of one commune: the worker's batches take them and lock that commune for new households.
    const place = household(5000);
    const inOnePlace = (seed: number) => {
      const data = household(seed);
      for (const key of ["island", "prefecture", "commune", "village"]) data[key] = place[key];
      return data;
    };
    const ids = await Promise.all(Array.from({ length: 100 }, (_, i) => submit(inOnePlace(5000 + i))));
    // The test holds the commune's lock (api/registry/households/locks.ts), so a batch that has claimed its
    // submissions and removed their outbox rows waits inside its transaction for as long as the test wants.
    const holder = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query(`select pg_advisory_lock(hashtext($1))`, [`rsu:new-household:${place.commune}`]);
      const first = startWorkerProcess();
      await waitFor(
        async () => {
          const [row] = await sql<{ n: number }>(
            `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
              where l.locktype = 'advisory' and not l.granted and a.datname = current_database()`,
          );
          return row!.n > 0 ? true : undefined;
        },
        { timeoutMs: 60_000, what: "a batch to wait for the commune's lock" },
      );
      // Mid-batch: a whole batch of submissions is locked by the waiting transaction, nothing is committed.
      const locked = await ctx.orm.em.fork().transactional(async (tx) => {
        const free = await tx
          .getConnection()
          .execute<{ id: string }[]>(
            `select id from submissions where id in (?) for update skip locked`,
            [ids],
            "all",
            tx.getTransactionContext(),
          );
        return ids.length - free.length;
      });
      expect(locked).toBeGreaterThanOrEqual(50);
      const [before] = await sql<{ received: number; outbox: number }>(
        `select (select count(*)::int from submissions where id in (?) and status = 'received') as received,
                (select count(*)::int from outbox where submission_id in (?)) as outbox`,
        [ids, ids],
      );
      expect(before).toEqual({ received: 100, outbox: 100 });

      first.kill("SIGKILL");
      await exited(first);
    } finally {
      await holder.end();
    }

    const second = startWorkerProcess();
    // The killed worker's jobs come back once their locks expire (workers/start-workers.ts: 10 s).
    await ctx.drain(180_000);
    const [counts] = await sql<{ households: string; versions: string; integrated: string; empty: string }>(
      `select (select count(*) from households where source_submission_id in (?)) as households,
              (select count(*) from household_versions where submission_id in (?)) as versions,
              (select count(*) from submissions where id in (?) and status = 'integrated') as integrated,
              (select count(*) from households h where source_submission_id in (?) and not exists (select 1 from individuals i where i.household_id = h.id)) as empty`,
      [ids, ids, ids, ids],
    );
    expect(counts).toEqual({ households: "100", versions: "100", integrated: "100", empty: "0" });
    // No partial household: each has exactly the members its submission listed.
    const members = await sql<{ id: string; n: string }>(
      `select s.id, (select count(*) from individuals i join households h on h.id = i.household_id where h.source_submission_id = s.id) as n from submissions s where s.id in (?)`,
      [ids],
    );
    const expected = new Map(ids.map((id, i) => [id, household(5000 + i).members.length]));
    for (const row of members) expect(Number(row.n)).toBe(expected.get(row.id));
    second.kill("SIGTERM");
    expect(await exited(second)).toBe(0);
  });
});
