import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

/** Analysts read the registry, but variables marked personal or sensitive only where granted. */
let ctx: TestContext;
let householdId: string;
beforeAll(async () => {
  ctx = await createTestContext("redaction");
  const data = validHousehold(4);
  const members = data.members as Record<string, unknown>[];
  members[0]!.disability = true; // a sensitive answer to look for
  ctx.startWorkers();
  const done = await ctx.submitAndDrain(data);
  expect(done.status).toBe("integrated");
  householdId = done.householdId;
});
afterAll(() => ctx?.close());

const grant = async (grants: string[]) => {
  const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
  expect((await ctx.patch(`/api/users/${analyst.id}`, { grants })).status).toBe(200);
};
const asAnalyst = async () => (await ctx.get(`/api/households/${householdId}`, "analyste")).body;

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
    const list = (await ctx.get("/api/households", "analyste")).body;
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
    const admins = (await ctx.get(`/api/households/${householdId}`)).body;
    expect(mine).toEqual(admins);
    expect(mine.members[0].attributes.disability).toBe(true);
  });
});
