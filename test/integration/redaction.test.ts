import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/** Analysts read the registry, but variables marked personal or sensitive only where granted. */
let ctx: TestContext;
let householdId: string;
beforeAll(async () => {
  ctx = await createTestContext("redaction");
  const data = validHousehold(4);
  const members = data.members as Record<string, unknown>[];
  members[0]!.disability = true; // a sensitive answer to look for
  const id = randomUUID();
  const res = await ctx.request("/api/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id, formId: "menage", version: 1, data }),
  });
  expect(res.status).toBe(202);
  ctx.startWorkers();
  householdId = await waitFor(async () => ((await (await ctx.request(`/api/submissions/${id}`)).json()) as any).householdId ?? undefined);
});
afterAll(() => ctx?.close());

const grant = async (grants: string[]) => {
  const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
  const res = await ctx.request(`/api/users/${analyst.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grants }),
  });
  expect(res.status).toBe(200);
};
const asAnalyst = async () => (await (await ctx.request(`/api/households/${householdId}`, {}, "analyste")).json()) as any;

describe("what an analyst reads", () => {
  it("without grants: no names, birth dates, NIN or sensitive answers, but the rest of the household", async () => {
    await grant([]);
    const household = await asAnalyst();
    expect(household.headName).toBeNull();
    expect(household.commune).toBeTruthy();
    const head = household.members[0];
    expect(head).toMatchObject({ firstName: null, lastName: null, birthDate: null, nin: null });
    expect(head.sex).toBeTruthy();
    expect(head.attributes).not.toHaveProperty("disability");
    const list = (await (await ctx.request("/api/households", {}, "analyste")).json()) as any;
    expect(list.items.every((h: { headName: string | null }) => h.headName === null)).toBe(true);
  });

  it("with the personal grant: names and dates, still no sensitive answers", async () => {
    await grant(["personal"]);
    const head = (await asAnalyst()).members[0];
    expect(head.firstName).toBeTruthy();
    expect(head.birthDate).toBeTruthy();
    expect(head.attributes).not.toHaveProperty("disability");
  });

  it("with both grants: everything, as an administrator sees it", async () => {
    await grant(["personal", "sensitive"]);
    const mine = await asAnalyst();
    const admins = (await (await ctx.request(`/api/households/${householdId}`)).json()) as any;
    expect(mine).toEqual(admins);
    expect(mine.members[0].attributes.disability).toBe(true);
  });
});
