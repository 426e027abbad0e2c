import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Individual, ReviewItem, Submission } from "../../api/entities";
import { HOUSEHOLD_KEY_VARIABLES } from "../../schemas/contracts/registry";
import { integrateSubmission } from "../../api/registry/integration/integrate-submission";
import { validHousehold, type Member, type Response } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * A batch matches its new households against the registry in one search and against each other in
 * memory (workers/integrate/new-households.ts, issue #6): what the batch created earlier must be seen by
 * what comes after it, as if they had been integrated one at a time. No worker runs: each case is one job
 * run with a batch large enough to take every received submission.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("integration_batch_matching");
});
afterAll(() => ctx?.close());

async function submit(data: Response): Promise<string> {
  const res = await ctx.submit(data);
  expect(res.status).toBe(202);
  return res.body.id;
}

/** The first household from `seed` on with at least two members, the head holding a NIN. */
function householdWithNin(seed: number): Response {
  for (let s = seed; ; s++) {
    const data = validHousehold(s);
    const members = data.members as Member[];
    if (members.length >= 2 && members[0]!.nin) return data;
  }
}

function samePlace(data: Response): Response {
  return Object.fromEntries(Object.values(HOUSEHOLD_KEY_VARIABLES).map((name) => [name, data[name]]));
}

const integrateAll = (first: string) => integrateSubmission(ctx.orm.em.fork(), { submissionId: first }, ctx.config.matchThresholds, 50);

describe("new households matched within one batch", () => {
  it("holds the second of two submissions of one household, in the same batch, for review", async () => {
    const data = householdWithNin(7100);
    for (const member of data.members as Member[]) delete member.nin;
    const first = await submit(data);
    const second = await submit(structuredClone(data));
    expect(await integrateAll(first)).toBe("integrated");

    const em = ctx.orm.em.fork();
    const [a, b] = [await em.findOneOrFail(Submission, first), await em.findOneOrFail(Submission, second)];
    expect([a.status, b.status]).toEqual(["integrated", "needs_review"]);
    const item = await em.findOneOrFail(ReviewItem, { submissionId: second });
    expect(item).toMatchObject({ kind: "duplicate_household", householdId: a.householdId });
    expect(b.householdId).toBeNull();
  });

  it("holds a household naming by NIN a person an earlier household of the same batch registered (issue #14)", async () => {
    const earlier = householdWithNin(7200);
    // Elsewhere in the same commune: a batch takes the submissions of one commune.
    const later: Response = { ...householdWithNin(7300), ...samePlace(earlier), village: "Un autre village" };
    const person = (earlier.members as Member[])[0]!;
    // The same man, head of a second household: his NIN, names, sex and birth date (a NIN alone, with
    // everything else different, is a review, never a link: test/unit/match-score.test.ts).
    const head = (later.members as Member[])[0]!;
    for (const key of ["nin", "first_name", "last_name", "sex", "birth_date"]) head[key] = person[key];
    const first = await submit(earlier);
    const second = await submit(later);
    expect(await integrateAll(first)).toBe("integrated");

    const em = ctx.orm.em.fork();
    const [a, b] = [await em.findOneOrFail(Submission, first), await em.findOneOrFail(Submission, second)];
    expect([a.status, b.status, b.householdId]).toEqual(["integrated", "needs_review", null]);
    // One person a NIN: the one the earlier household registered, in that household only.
    const holders = await em.find(Individual, { nin: person.nin as string });
    expect(holders.map((h) => [h.household.id, h.lineNumber])).toEqual([[a.householdId, 1]]);
    const item = await em.findOneOrFail(ReviewItem, { submissionId: second });
    expect(item).toMatchObject({ kind: "person_move", existingIndividualId: holders[0]!.id, incomingLine: 1 });
  });
});
