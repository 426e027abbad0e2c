import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("household_history_people");
  ctx.startWorkers();
});
afterAll(() => ctx?.close());

type Data = Record<string, any>;

/**
 * Issue #21: the history named the people of a change by their ids only. Each version now carries the names
 * of the people its changes name, as the reader may read them: an analyst without the « personal » grant gets
 * the ids and no name.
 */
describe("a household's history names the people its changes name", () => {
  it("gives the name of a member who left, by their ids, to an administrator and not to an analyst", async () => {
    let seed = 2101;
    while ((validHousehold(seed) as Data).members.length < 3) seed++;
    const original = validHousehold(seed) as Data;
    const first = await ctx.submitAndDrain(original);
    expect(first.status).toBe("integrated");
    const householdId = first.householdId as string;
    const leaving = (await ctx.get(`/api/households/${householdId}`)).body.members.at(-1);
    const changed = structuredClone(original);
    changed.members = original.members.slice(0, -1);
    expect((await ctx.submitAndDrain(changed, { householdId, baseVersion: 1 })).status).toBe("integrated");

    const v2 = (await ctx.get(`/api/households/${householdId}/history`)).body.versions[1];
    const removed = v2.changes.find((c: any) => c.after === null && c.before?.personId);
    expect(removed.before.id).toBe(leaving.id);
    const { personId } = removed.before;
    const name = `${leaving.firstName} ${leaving.lastName}`;
    expect(v2.people).toEqual({ [leaving.id]: name, [personId]: name });

    const asAnalyst = await ctx.get(`/api/households/${householdId}/history`, "analyste");
    expect(asAnalyst.status).toBe(200);
    expect(asAnalyst.body.versions[1].people).toEqual({ [leaving.id]: null, [personId]: null });
  });

  it("compares members person by person: a member leaving the middle of the roster is one change, not a shift", async () => {
    let seed = 2201;
    while ((validHousehold(seed) as Data).members.length < 3) seed++;
    const original = validHousehold(seed) as Data;
    const first = await ctx.submitAndDrain(original);
    expect(first.status).toBe("integrated");
    const householdId = first.householdId as string;
    const before = (await ctx.get(`/api/households/${householdId}`)).body.members;
    const leaving = before[1];
    const changed = structuredClone(original);
    changed.members = original.members.filter((_: unknown, i: number) => i !== 1);
    expect((await ctx.submitAndDrain(changed, { householdId, baseVersion: 1 })).status).toBe("integrated");

    const { changes, people } = (await ctx.get(`/api/households/${householdId}/history`)).body.versions[1];
    const paths: string[] = changes.map((c: any) => c.path);
    expect(paths.filter((path) => /^\/members\/\d+(\/|$)/.test(path))).toEqual([]);
    // Those who stay may be renumbered; nothing else of theirs changed.
    const others = changes.filter((c: any) => c.path.startsWith("/members/") && !c.path.endsWith("/lineNumber"));
    expect(others).toEqual([{ path: expect.any(String), before: expect.objectContaining({ id: leaving.id }), after: null }]);
    const { personId } = others[0].before;
    expect(others[0].path).toBe(`/members/${personId}`);
    expect(people[personId]).toBe(`${leaving.firstName} ${leaving.lastName}`);
  });

  it("names a version's provenance as a reader knows it: the submission's day, the user by username when unnamed (#21)", async () => {
    await ctx.addUser({ username: "saisie.sans.nom", roles: ["admin"], areas: [] });
    // Accounts made before display names were required may have none.
    await ctx.orm.em.fork().getConnection().execute("update users set display_name = ' ' where username = 'saisie.sans.nom'");
    const sent = await ctx.submitAndDrain(validHousehold(2301), {}, "saisie.sans.nom");
    expect(sent.status).toBe("integrated");
    const [v1] = (await ctx.get(`/api/households/${sent.householdId}/history`)).body.versions;
    expect(v1).toMatchObject({
      byName: "saisie.sans.nom",
      submissionId: sent.id,
      submittedAt: sent.receivedAt,
      reviewOpenedAt: null,
      imported: null,
    });
  });
});
