import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEntry, Submission } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("submissions");
});
afterAll(() => ctx?.close());

const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  ctx.request("/api/submissions", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
const get = async (path: string) => {
  const res = await ctx.request(path);
  return { status: res.status, body: (await res.json()) as any };
};
const submission = (data = validHousehold(1)) => ({ id: randomUUID(), formId: "menage", version: 1, data });
const count = (entity: typeof Submission) => ctx.orm.em.fork().count(entity, {});

async function waitForStatus(id: string, status: string) {
  return waitFor(
    async () => {
      const { body } = await get(`/api/submissions/${id}`);
      return body.status === status ? body : undefined;
    },
    { what: `submission ${id} to be ${status}` },
  );
}

describe("POST /api/submissions → worker → registry", () => {
  it("integrates a valid household with its members, found by commune and by the head's name", async () => {
    const workers = ctx.startWorkers();
    const sent = submission(validHousehold(7));
    const res = await post(sent);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id: sent.id, status: "received" });

    const done = await waitForStatus(sent.id, "integrated");
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

  it("refuses invalid answers with 422, one entry per field, and writes nothing", async () => {
    const before = await count(Submission);
    const data = validHousehold(3);
    const members = data.members as Record<string, unknown>[];
    delete members[0]!.sex;
    data.number_of_rooms = 999;
    const res = await post(submission(data));
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe("submission_invalid");
    expect(body.error.message.fr).toBeTruthy();
    expect(body.error.message.en).toBeTruthy();
    const pointers = body.error.details.map((d: { pointer: string }) => d.pointer);
    expect(pointers).toContain("/members/0/sex");
    expect(pointers).toContain("/number_of_rooms");
    expect(await count(Submission)).toBe(before);
  });

  it("answers a retry with the same id and content as the first time, and 409 when the content differs", async () => {
    const sent = submission(validHousehold(11));
    const first = await post(sent);
    const again = await post(sent);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ id: sent.id, status: "received" });
    // Same content with keys in another order is the same submission.
    const reordered = Object.fromEntries(Object.entries(sent.data).reverse());
    expect((await post({ ...sent, data: reordered })).status).toBe(202);

    const changed = await post({ ...sent, data: { ...sent.data, village: "Autre village" } });
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as any).error.code).toBe("submission_conflict");
    expect(await ctx.orm.em.fork().count(Submission, { id: sent.id })).toBe(1);
  });

  it("integrates a submission accepted while no worker ran, once a worker starts", async () => {
    const sent = submission(validHousehold(21));
    expect((await post(sent)).status).toBe(202);
    expect((await get(`/api/submissions/${sent.id}`)).body.status).toBe("received");
    const workers = ctx.startWorkers();
    const done = await waitForStatus(sent.id, "integrated");
    expect(done.householdId).toBeTruthy();
    await workers.close();
  });

  it.each([
    ["malformed JSON", "{not json", 400, "malformed_json"],
    ["a missing id", { formId: "menage", version: 1, data: {} }, 422, "submission_envelope_invalid"],
    ["an id that is not a UUID", { id: "123", formId: "menage", version: 1, data: {} }, 422, "submission_envelope_invalid"],
    ["an unknown form version", { id: randomUUID(), formId: "menage", version: 99, data: {} }, 404, "form_version_not_found"],
  ])("answers %s with %i %s", async (_what, body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as any).error.code).toBe(code);
  });

  it("refuses a body that is not JSON with 415", async () => {
    const res = await post(submission(), { "content-type": "text/plain" });
    expect(res.status).toBe(415);
  });

  it("says where the envelope is wrong", async () => {
    const res = await post({ formId: "menage", version: 1, data: {} });
    const body = (await res.json()) as any;
    expect(body.error.details.map((d: { pointer: string }) => d.pointer)).toContain("/id");
  });
});
