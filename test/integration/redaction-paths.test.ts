import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReviewItem } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * An analyst without grants reads no personal or sensitive variable on any read path (#15 finding 2): the
 * registry is built through the real pipeline (submissions and workers, an update, review decisions, a
 * person merge and its undo), then every answer the analyst gets is searched for the generated names,
 * national IDs and birth dates.
 */
let ctx: TestContext;
type Data = Record<string, any>;
const secrets = new Set<string>();
const households: string[] = [];
const versionTimes: { householdId: string; at: string }[] = [];
let headFirstName = "";

const api = async (path: string, init: RequestInit = {}, as: Parameters<TestContext["request"]>[2] = "admin") => {
  const res = await ctx.request(path, { ...init, headers: { "content-type": "application/json", ...init.headers } }, as);
  return { status: res.status, text: await res.text() };
};
const post = async (path: string, body: unknown) => JSON.parse((await api(path, { method: "POST", body: JSON.stringify(body) })).text);
const submit = (data: Data, target: { householdId?: string; baseVersion?: number } = {}) =>
  post("/api/submissions", { id: randomUUID(), formId: "menage", version: 1, data, ...target });
const settled = (id: string, stage: string) =>
  waitFor(
    async () => {
      const body = JSON.parse((await api(`/api/submissions/${id}`)).text);
      return body.status === stage ? body : undefined;
    },
    { what: `submission ${id} to be ${stage}` },
  );

/** Remembers every name, NIN and birth date of the data, and (for the sensitive answer) marks the head disabled. */
function remember(data: Data): Data {
  for (const m of data.members) {
    for (const value of [m.first_name, m.last_name, m.nin, m.birth_date]) if (value) secrets.add(String(value));
  }
  return data;
}

/** A household without NINs (matching then rests on names), the head disabled: a sensitive answer. */
function household(seed: number): Data {
  const data = structuredClone(validHousehold(seed)) as Data;
  for (const member of data.members) delete member.nin;
  data.members[0].disability = true;
  return remember(data);
}

beforeAll(async () => {
  ctx = await createTestContext("redaction_paths");
  ctx.startWorkers();
  const analyst = JSON.parse((await api("/api/users")).text).find((u: { username: string }) => u.username === "analyste");
  expect((await api(`/api/users/${analyst.id}`, { method: "PATCH", body: JSON.stringify({ grants: [] }) })).status).toBe(200);

  // Created by a submission, then updated with one more member (a whole member in one change, with a NIN).
  const a = household(404);
  headFirstName = a.members[0].first_name;
  const first = await settled((await submit(a)).id, "integrated");
  const updated = structuredClone(a);
  // An adult from another generated household, so that no one in the registry resembles them.
  const stranger = structuredClone((validHousehold(9_001) as Data).members[0]);
  updated.members.push({ ...stranger, first_name: "Zainaba", nin: "998877665", relation_to_head: a.members[1].relation_to_head });
  remember(updated);
  await settled((await submit(updated, { householdId: first.householdId, baseVersion: 1 })).id, "integrated");

  // The same household sent again: held for review, applied by a supervisor's decision.
  const again = await settled((await submit(structuredClone(updated))).id, "needs_review");
  const held = await ctx.orm.em.fork().findOneOrFail(ReviewItem, { submissionId: again.id, kind: "duplicate_household" });
  await post(`/api/review-items/${held.id}/decision`, { decision: "same" });

  // The same people elsewhere, names swapped: a probable duplicate person, merged, then the merge undone.
  let seed = 405;
  while (validHousehold(seed).island !== a.island || validHousehold(seed).commune === a.commune) seed++;
  const elsewhere = validHousehold(seed) as Data;
  const b: Data = { ...structuredClone(a), island: elsewhere.island, prefecture: elsewhere.prefecture, commune: elsewhere.commune };
  b.village = elsewhere.village;
  [b.members[0].first_name, b.members[0].last_name] = [a.members[0].last_name, a.members[0].first_name];
  const second = await settled((await submit(b)).id, "needs_review");
  const duplicate = await ctx.orm.em.fork().findOneOrFail(ReviewItem, { submissionId: second.id, kind: "duplicate_person" });
  const merged = await post(`/api/review-items/${duplicate.id}/decision`, { decision: "same" });
  expect(merged.decision.mergeId).toBeTruthy();
  await post(`/api/merges/${merged.decision.mergeId}/undo`, {});

  households.push(first.householdId, second.householdId);
  for (const id of households) {
    const history = JSON.parse((await api(`/api/households/${id}/history`)).text);
    for (const v of history.versions) versionTimes.push({ householdId: id, at: v.at });
  }
}, 120_000);
afterAll(() => ctx?.close());

/** The generated values found in a body; words are matched whole, so "Ali" does not match "Alice". */
function leaked(body: string): string[] {
  return [...secrets].filter((value) =>
    new RegExp(`(^|[^\\p{L}\\d])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\d])`, "u").test(body),
  );
}

describe("an analyst without grants", () => {
  it("built the registry the way it is meant to be: every kind of history version exists", async () => {
    const actions = new Set<string>();
    for (const id of households) {
      for (const v of JSON.parse((await api(`/api/households/${id}/history`)).text).versions) actions.add(v.action);
    }
    expect([...actions].sort()).toEqual(["create", "move", "unmerge", "update"]);
    // What the administrator reads carries the generated values: the search below is not vacuous.
    expect(leaked((await api(`/api/households/${households[0]}/history`)).text)).toContain("Zainaba");
  });

  it("reads no name, NIN, birth date or sensitive answer on the household page, its history or its past states", async () => {
    const bodies: string[] = [];
    for (const id of households) {
      for (const path of [`/api/households/${id}`, `/api/households/${id}/history`]) {
        const res = await api(path, {}, "analyste");
        expect(res.status).toBe(200);
        bodies.push(res.text);
      }
    }
    for (const { householdId, at } of versionTimes) {
      const res = await api(`/api/households/${householdId}?at=${encodeURIComponent(at)}`, {}, "analyste");
      expect(res.status).toBe(200);
      bodies.push(res.text);
    }
    expect(bodies.flatMap(leaked)).toEqual([]);
    expect(bodies.filter((body) => body.includes("disability"))).toEqual([]);
  });

  it("finds nothing by a hidden name and reads no name in the list", async () => {
    const list = await api("/api/households", {}, "analyste");
    expect(JSON.parse(list.text).total).toBe(2);
    expect(leaked(list.text)).toEqual([]);
    for (const name of ["Zainaba", ...[...secrets].filter((s) => /^\p{L}/u.test(s))]) {
      const found = await api(`/api/households?q=${encodeURIComponent(name)}`, {}, "analyste");
      expect(JSON.parse(found.text)).toEqual({ total: 0, items: [] });
    }
    // The head's name, which the administrator finds in both households (the second has it swapped): the
    // empty answers above are the analyst's, not the search's.
    expect(JSON.parse((await api(`/api/households?q=${encodeURIComponent(headFirstName)}`)).text).total).toBe(2);
  });

  it("is refused the review items, the submissions and an update's answers", async () => {
    for (const path of ["/api/review-items", "/api/submissions", `/api/households/${households[0]}/answers`]) {
      const res = await api(path, {}, "analyste");
      expect(res.status).toBe(403);
      expect(leaked(res.text)).toEqual([]);
    }
  });
});
