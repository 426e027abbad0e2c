import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import type { Caller } from "../helpers/test-client";

/**
 * What a clerk follows and starts from (issue #6): « Mes envois » (`GET /api/submissions`), the answers
 * of a household to update it (`GET /api/households/:id/answers`) and of a submission to correct it.
 */
let ctx: TestContext;
/** A second clerk of the same area, whose submissions the first must never see; a supervisor of another island. */
beforeAll(async () => {
  ctx = await createTestContext("submission_list");
  ctx.startWorkers();
  await ctx.addUser({ username: "agent2", roles: ["clerk"], areas: ["101"] });
  await ctx.addUser({ username: "superviseur3", roles: ["supervisor"], areas: ["3"] });
});
afterAll(() => ctx?.close());

/** As the clerk "agent" unless told otherwise. */
const call = (method: string, path: string, body?: unknown, as: Caller = "agent") => ctx.send(method, path, body, as);
const ids = (page: { items: { id: string }[] }) => page.items.map((s) => s.id);

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

const send = async (data: Record<string, unknown>, as: Caller = "agent", envelope: Record<string, unknown> = {}) => {
  const res = await ctx.submit(data, envelope, as);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.id as string;
};

/** The submission as it stands once the queue is drained. */
const settled = async (id: string) => {
  await ctx.drain();
  return (await ctx.get(`/api/submissions/${id}`)).body;
};

