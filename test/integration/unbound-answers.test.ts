import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Submission } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * A question bound to no variable (issue #5), end to end: published with a warning, its answer checked
 * and kept with the submission, and left out of the registry by the integration (issue #6). The history
 * names who submitted.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("unbound_answers");
  ctx.startWorkers();
});
afterAll(() => ctx?.close());

describe("an answer to a question bound to no variable", () => {
  it("is checked and kept with the submission, and stays out of the registry", async () => {
    const draft = (await ctx.get("/api/forms/menage/draft")).body.mask;
    draft.pages[0].elements.unshift({ type: "radiogroup", name: "consent", isRequired: true, choices: ["oui", "non"] });
    const saved = await ctx.put("/api/forms/menage/draft", draft);
    expect(saved.body.check.warnings).toEqual([expect.objectContaining({ question: "consent", code: "unbound_question" })]);
    const published = await ctx.post("/api/forms/menage/publish");
    expect(published.status).toBe(201);
    const version = published.body.version as number;

    const data = { ...validHousehold(7), consent: "peut-être" };
    const refused = await ctx.submit(data, { version }, "agent");
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ pointer: "/consent", code: "not_in_list" })]);

    data.consent = "oui";
    const done = await ctx.submitAndDrain(data, { version }, "agent");
    expect(done.status).toBe("integrated");
    expect((await ctx.orm.em.fork().findOneOrFail(Submission, done.id)).data.consent).toBe("oui");
    const household = (await ctx.get(`/api/households/${done.householdId}`)).body;
    expect(household.attributes).not.toHaveProperty("consent");
    expect(household.attributes).toHaveProperty("number_of_rooms");

    const history = (await ctx.get(`/api/households/${done.householdId}/history`)).body;
    expect(history.versions[0].byName).toBe("Agent de saisie Moroni");
  });
});
