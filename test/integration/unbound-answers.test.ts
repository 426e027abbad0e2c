import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Submission } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

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

const call = async (method: string, path: string, body?: unknown, as: Parameters<TestContext["request"]>[2] = "admin") => {
  const res = await ctx.request(
    path,
    { method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
    as,
  );
  return { status: res.status, body: (await res.json()) as any };
};

describe("an answer to a question bound to no variable", () => {
  it("is checked and kept with the submission, and stays out of the registry", async () => {
    const draft = (await call("GET", "/api/forms/menage/draft")).body.mask;
    draft.pages[0].elements.unshift({ type: "radiogroup", name: "consent", isRequired: true, choices: ["oui", "non"] });
    const saved = await call("PUT", "/api/forms/menage/draft", draft);
    expect(saved.body.check.warnings).toEqual([expect.objectContaining({ question: "consent", code: "unbound_question" })]);
    const published = await call("POST", "/api/forms/menage/publish", {});
    expect(published.status).toBe(201);
    const version = published.body.version as number;

    const data = { ...validHousehold(7), consent: "peut-être" };
    const refused = await call("POST", "/api/submissions", { id: randomUUID(), formId: "menage", version, data }, "agent");
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ pointer: "/consent", code: "not_in_list" })]);

    data.consent = "oui";
    const sent = await call("POST", "/api/submissions", { id: randomUUID(), formId: "menage", version, data }, "agent");
    expect(sent.status).toBe(202);
    const done = await waitFor(
      async () => {
        const { body } = await call("GET", `/api/submissions/${sent.body.id}`);
        return body.status === "integrated" ? body : undefined;
      },
      { what: "the submission to be integrated" },
    );
    expect((await ctx.orm.em.fork().findOneOrFail(Submission, sent.body.id)).data.consent).toBe("oui");
    const household = (await call("GET", `/api/households/${done.householdId}`)).body;
    expect(household.attributes).not.toHaveProperty("consent");
    expect(household.attributes).toHaveProperty("number_of_rooms");

    const history = (await call("GET", `/api/households/${done.householdId}/history`)).body;
    expect(history.versions[0].byName).toBe("Agent de saisie Moroni");
  });
});