describe("« Mes envois » and the answers to start from", () => {
  const sent: string[] = [];
  let theirs = "";

  it("lists the clerk's own submissions, newest first, a page at a time, with the household they name", async () => {
    const households = inMoroni(900, 4);
    for (const data of households.slice(0, 3)) sent.push(await send(data));
    theirs = await send(households[3]!, "agent2");
    await ctx.drain();

    const page = await call("GET", "/api/submissions?mine=1&limit=2");
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(ids(page.body)).toEqual([sent[2], sent[1]]);
    const head = households[2]!.members.find((m: Record<string, unknown>) => m.relation_to_head === "01") ?? households[2]!.members[0];
    expect(page.body.items[0]).toMatchObject({
      formId: "menage",
      version: 1,
      status: "integrated",
      stage: "integrated",
      household: { headName: `${head.first_name} ${head.last_name}`, village: households[2]!.village },
    });
    expect(ids((await call("GET", "/api/submissions?mine=1&limit=2&offset=2")).body)).toEqual([sent[0]]);
  });

  it("never shows a clerk another clerk's submission, whatever the query", async () => {
    for (const query of ["", "?mine=1", "?mine=0", "?stage=integrated&limit=200"]) {
      const mine = await call("GET", `/api/submissions${query}`);
      expect(ids(mine.body)).not.toContain(theirs);
      expect(mine.body.total).toBe(3);
    }
    expect(ids((await call("GET", "/api/submissions", undefined, "agent2")).body)).toEqual([theirs]);
    expect((await call("GET", `/api/submissions/${theirs}`)).body.error.code).toBe("forbidden");
    expect((await call("GET", `/api/submissions/${theirs}/answers`)).status).toBe(403);
  });

  it("lets supervisors and administrators list the submissions of their areas, or their own with mine=1", async () => {
    const area = await call("GET", "/api/submissions?limit=10", undefined, "superviseur");
    expect(area.body.total).toBe(4);
    expect(ids(area.body)[0]).toBe(theirs);
    expect((await call("GET", "/api/submissions?mine=1", undefined, "superviseur")).body).toEqual({ items: [], total: 0 });
    expect((await call("GET", "/api/submissions", undefined, "superviseur3")).body).toEqual({ items: [], total: 0 });
    expect((await call("GET", "/api/submissions", undefined, "admin")).body.total).toBe(4);
    // Analysts read the registry, not submissions.
    expect((await call("GET", "/api/submissions", undefined, "analyste")).status).toBe(403);
  });

  it("refuses a stage or a page it does not know, naming the parameter", async () => {
    for (const [query, name] of [
      ["stage=lost", "stage"],
      ["mine=yes", "mine"],
      ["limit=0", "limit"],
      ["offset=-1", "offset"],
      ["limit=abc", "limit"],
    ] as const) {
      const bad = await call("GET", `/api/submissions?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error).toMatchObject({ code: "invalid_parameter", message: { fr: expect.any(String), en: expect.any(String) } });
      expect(bad.body.error.details[0]).toMatchObject({ pointer: `/${name}`, code: "invalid_parameter" });
    }
  });

  it("starts an update from the household's answers and its current version; a stale one waits, then is sent back", async () => {
    const done = await settled(sent[0]!);
    const answers = await call("GET", `/api/households/${done.householdId}/answers`);
    expect(answers.status).toBe(200);
    expect(answers.body).toMatchObject({ form: { id: "menage", version: 1 }, householdId: done.householdId, baseVersion: 1 });
    expect(answers.body.data.members.length).toBeGreaterThan(0);
    // Analysts read households but do not submit: no answers to start from.
    expect((await call("GET", `/api/households/${done.householdId}/answers`, undefined, "analyste")).status).toBe(403);
    expect((await call("GET", `/api/households/${randomUUID()}/answers`)).status).toBe(404);
    expect((await call("GET", "/api/households/not-an-id/answers")).status).toBe(400);

    const data = { ...answers.body.data, number_of_rooms: 7 };
    const update = await send(data, "agent", { householdId: done.householdId, baseVersion: 1 });
    expect(await settled(update)).toMatchObject({ status: "integrated", householdId: done.householdId });
    expect((await call("GET", `/api/households/${done.householdId}`)).body).toMatchObject({
      version: 2,
      attributes: { number_of_rooms: 7 },
    });
    expect((await call("GET", `/api/households/${done.householdId}/answers`)).body).toMatchObject({
      baseVersion: 2,
      data: { number_of_rooms: 7 },
    });

    // Built on version 1 while the household is at 2: a supervisor will reconcile it.
    const stale = await send(answers.body.data, "agent", { householdId: done.householdId, baseVersion: 1 });
    expect(await settled(stale)).toMatchObject({ status: "needs_review", reasons: [{ rule: "stale_update" }] });
    expect(ids((await call("GET", "/api/submissions?stage=needs_review")).body)).toEqual([stale]);
    expect(
      (await call("POST", `/api/submissions/${stale}/return`, { comment: "Reprenez la dernière version." }, "superviseur")).status,
    ).toBe(200);
    const returned = (await call("GET", "/api/submissions?stage=returned")).body;
    expect(returned.items).toMatchObject([
      { id: stale, status: "needs_review", stage: "returned", returnComment: "Reprenez la dernière version." },
    ]);
    expect((await call("GET", "/api/submissions?stage=needs_review")).body.total).toBe(0);
    // Corrected from the household as it is now, not from the stale answers.
    expect((await call("GET", `/api/submissions/${stale}/answers`)).body).toMatchObject({
      householdId: done.householdId,
      baseVersion: 2,
      data: { number_of_rooms: 7 },
    });
  });

  it("gives a submission's answers back to correct it", async () => {
    const answers = await call("GET", `/api/submissions/${sent[1]}/answers`);
    expect(answers.body).toMatchObject({ form: { id: "menage" }, householdId: null, baseVersion: null });
    expect(answers.body.data.members.length).toBeGreaterThan(0);
    expect((await call("GET", `/api/submissions/${randomUUID()}/answers`)).status).toBe(404);
  });

  it("prefills the newest version of the form when the household's is retired, with the answers it still asks", async () => {
    const household = (await settled(sent[1]!)).householdId as string;
    const mask = (await call("GET", "/api/forms/menage/draft", undefined, "admin")).body.mask;
    const pages = structuredClone(mask.pages) as Array<{ elements: Array<{ name: string; type: string; isRequired?: boolean }> }>;
    const index = pages[0]!.elements.findIndex((e) => e.type !== "paneldynamic" && e.type !== "html" && !e.isRequired);
    const dropped = pages[0]!.elements.splice(index, 1)[0]!.name;
    expect((await call("PUT", "/api/forms/menage/draft", { ...mask, pages }, "admin")).status).toBe(200);
    expect(
      (await call("POST", "/api/forms/menage/publish", { confirmBreaking: true, reason: "Question retirée" }, "admin")).body.version,
    ).toBe(2);
    expect((await call("POST", "/api/forms/menage/versions/1/retire", { reason: "Remplacée" }, "admin")).status).toBe(200);

    const before = (await call("GET", `/api/households/${household}/answers`)).body;
    expect(before.form.version).toBe(2);
    expect(Object.keys(before.data)).not.toContain(dropped);
    expect(before.data.members.length).toBeGreaterThan(0);
    const update = await call("POST", "/api/submissions", {
      id: randomUUID(),
      formId: "menage",
      version: 2,
      data: before.data,
      householdId: household,
      baseVersion: before.baseVersion,
    });
    expect(update.status, JSON.stringify(update.body)).toBe(202);
    expect(await settled(update.body.id)).toMatchObject({ status: "integrated", householdId: household });
  });
});
