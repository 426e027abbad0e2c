import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrateSubmission } from "../../api/registry/integration/integrate-submission";
import type { Member, Response } from "../helpers/demo-responses";
import { registration } from "../helpers/registrations";
import { createTestContext, type TestContext } from "../helpers/test-context";

/*
 * One national ID names at most one current person (issue #14, defect 2). Three registrations of one head,
 * NIN and all, reach the registry at once (same or different communes, so batches of different communes
 * run side by side) or one after the other: one household and one person are created, the others wait for
 * a supervisor with a reason that names the NIN, and none is lost.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("nin_uniqueness");
});
afterAll(() => ctx?.close());

async function submit(data: Response): Promise<string> {
  const id = randomUUID();
  const res = await ctx.request("/api/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id, formId: "menage", version: 1, data }),
  });
  expect(res.status).toBe(202);
  return id;
}

const sql = <T>(query: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute<T[]>(query, params);

/** Workers with batches and several jobs at once, started once the submissions wait, stopped once they are settled. */
async function integrateWithWorkers(): Promise<void> {
  const workers = ctx.startWorkers({ INTEGRATION_BATCH_SIZE: "10", WORKER_CONCURRENCY: "4" });
  try {
    await ctx.drain(60_000);
  } finally {
    await workers.close();
  }
}

/** The registry as the NIN sees it, and what became of the submissions. */
async function outcome(nin: string, ids: string[]) {
  const people = await sql<{ person_id: string }>(`select person_id from individuals where nin = ?`, [nin]);
  const stages = await sql<{ status: string; household_id: string | null }>(
    `select status, household_id from submissions where id in (?) order by status`,
    [ids],
  );
  const held = await sql<{ kind: string; rules: string[] }>(
    `select kind, array(select r->>'rule' from jsonb_array_elements(reasons) r) as rules from review_items where submission_id in (?)
      order by kind`,
    [ids],
  );
  return {
    individuals: people.length,
    persons: new Set(people.map((p) => p.person_id)).size,
    stages: stages.map((s) => s.status),
    households: stages.filter((s) => s.household_id).length,
    ninReasons: held.filter((h) => h.rules.includes("nin_held")).length,
    items: held.length,
  };
}

const EXPECTED = {
  individuals: 1,
  persons: 1,
  stages: ["integrated", "needs_review", "needs_review"],
  households: 1,
  ninReasons: 2,
  items: 2,
};

