import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrateSubmission } from "../../api/registry/integration/integrate-submission";
import { validHousehold, type Member, type Response } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

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

const PREFECTURE: Record<string, string> = { "10101": "101", "10102": "101", "10201": "102" };

/** Household `seed` (at least two members), placed in `commune` of Ngazidja, its head holding `nin`, no other NIN. */
function registration(seed: number, commune: string, nin: string): Response {
  for (let s = seed; ; s++) {
    const data = validHousehold(s);
    const members = data.members as Member[];
    if (data.island !== "1" || members.length < 2 || !members[0]!.nin) continue;
    members.forEach((m, i) => {
      delete m.nin;
      m.last_name = `Famille ${spelled(seed)} ${spelled(i)}`;
    });
    members[0]!.nin = nin;
    return { ...data, prefecture: PREFECTURE[commune], commune };
  }
}

/** A number in letters, so that households of different seeds have names that neither spelling nor sound brings together. */
function spelled(n: number): string {
  return [...n.toString(10)]
    .map((d) => ["Zaro", "Moja", "Mbili", "Tatu", "Nne", "Tsano", "Sita", "Saba", "Nane", "Shenda"][Number(d)])
    .join("");
}

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

const settled = (ids: string[]) =>
  waitFor(
    async () => {
      const [row] = await sql<{ n: string }>(`select count(*) as n from submissions where id in (?) and status = 'received'`, [ids]);
      return Number(row!.n) === 0 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `${ids.length} submissions to be settled` },
  );

/** Workers with batches and several jobs at once, started once the submissions wait, stopped once they are settled. */
async function integrateWithWorkers(ids: string[]): Promise<void> {
  const workers = ctx.startWorkers({ INTEGRATION_BATCH_SIZE: "10", WORKER_CONCURRENCY: "4" });
  try {
    await settled(ids);
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
        await integrateWithWorkers(ids);
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
      await integrateWithWorkers(ids);
    }
    expect(await outcome(nin, ids)).toEqual(EXPECTED);
  });
});
