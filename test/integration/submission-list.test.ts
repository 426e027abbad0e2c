import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type DemoUsername, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * What a clerk follows and starts from (issue #6): « Mes envois » (`GET /api/submissions`), the answers
 * of a household to update it (`GET /api/households/:id/answers`) and of a submission to correct it.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("submission_list");
  ctx.startWorkers();
});
afterAll(() => ctx?.close());

const call = async (method: string, path: string, body?: unknown, as: DemoUsername = "agent") => {
  const res = await ctx.request(path, { method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, as);
  return { status: res.status, body: (await res.json()) as any };
};

/** Households of the clerk's prefecture (101), without NINs so that each is a new household. */
function inMoroni(from: number, count: number): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  for (let seed = from; found.length < count; seed++) {
    const data = validHousehold(seed) as Record<string, any>;
    if (data.prefecture !== "101") continue;
    for (const m of data.members) delete m.nin;
    found.push(data);
  }
  return found;
}

const settled = (id: string) =>
  waitFor(async () => {
    const { body } = await call("GET", `/api/submissions/${id}`);
    return body.status !== "received" ? body : undefined;
  }, { what: `submission ${id} to be integrated` });

describe("« Mes envois » and the answers to start from", () => {
  const sent: string[] = [];

  it("lists the clerk's own submissions, newest first, by stage, a page at a time", async () => {
    for (const data of inMoroni(900, 3)) {
      const res = await call("POST", "/api/submissions", { id: randomUUID(), formId: "menage", version: 1, data });
      expect(res.status).toBe(202);
      sent.push(res.body.id);
    }
    for (const id of sent) await settled(id);
    const page = await call("GET", "/api/submissions?limit=2");
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((s: { id: string }) => s.id)).toEqual([sent[2], sent[1]]);
    expect(page.body.items[0]).toMatchObject({ formId: "menage", version: 1 });
    expect((await call("GET", "/api/submissions?offset=2")).body.items.map((s: { id: string }) => s.id)).toEqual([sent[0]]);
    expect((await call("GET", "/api/submissions?status=rejected")).body).toEqual({ items: [], total: 0 });
    // Someone else's submissions are not theirs to list.
    expect((await call("GET", "/api/submissions", undefined, "superviseur")).body.total).toBe(0);
  });

  it("refuses a stage or a page it does not know, naming the parameter", async () => {
    const bad = await call("GET", "/api/submissions?status=lost");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ pointer: "/status", code: "invalid_parameter" });
    expect((await call("GET", "/api/submissions?limit=0")).status).toBe(400);
  });

  it("starts an update from the household's answers and its current version", async () => {
    const done = await settled(sent[0]!);
    const answers = await call("GET", `/api/households/${done.householdId}/answers`);
    expect(answers.status).toBe(200);
    expect(answers.body).toMatchObject({ form: { id: "menage", version: 1 }, householdId: done.householdId, baseVersion: 1 });
    expect(answers.body.data.members.length).toBeGreaterThan(0);
    // Analysts read households but do not submit: no answers to start from.
    expect((await call("GET", `/api/households/${done.householdId}/answers`, undefined, "analyste")).status).toBe(403);

    const data = { ...answers.body.data, number_of_rooms: 7 };
    const update = await call("POST", "/api/submissions", { id: randomUUID(), formId: "menage", version: 1, data, householdId: done.householdId, baseVersion: 1 });
    expect(update.status).toBe(202);
    expect(await settled(update.body.id)).toMatchObject({ status: "integrated", householdId: done.householdId });
    expect((await call("GET", `/api/households/${done.householdId}`)).body).toMatchObject({ version: 2, attributes: { number_of_rooms: 7 } });
    expect((await call("GET", `/api/households/${done.householdId}/answers`)).body.baseVersion).toBe(2);
  });

  it("gives a submission's answers back to correct it", async () => {
    const answers = await call("GET", `/api/submissions/${sent[1]}/answers`);
    expect(answers.body).toMatchObject({ form: { id: "menage" }, householdId: null, baseVersion: null });
    expect(answers.body.data.members.length).toBeGreaterThan(0);
    expect((await call("GET", `/api/submissions/${randomUUID()}/answers`)).status).toBe(404);
  });
});
