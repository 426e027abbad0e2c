import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEntry, Submission } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("submissions");
});
afterAll(() => ctx?.close());

/** A body sent as it is (not JSON-encoded by the client), with its own content type. */
const postRaw = (body: string, type: string) =>
  ctx.request("/api/submissions", { method: "POST", headers: { "content-type": type }, body });
const post = (body: unknown) => ctx.post("/api/submissions", body);
const get = (path: string) => ctx.get(path);
const submission = (data = validHousehold(1)) => ({ id: randomUUID(), formId: "menage", version: 1, data });
const count = (entity: typeof Submission) => ctx.orm.em.fork().count(entity, {});

describe("POST /api/submissions → worker → registry", () => {
  it("integrates a valid household with its members, found by commune and by the head's name", async () => {
    const workers = ctx.startWorkers();
    const sent = submission(validHousehold(7));
    const res = await post(sent);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: sent.id, status: "received" });

    await ctx.drain();
    const done = (await get(`/api/submissions/${sent.id}`)).body;
    expect(done.status).toBe("integrated");
    const household = await get(`/api/households/${done.householdId}`);
    expect(household.status).toBe(200);
    const members = sent.data.members as Record<string, unknown>[];
    expect(household.body.members).toHaveLength(members.length);
    expect(household.body.members[0]).toMatchObject({ lineNumber: 1, firstName: members[0]!.first_name, lastName: members[0]!.last_name });
    expect(household.body.commune).toBe(sent.data.commune);

    const byCommune = await get(`/api/households?commune=${sent.data.commune}`);
    expect(byCommune.body.items.map((h: { id: string }) => h.id)).toContain(done.householdId);
    const lastName = String(members[0]!.last_name);
    const byName = await get(`/api/households?q=${encodeURIComponent(lastName.toUpperCase())}`);
    expect(byName.body.items.map((h: { id: string }) => h.id)).toContain(done.householdId);
    expect(await ctx.orm.em.fork().count(OutboxEntry, { submissionId: sent.id })).toBe(0);
    await workers.close();
  });

  it("refuses invalid answers with 422, one entry per field, and writes no submission, only the refusal's variables and codes", async () => {
    const before = await count(Submission);
    const data = validHousehold(3);
    const members = data.members as Record<string, unknown>[];
    delete members[0]!.sex;
    data.number_of_rooms = 999;
    const sent = submission(data);
    const res = await post(sent);
    expect(res.status).toBe(422);
    const body = res.body;
    expect(body.error.code).toBe("submission_invalid");
    expect(body.error.message.fr).toBeTruthy();
    expect(body.error.message.en).toBeTruthy();
    const pointers = body.error.details.map((d: { pointer: string }) => d.pointer);
    expect(pointers).toContain("/members/0/sex");
    expect(pointers).toContain("/number_of_rooms");
    expect(await count(Submission)).toBe(before);
    // For the administrator's report (issue #23): where, and which variables failed how; no answer.
    const [refusal] = await ctx.orm.em
      .fork()
      .getConnection()
      .execute(`select island, commune, errors from submission_refusals where submission_id = ?`, [sent.id]);
    expect(refusal).toEqual({
      island: data.island,
      commune: data.commune,
      errors: body.error.details.map((d: { pointer: string; code: string }) => ({ variable: d.pointer.split("/").pop(), code: d.code })),
    });
  });

  it("answers a retry with the same id and content as the first time, and 409 when the content differs", async () => {
    const sent = submission(validHousehold(11));
    const first = await post(sent);
    const again = await post(sent);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ id: sent.id, status: "received" });
    // Same content with keys in another order is the same submission.
    const reordered = Object.fromEntries(Object.entries(sent.data).reverse());
    expect((await post({ ...sent, data: reordered })).status).toBe(202);

    const changed = await post({ ...sent, data: { ...sent.data, village: "Autre village" } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("submission_conflict");
    expect(await ctx.orm.em.fork().count(Submission, { id: sent.id })).toBe(1);
  });

  it("answers two copies sent at once exactly: the same content twice is one submission, other content is 409", async () => {
    const sent = submission(validHousehold(12));
    const same = await Promise.all([post(sent), post(sent)]);
    expect(same.map((r) => r.status)).toEqual([202, 202]);
    const other = submission(validHousehold(13));
    const [a, b] = await Promise.all([post(other), post({ ...other, data: { ...other.data, village: "Autre village" } })]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    expect(await ctx.orm.em.fork().count(Submission, { id: { $in: [sent.id, other.id] } })).toBe(2);
  });

  it("integrates a submission accepted while no worker ran, once a worker starts", async () => {
    const sent = submission(validHousehold(21));
    expect((await post(sent)).status).toBe(202);
    expect((await get(`/api/submissions/${sent.id}`)).body.status).toBe("received");
    const workers = ctx.startWorkers();
    await ctx.drain();
    const done = (await get(`/api/submissions/${sent.id}`)).body;
    expect(done).toMatchObject({ status: "integrated", householdId: expect.any(String) });
    await workers.close();
  });

  it.each([
    ["a missing id", { formId: "menage", version: 1, data: {} }, 422, "submission_envelope_invalid"],
    ["an id that is not a UUID", { id: "123", formId: "menage", version: 1, data: {} }, 422, "submission_envelope_invalid"],
    ["an unknown form version", { id: randomUUID(), formId: "menage", version: 99, data: {} }, 404, "form_version_not_found"],
  ])("answers %s with %i %s", async (_what, body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it("answers malformed JSON with 400 malformed_json, and a body that is not JSON with 415", async () => {
    const malformed = await postRaw("{not json", "application/json");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).error.code).toBe("malformed_json");
    const res = await postRaw(JSON.stringify(submission()), "text/plain");
    expect(res.status).toBe(415);
  });

  it("says where the envelope is wrong", async () => {
    const { body } = await post({ formId: "menage", version: 1, data: {} });
    expect(body.error.details.map((d: { pointer: string }) => d.pointer)).toContain("/id");
  });
});
