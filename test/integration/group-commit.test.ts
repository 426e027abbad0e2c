import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asOwner, chainAndAnchor, verifyAudit } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import type { Caller } from "../helpers/test-client";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { createLogger } from "../../api/log";
import { integrateJob } from "../../api/registry/integration/integrate-job";
import { DEFAULT_THRESHOLDS } from "../../api/registry/integration/integrate-submission";

/**
 * Group commit (issue #22): submissions arriving together share one transaction. Batches here hold exactly
 * four rows and wait for the fourth as long as needed, so every test sends its four at once and knows they
 * were written together (rows of one transaction share its `xmin`).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("group_commit", { SUBMISSION_BATCH_SIZE: "4", SUBMISSION_BATCH_WAIT_MS: "10000" });
  // A clerk of prefecture 102, next to the demo clerk's 101.
  await ctx.addUser({ username: "agent.102", displayName: "Agent 102", roles: ["clerk"], areas: ["102"] });
});
afterAll(() => ctx?.close());

interface Sent {
  id: string;
  data: Record<string, unknown>;
  as?: Caller;
}
const sendAll = (sent: Sent[]) => Promise.all(sent.map(({ id, data, as }) => ctx.submit(data, { id }, as)));
const owner = <T>(sql: string, values: unknown[]) => asOwner(ctx.config, async (db) => (await db.query(sql, values)).rows as T[]);
const transactionsOf = async (ids: string[]) =>
  Number((await owner<{ n: string }>(`select count(distinct xmin::text) as n from submissions where id = any($1::uuid[])`, [ids]))[0]!.n);
const stored = (ids: string[]) =>
  owner<{ id: string; village: string; commune: string }>(
    `select id, data->>'village' as village, data->>'commune' as commune from submissions where id = any($1::uuid[])`,
    [ids],
  );

describe("group commit of submissions", () => {
  it("writes four submissions sent at once in one transaction, with their outbox rows, audit rows and one job", async () => {
    const sent = [1, 3, 5, 8].map((seed) => ({ id: randomUUID(), data: validHousehold(seed) }));
    const ids = sent.map((s) => s.id);
    const answers = await sendAll(sent);
    expect(answers.map((a) => [a.status, a.body])).toEqual(ids.map((id) => [202, { id, status: "received" }]));

    expect(await transactionsOf(ids)).toBe(1);
    const [outbox] = await owner<{ n: string }>(`select count(*) as n from outbox where submission_id = any($1::uuid[])`, [ids]);
    expect(Number(outbox!.n)).toBe(4);
    const audit = await owner<{ rows: string; xids: string }>(
      `select count(*) as rows, count(distinct xid) as xids from audit_log where action = 'submission.create' and entity_id = any($1)`,
      [ids],
    );
    expect(audit.map((a) => [Number(a.rows), Number(a.xids)])).toEqual([[4, 1]]);
    // One job for the batch, named by its first id in order, carrying the others' ids and nothing else.
    const [first, ...others] = [...ids].sort();
    expect(await ctx.queue.queue.getJobCounts("waiting")).toEqual({ waiting: 1 });
    expect((await ctx.queue.queue.getJob(first!))?.data).toEqual({ submissionId: first, others });

    const workers = ctx.startWorkers();
    await ctx.drain();
    const statuses = await owner<{ status: string }>(`select status from submissions where id = any($1::uuid[])`, [ids]);
    expect(statuses.map((s) => s.status)).toEqual(["integrated", "integrated", "integrated", "integrated"]);
    await workers.close();
    await chainAndAnchor(ctx.config);
    expect(await verifyAudit(ctx.config)).toMatchObject({ ok: true, pending: 0, findings: [] });
  });

  it("answers two copies of an id in one batch exactly: same content the same answer, other content 409", async () => {
    const id = randomUUID();
    const first = validHousehold(3);
    const other = { ...first, village: "Autre village" };
    const sent = [
      { id, data: first },
      { id, data: first },
      { id, data: other },
      { id: randomUUID(), data: validHousehold(7) },
    ];
    const answers = await sendAll(sent);

    // Whichever content reached the batch first is the one stored; every request is answered against it.
    const rows = await stored([id, sent[3]!.id]);
    expect(rows).toHaveLength(2);
    const kept = rows.find((row) => row.id === id)!.village;
    const expected = sent.map((s) => (s.data.village === kept || s.id !== id ? 202 : 409));
    expect(answers.map((a) => a.status)).toEqual(expected);
    expect(expected.filter((status) => status === 409)).toHaveLength(kept === other.village ? 2 : 1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(
      expected.filter((status) => status === 409).map(() => "submission_conflict"),
    );
    expect(await transactionsOf([id, sent[3]!.id])).toBe(1);
  });

  it("checks the caller's areas before answering about a copy of the same id in the same batch", async () => {
    const id = randomUUID();
    // The demo clerk covers prefecture 101 (seed 1), agent.102 prefecture 102 (seed 12): neither may learn of the other's.
    const sent = [
      { id, data: validHousehold(1), as: "agent" },
      { id, data: validHousehold(12), as: "agent.102" },
      { id: randomUUID(), data: validHousehold(3) },
      { id: randomUUID(), data: validHousehold(5) },
    ];
    const answers = await sendAll(sent);
    const rows = await stored(sent.map((s) => s.id));
    expect(rows).toHaveLength(3);
    const winner = rows.find((row) => row.id === id)!.commune;
    const expected = sent.map((s) => (s.id !== id || s.data.commune === winner ? [202, "received"] : [403, "outside_area"]));
    expect(answers.map((a) => [a.status, a.body.status ?? a.body.error.code])).toEqual(expected);
    expect(await transactionsOf(sent.map((s) => s.id))).toBe(1);
  });

  it("refuses a row the database refuses alone: the others of its batch are written", async () => {
    // As the owner: a trigger refusing one village with a data exception, as PostgreSQL does for a value it cannot store.
    await owner(
      `create function refuse_village() returns trigger language plpgsql as $$
       begin
         if new.data->>'village' = 'Refusé' then raise exception 'refused' using errcode = '22023'; end if;
         return new;
       end $$`,
      [],
    );
    await owner(`create trigger refuse_village before insert on submissions for each row execute function refuse_village()`, []);
    try {
      const sent = [1, 3, 5, 8].map((seed) => ({ id: randomUUID(), data: validHousehold(seed) }));
      sent[1]!.data = { ...sent[1]!.data, village: "Refusé" };
      const answers = await sendAll(sent);
      expect(answers.map((a) => [a.status, a.body.status ?? a.body.error.code])).toEqual([
        [202, "received"],
        [400, "value_refused"],
        [202, "received"],
        [202, "received"],
      ]);
      const ids = sent.map((s) => s.id);
      expect((await stored(ids)).map((row) => row.id).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
      const [left] = await owner<{ outbox: string; audit: string }>(
        `select (select count(*) from outbox where submission_id = $1) as outbox,
                (select count(*) from audit_log where entity_id = $2) as audit`,
        [ids[1], ids[1]],
      );
      expect(left).toEqual({ outbox: "0", audit: "0" });
    } finally {
      await owner(`drop trigger refuse_village on submissions; drop function refuse_village()`, []);
    }
  });

  it("integrates a batch's job submission by submission: one that fails gets a job of its own, the others are integrated", async () => {
    const sent = [2, 4, 6, 9].map((seed) => ({ id: randomUUID(), data: validHousehold(seed) }));
    expect((await sendAll(sent)).map((a) => a.status)).toEqual([202, 202, 202, 202]);
    const [first, ...others] = sent.map((s) => s.id).sort();
    const job = await ctx.queue.queue.getJob(first!);
    expect(job?.data).toEqual({ submissionId: first, others });
    // As the owner: integrating the second of the others fails, as a broken row or a lost connection would make it.
    const failing = others[1]!;
    await owner(
      `create function refuse_stage() returns trigger language plpgsql as $$
       begin raise exception 'refused' using errcode = '22023'; end $$`,
      [],
    );
    await owner(
      `create trigger refuse_stage before update on submissions for each row when (new.id = '${failing}') execute function refuse_stage()`,
      [],
    );
    const logger = createLogger("error", "test");
    const dispatch = { queue: ctx.queue, logger, retryAt: () => new Date(Date.now() + 60_000) };
    try {
      await integrateJob(ctx.orm.em.fork(), job!.data, DEFAULT_THRESHOLDS, 50, { dispatch, logger });
    } finally {
      await owner(`drop trigger refuse_stage on submissions; drop function refuse_stage()`, []);
    }
    const rows = await owner<{ id: string; status: string; queued: boolean }>(
      `select id, status, exists (select 1 from outbox where submission_id = s.id) as queued from submissions s where id = any($1::uuid[]) order by id`,
      [[first, ...others]],
    );
    expect(rows.map((row) => [row.id, row.status, row.queued])).toEqual(
      [first!, ...others].map((id) => (id === failing ? [id, "received", true] : [id, "integrated", false])),
    );
    expect((await ctx.queue.queue.getJob(failing))?.data).toEqual({ submissionId: failing });
  });
});
