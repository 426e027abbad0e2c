import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Household, HouseholdVersion, Individual, ReviewItem } from "../../api/entities";
import { JOB_INTEGRATE_SUBMISSION } from "../../schemas/contracts/jobs";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("integration_pipeline");
  ctx.startWorkers();
});
afterAll(() => ctx?.close());

type Data = Record<string, any>;

/** A household without NINs, so that matching rests on names, birth dates and place. */
function household(seed: number): Data {
  const data = validHousehold(seed) as Data;
  for (const member of data.members) delete member.nin;
  return data;
}

describe("integration pipeline (issue #6)", () => {
  it("integrates a submission enqueued 10 times exactly once", async () => {
    const sent = await ctx.submit(household(101));
    expect(sent.status).toBe(202);
    for (let i = 0; i < 10; i++)
      await ctx.queue.queue.add(JOB_INTEGRATE_SUBMISSION, { submissionId: sent.body.id }, { jobId: `${sent.body.id}-again-${i}` });
    await ctx.drain();
    const done = (await ctx.get(`/api/submissions/${sent.body.id}`)).body;
    expect(done.status).toBe("integrated");
    const em = ctx.orm.em.fork();
    expect(await em.count(Household, { sourceSubmissionId: sent.body.id })).toBe(1);
    expect(await em.count(HouseholdVersion, { submissionId: sent.body.id })).toBe(1);
    const history = await ctx.get(`/api/households/${done.householdId}/history`);
    expect(history.body.versions).toHaveLength(1);
    expect(history.body.versions[0]).toMatchObject({
      version: 1,
      action: "create",
      submissionId: sent.body.id,
      formId: "menage",
      formVersion: 1,
    });
  });

  it("applies an update on the current version as version 2 with its field changes, and sends a stale one to review", async () => {
    const original = household(202);
    const first = await ctx.submitAndDrain(original);
    expect(first.status).toBe("integrated");
    const householdId = first.householdId as string;
    const v1 = (await ctx.get(`/api/households/${householdId}/history`)).body.versions[0];

    const changed = structuredClone(original);
    changed.number_of_rooms = (changed.number_of_rooms as number) + 1;
    const update = await ctx.submit(changed, { householdId, baseVersion: 1 });
    expect(update.status).toBe(202);
    await ctx.drain();
    expect((await ctx.get(`/api/submissions/${update.body.id}`)).body.status).toBe("integrated");
    const history = (await ctx.get(`/api/households/${householdId}/history`)).body;
    expect(history.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(history.versions[1]).toMatchObject({ action: "update", submissionId: update.body.id });
    expect(history.versions[1].changes).toEqual([
      { path: "/attributes/number_of_rooms", before: original.number_of_rooms, after: changed.number_of_rooms },
    ]);
    // Members kept their identities through the update.
    expect((await ctx.get(`/api/households/${householdId}`)).body.version).toBe(2);

    // The state at a past date is the version recorded by then.
    const past = await ctx.get(`/api/households/${householdId}?at=${encodeURIComponent(v1.at)}`);
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ version: 1, attributes: { number_of_rooms: original.number_of_rooms } });
    expect((await ctx.get(`/api/households/${householdId}?at=yesterday`)).body.error.code).toBe("invalid_parameter");

    // Built on version 1 while the household is at 2: never applied silently.
    const stale = structuredClone(original);
    stale.owns_land = !stale.owns_land;
    const late = await ctx.submit(stale, { householdId, baseVersion: 1 });
    await ctx.drain();
    const waiting = (await ctx.get(`/api/submissions/${late.body.id}`)).body;
    expect(waiting.status).toBe("needs_review");
    expect(waiting.reasons[0].rule).toBe("stale_update");
    const items = (await ctx.get(`/api/review-items?kind=stale_update&status=open`)).body;
    const item = items.items.find((i: any) => i.submissionId === late.body.id);
    expect(item).toMatchObject({ kind: "stale_update", householdId });
    expect((await ctx.get(`/api/households/${householdId}`)).body.version).toBe(2);

    const decided = await ctx.post(`/api/review-items/${item.id}/decision`, { decision: "different", comment: "refait" });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ decision: "different", comment: "refait" });
    expect((await ctx.get(`/api/submissions/${late.body.id}`)).body.status).toBe("rejected");
    expect((await ctx.post(`/api/review-items/${item.id}/decision`, { decision: "same" })).body.error.code).toBe("review_item_decided");

    // Sent back to the clerk with a comment, which the clerk reads on the submission.
    const returned = await ctx.post(`/api/submissions/${late.body.id}/return`, { comment: "Refaire à partir de la version 2" });
    expect(returned.status).toBe(200);
    expect((await ctx.get(`/api/submissions/${late.body.id}`)).body.returnComment).toBe("Refaire à partir de la version 2");
  });

  it("applies an update that moves the household, drops its last member and adds two: the version records the registry's state", async () => {
    let seed = 404;
    while ((validHousehold(seed) as Data).members.length < 3) seed++;
    const original = household(seed);
    const first = await ctx.submitAndDrain(original);
    expect(first.status).toBe("integrated");
    const householdId = first.householdId as string;
    const memberIds = async () =>
      (await ctx.orm.em
        .fork()
        .getConnection()
        .execute(`select id, island, commune from individuals where household_id = ? order by line_number`, [householdId])) as {
        id: string;
        island: string;
        commune: string;
      }[];
    const before = await memberIds();

    const elsewhere = household(seed + 1);
    const changed = structuredClone(original);
    for (const key of ["island", "prefecture", "commune", "village"]) changed[key] = elsewhere[key];
    changed.members = [...original.members.slice(0, -1), ...elsewhere.members.slice(1, 3)];
    changed.members[0].first_name = `${changed.members[0].first_name}a`;
    const update = await ctx.submitAndDrain(changed, { householdId, baseVersion: 1 });
    expect(update.status).toBe("integrated");

    const now = (await ctx.get(`/api/households/${householdId}`)).body;
    const history = (await ctx.get(`/api/households/${householdId}/history`)).body;
    const v2 = history.versions[1];
    expect(v2).toMatchObject({ version: 2, action: "update" });
    // What the version recorded is what the registry now holds.
    expect(now.members.map((m: any) => [m.lineNumber, m.firstName, m.lastName])).toEqual(
      changed.members.map((m: any, i: number) => [i + 1, m.first_name, m.last_name]),
    );
    // A member's change names the person, not their place in the roster (#21).
    expect(v2.changes.map((c: any) => c.path)).toEqual(
      expect.arrayContaining(["/commune", expect.stringMatching(/^\/members\/[0-9a-f-]{36}\/firstName$/)]),
    );
    const recorded = (await ctx.get(`/api/households/${householdId}?at=${encodeURIComponent(v2.at)}`)).body;
    expect(recorded).toMatchObject({ version: 2, commune: elsewhere.commune });
    expect(recorded.members).toEqual(now.members);
    // The members kept keep their ids; every member, old and new, carries the household's new place.
    const after = await memberIds();
    expect(after.map((m) => m.id).slice(0, before.length - 1)).toEqual(before.map((m) => m.id).slice(0, -1));
    expect(after.every((m) => m.island === elsewhere.island && m.commune === elsewhere.commune)).toBe(true);
  });

  it("refuses an update of an unknown household and a decision without a valid body", async () => {
    const res = await ctx.submit(household(303), { householdId: randomUUID(), baseVersion: 1 });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("household_not_found");
    const half = await ctx.post("/api/submissions", {
      id: randomUUID(),
      formId: "menage",
      version: 1,
      data: household(303),
      baseVersion: 1,
    });
    expect(half.status).toBe(422);
    expect(half.body.error.code).toBe("submission_envelope_invalid");
    const bad = await ctx.post(`/api/review-items/${randomUUID()}/decision`, { decision: "maybe" });
    expect(bad.status).toBe(422);
    expect((await ctx.post(`/api/review-items/${randomUUID()}/decision`, { decision: "later" })).status).toBe(404);
  });

  it("merges a probable duplicate on 'same' (the person moves: one household each, issue #14), and undoing it restores both people", async () => {
    const a = household(404);
    delete a.members[0].nin;
    const first = await ctx.submitAndDrain(a);
    expect(first.status).toBe("integrated");
    // The same people in another commune of the same island, the head's names swapped: a doubt, not a link.
    let seed = 405;
    while (validHousehold(seed).island !== a.island || validHousehold(seed).commune === a.commune) seed++;
    const elsewhere = validHousehold(seed) as Data;
    const b: Data = {
      ...structuredClone(a),
      island: elsewhere.island,
      prefecture: elsewhere.prefecture,
      commune: elsewhere.commune,
      village: elsewhere.village,
    };
    [b.members[0].first_name, b.members[0].last_name] = [a.members[0].last_name, a.members[0].first_name];
    // The head alone: A's other members, linked, would be moves (issue #14, test/integration/person-move.test.ts).
    b.members = b.members.slice(0, 1);
    const second = await ctx.submitAndDrain(b);
    expect(second.status).toBe("needs_review");

    const em = ctx.orm.em.fork();
    const item = await em.findOneOrFail(ReviewItem, { submissionId: second.id, kind: "duplicate_person" });
    const detail = (await ctx.get(`/api/review-items/${item.id}`)).body;
    expect(detail.incoming).toMatchObject({ firstName: a.members[0].last_name, householdId: second.householdId });
    expect(detail.existing).toMatchObject({ firstName: a.members[0].first_name, householdId: first.householdId });
    expect(detail.differences).toEqual(expect.arrayContaining(["firstName", "lastName", "commune"]));
    expect(detail.matchScore.total).toBeGreaterThan(0);

    const personIds = async () => {
      const fresh = ctx.orm.em.fork();
      const incoming = await fresh.findOne(Individual, item.incomingIndividualId!);
      const existing = await fresh.findOne(Individual, item.existingIndividualId!);
      return [incoming?.personId ?? null, existing?.personId ?? null];
    };
    const [incomingBefore, existingBefore] = await personIds();
    expect(incomingBefore).not.toBe(existingBefore);
    const stateA = (await ctx.get(`/api/households/${first.householdId}`)).body;

    const merged = await ctx.post(`/api/review-items/${item.id}/decision`, { decision: "same" });
    expect(merged.status).toBe(200);
    expect(merged.body.decision.mergeId).toBeTruthy();
    // One person, now a member of B only: A's record of them is closed by a version "move".
    expect(await personIds()).toEqual([existingBefore, null]);
    // The head was the submission's only doubt: decided, the submission is integrated.
    const items = await em.fork().find(ReviewItem, { submissionId: second.id });
    expect(items.map((i) => [i.id, i.status])).toEqual([[item.id, "decided"]]);
    expect((await ctx.get(`/api/submissions/${second.id}`)).body.status).toBe("integrated");

    const undone = await ctx.post(`/api/merges/${merged.body.decision.mergeId}/undo`, {});
    expect(undone.status).toBe(200);
    expect(await personIds()).toEqual([incomingBefore, existingBefore]);
    expect((await ctx.post(`/api/merges/${merged.body.decision.mergeId}/undo`, {})).body.error.code).toBe("merge_already_undone");
    // A is as it was (the same member rows), and both histories tell the move and its undo.
    expect((await ctx.get(`/api/households/${first.householdId}`)).body.members).toEqual(stateA.members);
    const historyA = (await ctx.get(`/api/households/${first.householdId}/history`)).body.versions;
    expect(historyA.map((v: any) => v.action)).toEqual(["create", "move", "unmerge"]);
    const historyB = (await ctx.get(`/api/households/${second.householdId}/history`)).body.versions;
    expect(historyB.map((v: any) => v.action)).toEqual(["create", "move", "unmerge"]);
    expect(historyB[1].reviewItemId).toBe(item.id);
    expect((await ctx.get(`/api/review-items/${item.id}`)).body.status).toBe("open");
  });

  it("holds a probable duplicate household for review; 'later' keeps it waiting, 'same' applies its newer answers to the existing household", async () => {
    const data = household(606);
    const first = await ctx.submitAndDrain(data);
    expect(first.status).toBe("integrated");
    // The same people declared again later, with newer household answers.
    const newer = structuredClone(data);
    newer.number_of_rooms = data.number_of_rooms + 2;
    newer.monthly_expenditure = 12_345;
    const again = await ctx.submitAndDrain(newer);
    expect(again.status).toBe("needs_review");
    expect(again.householdId).toBeNull();
    expect(again.reasons[0].rule).toBe("duplicate_household");
    const item = (await ctx.get(`/api/review-items?kind=duplicate_household`)).body.items.find((i: any) => i.submissionId === again.id);
    expect(item).toMatchObject({ householdId: first.householdId });
    const detail = (await ctx.get(`/api/review-items/${item.id}`)).body;
    expect(detail.incoming).toMatchObject({ householdId: null, firstName: data.members[0].first_name });
    expect(detail.differences).toEqual([]);

    expect((await ctx.post(`/api/review-items/${item.id}/decision`, { decision: "later" })).body.status).toBe("later");
    expect((await ctx.get(`/api/submissions/${again.id}`)).body.status).toBe("needs_review");
    const same = await ctx.post(`/api/review-items/${item.id}/decision`, { decision: "same" });
    expect(same.body.status).toBe("decided");
    const after = (await ctx.get(`/api/submissions/${again.id}`)).body;
    expect(after).toMatchObject({ status: "integrated", householdId: first.householdId });
    const versions = (await ctx.get(`/api/households/${first.householdId}/history`)).body.versions;
    expect(versions.map((v: any) => [v.action, v.submissionId, v.reviewItemId])).toEqual([
      ["create", first.id, null],
      ["update", again.id, item.id],
    ]);
    // The newer answers win, and the version records exactly what changed.
    expect((await ctx.get(`/api/households/${first.householdId}`)).body.attributes).toMatchObject({
      number_of_rooms: newer.number_of_rooms,
      monthly_expenditure: 12_345,
    });
    expect(versions[1].changes).toEqual([
      { path: "/attributes/number_of_rooms", before: data.number_of_rooms, after: newer.number_of_rooms },
      { path: "/attributes/monthly_expenditure", before: data.monthly_expenditure, after: 12_345 },
    ]);
    // #14 defect 1: when the household moved on after the item was opened (an update integrated as
    // version 2), "same" must not bring back the duplicate's older values: review-merge.test.ts covers it.
  });

  it("lets only administrators and supervisors decide, and only administrators see failed jobs", async () => {
    expect((await ctx.get(`/api/review-items`, "agent")).status).toBe(403);
    // A household declared twice on island 1 and one on island 2: an item in the supervisor's area, one outside.
    const onIsland: Record<string, string> = {};
    for (const island of ["1", "2"]) {
      let seed = 700;
      while (validHousehold(seed).island !== island) seed++;
      expect((await ctx.submitAndDrain(household(seed))).status).toBe("integrated");
      const again = await ctx.submitAndDrain(household(seed));
      expect(again.status).toBe("needs_review");
      onIsland[island] = (await ctx.orm.em.fork().findOneOrFail(ReviewItem, { submissionId: again.id })).id;
    }
    // The supervisor of island 1 sees (and may open) the items of island 1 only.
    const all = (await ctx.get(`/api/review-items?limit=500`)).body.items;
    const mine = await ctx.get(`/api/review-items?limit=500`, "superviseur");
    expect(mine.status).toBe(200);
    const em = ctx.orm.em.fork();
    const islandOf = async (item: any) => (item.householdId ? (await em.findOneOrFail(Household, item.householdId)).island : null);
    const expected: string[] = [];
    for (const item of all) if ((await islandOf(item)) === "1") expected.push(item.id);
    expect(expected).toContain(onIsland["1"]);
    expect(expected).not.toContain(onIsland["2"]);
    expect(mine.body.items.map((i: any) => i.id).sort()).toEqual(expected.sort());
    expect((await ctx.get(`/api/review-items/${onIsland["1"]}`, "superviseur")).status).toBe(200);
    expect((await ctx.get(`/api/review-items/${onIsland["2"]}`, "superviseur")).body.error.code).toBe("outside_area");
    expect((await ctx.get(`/api/jobs/failed`, "superviseur")).status).toBe(403);
    const failed = await ctx.get(`/api/jobs/failed`);
    expect(failed.status).toBe(200);
    expect((await ctx.post(`/api/jobs/nope/retry`, {})).body.error.code).toBe("job_not_found");
  });

  it("shows a job that failed for good to administrators, with its error, and retries it", async () => {
    // A payload that can never succeed fails at once (no retry loop) and stays visible.
    await ctx.queue.queue.add(JOB_INTEGRATE_SUBMISSION, { submissionId: "not-a-uuid" }, { jobId: "broken-job", attempts: 5 });
    await ctx.drain();
    const failed = (await ctx.get(`/api/jobs/failed`)).body.items.find((j: any) => j.id === "broken-job");
    expect(failed).toMatchObject({
      queue: "integration",
      id: "broken-job",
      submissionId: "not-a-uuid",
      attempts: 1,
      reason: "invalid_payload",
    });
    const retried = await ctx.post(`/api/jobs/broken-job/retry`, {});
    expect(retried.status).toBe(202);
    // It ran again (and failed again: its payload is still broken), later than the first time.
    await ctx.drain();
    const again = (await ctx.get(`/api/jobs/failed`)).body.items.find((j: any) => j.id === "broken-job");
    expect(again).toMatchObject({ id: "broken-job", attempts: 1 });
    expect(Date.parse(again.failedAt)).toBeGreaterThan(Date.parse(failed.failedAt));
    const [audit] = await ctx.orm.em.fork().getConnection().execute(`select count(*) as n from audit_log where action = 'job.retry'`);
    expect(Number(audit!.n)).toBe(1);
  });
});