describe("one NIN, one current person (issue #14)", () => {
  for (const [name, communes, base] of [
    ["two of the same commune and one of another", ["10101", "10102", "10101"], 100],
    ["three different communes", ["10101", "10102", "10201"], 200],
  ] as const) {
    it(`three registrations of one head sent at once, ${name}, by workers in concurrent batches`, { timeout: 120_000 }, async () => {
      for (let trial = 0; trial < 3; trial++) {
        const nin = String(222000000 + base + trial);
        const seed = 1000 * base + 100 * trial;
        const ids = await Promise.all(communes.map((commune) => submit(registration(seed, commune, nin))));
        await integrateWithWorkers();
        expect({ trial, ...(await outcome(nin, ids)) }).toEqual({ trial, ...EXPECTED });
      }
    });

    it(`the same, ${name}, as three batch jobs run side by side`, async () => {
      for (let trial = 0; trial < 5; trial++) {
        const nin = String(222000000 + base + 50 + trial);
        const seed = 1000 * base + 500 + 100 * trial;
        const ids = await Promise.all(communes.map((commune) => submit(registration(seed, commune, nin))));
        const run = (submissionId: string) => integrateSubmission(ctx.orm.em.fork(), { submissionId }, ctx.config.matchThresholds, 10);
        await Promise.all(ids.map(run));
        expect({ trial, ...(await outcome(nin, ids)) }).toEqual({ trial, ...EXPECTED });
      }
    });
  }

  it("three registrations of one head sent one at a time to three communes", { timeout: 120_000 }, async () => {
    const nin = "222000900";
    const ids: string[] = [];
    for (const commune of ["10101", "10102", "10201"]) {
      ids.push(await submit(registration(900_000, commune, nin)));
      await integrateWithWorkers();
    }
    expect(await outcome(nin, ids)).toEqual(EXPECTED);
  });

  describe("a NIN of another household's member, and the supervisor's decision", () => {
    const integrate = async (submissionId: string) =>
      integrateSubmission(ctx.orm.em.fork(), { submissionId }, ctx.config.matchThresholds, 10);
    const decide = (itemId: string, decision: "same" | "different") =>
      ctx.request(`/api/review-items/${itemId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision, comment: "vu" }),
      });
    const itemOf = async (submissionId: string) =>
      (await sql<{ id: string; kind: string; rules: string[] }>(
        `select id, kind, array(select r->>'rule' from jsonb_array_elements(reasons) r) as rules from review_items where submission_id = ?`,
        [submissionId],
      ))!;
    const stageOf = async (submissionId: string) =>
      (
        await sql<{ status: string; household_id: string | null }>(`select status, household_id from submissions where id = ?`, [
          submissionId,
        ])
      )[0]!;
    const holdersOf = (nin: string) =>
      sql<{ household_id: string; person_id: string; line_number: number }>(
        `select household_id, person_id, line_number from individuals where nin = ?`,
        [nin],
      );

    /** A registered household whose second member holds `nin`, and another household that names that member on its line 2. */
    async function moveSetup(seed: number, nin: string) {
      const home = registration(seed, "10101", String(Number(nin) + 1));
      (home.members as Member[])[1]!.nin = nin;
      const from = await submit(home);
      expect(await integrate(from)).toBe("integrated");
      const before = (await holdersOf(nin))[0]!;
      const other = registration(seed + 50, "10102", String(Number(nin) + 2));
      const son = (home.members as Member[])[1]!;
      Object.assign((other.members as Member[])[1]!, { ...son, relation_to_head: (other.members as Member[])[1]!.relation_to_head });
      const to = await submit(other);
      return { from, to, before };
    }

    it("holds a new household naming another household's member by NIN; « same » moves that person, with history", async () => {
      const nin = "333000010";
      const { to, before } = await moveSetup(300_000, nin);
      expect(await integrate(to)).toBe("needs_review");
      expect(await stageOf(to)).toEqual({ status: "needs_review", household_id: null });
      const [item] = await itemOf(to);
      expect(item).toMatchObject({ kind: "person_move", rules: ["nin_held"] });
      // The supervisor sees both: the line of the submission and the registered person who holds the NIN.
      const detail = await ctx.request(`/api/review-items/${item!.id}`);
      expect(detail.status).toBe(200);
      const { incoming, existing } = (await detail.json()) as { incoming: { nin: string; lineNumber: number }; existing: { id: string } };
      expect([incoming.nin, incoming.lineNumber, existing.id]).toEqual([
        nin,
        2,
        (await sql<{ id: string }>(`select id from individuals where nin = ?`, [nin]))[0]!.id,
      ]);

      const res = await decide(item!.id, "same");
      expect(res.status).toBe(200);
      const after = await stageOf(to);
      expect(after.status).toBe("integrated");
      expect(await holdersOf(nin)).toEqual([{ household_id: after.household_id, person_id: before.person_id, line_number: 2 }]);
      const [left] = await sql<{ version: number; action: string; by: string | null; review_item_id: string; members: number }>(
        `select v.version, v.action, v.by, v.review_item_id, jsonb_array_length(v.state->'members') as members
           from household_versions v where v.household_id = ? order by v.version desc limit 1`,
        [before.household_id],
      );
      const [admin] = await sql<{ id: string }>(`select id from users where username = 'admin'`);
      const [registered] = await sql<{ n: number }>(
        `select jsonb_array_length(state->'members') as n from household_versions where household_id = ? and version = 1`,
        [before.household_id],
      );
      expect(left).toEqual({ version: 2, action: "move", by: admin!.id, review_item_id: item!.id, members: registered!.n - 1 });
    });

    it("« different » on such a hold rejects the submission, and the NIN stays with its holder", async () => {
      const nin = "333000020";
      const { to, before } = await moveSetup(310_000, nin);
      expect(await integrate(to)).toBe("needs_review");
      const [item] = await itemOf(to);
      expect((await decide(item!.id, "different")).status).toBe(200);
      expect(await stageOf(to)).toEqual({ status: "rejected", household_id: null });
      expect(await holdersOf(nin)).toEqual([before]);
    });

    it("« different » on a household held for its head's NIN is refused with nin_held, and writes nothing", async () => {
      const nin = "333000030";
      const first = await submit(registration(320_000, "10101", nin));
      const second = await submit(registration(320_000, "10102", nin));
      expect(await integrate(first)).toBe("integrated");
      expect(await integrate(second)).toBe("needs_review");
      const [item] = await itemOf(second);
      expect(item).toMatchObject({ kind: "duplicate_household", rules: ["nin_held", "duplicate_household"] });
      const res = await decide(item!.id, "different");
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("nin_held");
      expect(await stageOf(second)).toEqual({ status: "needs_review", household_id: null });
      expect((await holdersOf(nin)).length).toBe(1);
      const [open] = await sql<{ status: string }>(`select status from review_items where id = ?`, [item!.id]);
      expect(open!.status).toBe("open");
    });

    it("rejects a roster that gives one NIN to two of its members, for the clerk to correct", async () => {
      const data = registration(330_000, "10101", "333000040");
      (data.members as Member[])[1]!.nin = "333000040";
      const id = await submit(data);
      expect(await integrate(id)).toBe("rejected");
      expect(await itemOf(id)).toEqual([{ id: expect.any(String), kind: "rejected_submission", rules: ["nin_repeated"] }]);
      expect(await holdersOf("333000040")).toEqual([]);
    });

    it("holds an update that adds another household's member by NIN; « same » moves that person into it", async () => {
      const nin = "333000050";
      const home = registration(340_000, "10101", "333000051");
      (home.members as Member[])[1]!.nin = nin;
      expect(await integrate(await submit(home))).toBe("integrated");
      const before = (await holdersOf(nin))[0]!;
      const otherData = registration(340_100, "10102", "333000052");
      const created = await submit(otherData);
      expect(await integrate(created)).toBe("integrated");
      const target = (await stageOf(created)).household_id!;
      const update = structuredClone(otherData);
      const members = update.members as Member[];
      members.push({ ...(home.members as Member[])[1]!, relation_to_head: "09" });
      const res = await ctx.request("/api/submissions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: randomUUID(), formId: "menage", version: 1, data: update, householdId: target, baseVersion: 1 }),
      });
      expect(res.status).toBe(202);
      const updateId = ((await res.json()) as { id: string }).id;
      expect(await integrate(updateId)).toBe("needs_review");
      const [item] = await itemOf(updateId);
      expect(item).toMatchObject({ kind: "person_move", rules: ["nin_held"] });
      expect((await decide(item!.id, "same")).status).toBe(200);
      expect(await stageOf(updateId)).toEqual({ status: "integrated", household_id: target });
      expect(await holdersOf(nin)).toEqual([{ household_id: target, person_id: before.person_id, line_number: members.length }]);
    });

    it("applies an update that swaps two members' NINs (a correction), each row taking the other's", async () => {
      const data = registration(350_000, "10101", "333000060");
      (data.members as Member[])[1]!.nin = "333000061";
      const id = await submit(data);
      expect(await integrate(id)).toBe("integrated");
      const householdId = (await stageOf(id)).household_id!;
      const update = structuredClone(data);
      const [head, second] = update.members as Member[];
      [head!.nin, second!.nin] = [second!.nin, head!.nin];
      const res = await ctx.request("/api/submissions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: randomUUID(), formId: "menage", version: 1, data: update, householdId, baseVersion: 1 }),
      });
      expect(res.status).toBe(202);
      const updateId = ((await res.json()) as { id: string }).id;
      expect(await integrate(updateId)).toBe("integrated");
      expect((await holdersOf("333000060")).map((h) => h.line_number)).toEqual([2]);
      expect((await holdersOf("333000061")).map((h) => h.line_number)).toEqual([1]);
    });
  });
});
