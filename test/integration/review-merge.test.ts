import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type DemoUsername, type TestContext } from "../helpers/test-context";

/*
 * Issue #14, defect 1: a supervisor's "same" on a duplicate household or a stale update must not revert
 * what the household became meanwhile, nor give one person's row to another (members are matched by
 * identity, never by line), and the version it writes names the supervisor and the decision.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("review_merge");
  ctx.startWorkers();
});
afterAll(() => ctx?.close());

type Data = Record<string, any>;
const api = async (path: string, init: RequestInit = {}, as: DemoUsername = "admin") => {
  const res = await ctx.request(path, { ...init, headers: { "content-type": "application/json", ...init.headers } }, as);
  return { status: res.status, body: (await res.json()) as any };
};
const post = (path: string, body: unknown, as: DemoUsername) => api(path, { method: "POST", body: JSON.stringify(body) }, as);

/** Sent by the clerk; resolves once the integration job has settled it (the stage it left "received" for). */
const send = (data: Data, target: { householdId?: string; baseVersion?: number } = {}) => ctx.submitAndDrain(data, target, "agent");

/**
 * Household A of commune 10101 (Moroni), village Séléa, 5 members, 4 rooms. NINs are left out so that
 * matching rests on names and birth dates (seed 310 is in 10101 with six members; the sixth is dropped).
 */
function householdA(variant: number): Data {
  const data = validHousehold(310) as Data;
  expect(data.commune).toBe("10101");
  data.village = "Séléa";
  data.number_of_rooms = 4;
  data.interview_date = "2025-03-10";
  data.members = data.members.slice(0, 5);
  for (const member of data.members) {
    delete member.nin;
    // Each test's people are born three years apart from the others': no test's people match another's.
    member.birth_date = `${Number(member.birth_date.slice(0, 4)) - 3 * variant}${member.birth_date.slice(4)}`;
  }
  return data;
}

/** B: a copy of A whose head's first name is spelled differently. */
function copyOfA(a: Data): Data {
  const b = structuredClone(a);
  b.members[0].first_name = `${a.members[0].first_name}e`;
  return b;
}

const NEWBORN = { first_name: "Zalifa", last_name: "Nourdine", sex: "2", birth_date: "2025-05-02", relation_to_head: "03" };
const NEWBORN_NAMES = ["Zalifa", "Zaitouni", "Anrifa", "Moinaecha", "Faouzia", "Hadjira", "Nassra", "Roukia"];

/**
 * A newborn of A's own: each test's A (its head born in another year) names theirs differently, so that
 * two tests' newborns are not one person, who would then be moving between households (issue #14).
 */
function newbornOf(a: Data): Data {
  return { ...NEWBORN, first_name: NEWBORN_NAMES[Number(a.members[0].birth_date.slice(0, 4)) % NEWBORN_NAMES.length] };
}

/** The update of A: moved to Iconi, member 5 gone, a newborn added, 5 rooms, interviewed later. */
function updateOfA(a: Data, options: { village?: string } = {}): Data {
  const u = structuredClone(a);
  u.village = options.village ?? "Iconi";
  u.number_of_rooms = 5;
  u.interview_date = "2025-06-20";
  u.members = [...u.members.slice(0, 4), newbornOf(a)];
  return u;
}

interface Member {
  id: string;
  personId: string;
  lineNumber: number;
  firstName: string;
  lastName: string;
}
/** The household as the API shows it, each member with the person it is (which the API does not show). */
const household = async (id: string) => {
  const { body } = await api(`/api/households/${id}`);
  const rows = await ctx.orm.em
    .fork()
    .getConnection()
    .execute<{ id: string; person_id: string }[]>(`select id, person_id from individuals where household_id = ?`, [id]);
  const personOf = new Map(rows.map((r) => [r.id, r.person_id]));
  expect(rows).toHaveLength(body.members.length);
  return { ...body, members: body.members.map((m: Member) => ({ ...m, personId: personOf.get(m.id)! })) };
};
const history = async (id: string) => (await api(`/api/households/${id}/history`)).body.versions as any[];
const itemOf = async (submissionId: string, kind: string) => {
  const page = (await api(`/api/review-items?kind=${kind}&limit=500`)).body;
  const item = page.items.find((i: any) => i.submissionId === submissionId);
  expect(item).toBeDefined();
  return item;
};

/** What the household must be after "same": the update's state, with B's spelling of the head. */
function expectUpdateKept(after: any, updated: any, headFirstName: string, a: Data) {
  expect(after.village).toBe("Iconi");
  expect(after.attributes.number_of_rooms).toBe(5);
  expect(after.attributes.interview_date).toBe("2025-06-20");
  // Same five people, each row still the same individual and person, the newborn included.
  expect(after.members.map((m: Member) => [m.id, m.personId])).toEqual(updated.members.map((m: Member) => [m.id, m.personId]));
  expect(after.members.map((m: Member) => m.firstName)).toEqual([
    headFirstName,
    ...updated.members.slice(1).map((m: Member) => m.firstName),
  ]);
  expect(after.members.map((m: Member) => m.firstName)).toContain(newbornOf(a).first_name);
}

describe("a supervisor's 'same' never reverts newer data (issue #14, defect 1)", () => {
  it("duplicate then update: deciding 'same' on the duplicate keeps the update and names the supervisor", async () => {
    const a = householdA(0);
    const first = await send(a);
    expect(first.status).toBe("integrated");
    const householdId = first.householdId as string;
    const b = copyOfA(a);
    const duplicate = await send(b);
    expect(duplicate.status).toBe("needs_review");
    const item = await itemOf(duplicate.id, "duplicate_household");
    expect(item.householdId).toBe(householdId);
    const v1 = await household(householdId);
    const update = await send(updateOfA(a), { householdId, baseVersion: 1 });
    expect(update.status).toBe("integrated");
    const v2 = await household(householdId);
    expect(v2.version).toBe(2);
    // The clerk's update kept members 1-4 as they were (rows and persons); the newborn is someone new.
    const pairs = (h: any) => h.members.map((m: Member) => [m.id, m.personId]);
    expect(pairs(v2).slice(0, 4)).toEqual(pairs(v1).slice(0, 4));
    expect(pairs(v1).flat()).not.toContain(v2.members[4].id);
    expect(pairs(v1).flat()).not.toContain(v2.members[4].personId);
    const gone = (await api(`/api/households/${householdId}?at=${encodeURIComponent((await history(householdId))[0].at)}`)).body
      .members[4] as Member;

    const decided = await post(
      `/api/review-items/${item.id}/decision`,
      { decision: "same", comment: "même ménage, nom mal écrit" },
      "superviseur",
    );
    expect(decided.status).toBe(200);
    const v3 = await household(householdId);
    expect(v3.version).toBe(3);
    expectUpdateKept(v3, v2, b.members[0].first_name, a);
    // Member 5 (removed by the update) is not back, under any row or person.
    expect(gone.firstName).toBe(a.members[4].first_name);
    expect(v3.members.some((m: Member) => m.id === gone.id || m.firstName === gone.firstName)).toBe(false);

    const version = (await history(householdId))[2];
    expect(version).toMatchObject({
      version: 3,
      byName: "Superviseur Ngazidja",
      submissionId: duplicate.id,
      reviewItemId: item.id,
      decision: "same",
      comment: "même ménage, nom mal écrit",
    });
    expect(version.changes.map((c: any) => c.path).sort()).toEqual([
      "/headName",
      expect.stringMatching(/^\/members\/[0-9a-f-]{36}\/firstName$/),
    ]);
    expect((await api(`/api/submissions/${duplicate.id}`)).body).toMatchObject({ status: "integrated", householdId });
  });

  it("update first, then a copy of the older data: 'same' keeps the update", async () => {
    const a = householdA(1);
    a.members[0].first_name = "Houmadi";
    a.members[0].last_name = "Msaidie";
    const householdId = (await send(a)).householdId as string;
    // The village stays: a duplicate household is looked for in the same village.
    const update = await send(updateOfA(a, { village: "Séléa" }), { householdId, baseVersion: 1 });
    expect(update.status).toBe("integrated");
    const v2 = await household(householdId);
    const b = copyOfA(a);
    const duplicate = await send(b);
    expect(duplicate.status).toBe("needs_review");
    const item = await itemOf(duplicate.id, "duplicate_household");

    const decided = await post(`/api/review-items/${item.id}/decision`, { decision: "same" }, "superviseur");
    expect(decided.status).toBe(200);
    const v3 = await household(householdId);
    expect(v3.version).toBe(3);
    expect(v3.village).toBe("Séléa");
    expect(v3.attributes.number_of_rooms).toBe(5);
    expect(v3.attributes.interview_date).toBe("2025-06-20");
    expect(v3.members.map((m: Member) => [m.id, m.personId])).toEqual(v2.members.map((m: Member) => [m.id, m.personId]));
    expect(v3.members.map((m: Member) => m.firstName)).toEqual(["Houmadie", ...v2.members.slice(1).map((m: Member) => m.firstName)]);
    expect((await history(householdId))[2]).toMatchObject({ byName: "Superviseur Ngazidja", decision: "same", comment: null });
  });

  it("a stale update decided 'same' brings its own change and keeps everything the household became", async () => {
    const a = householdA(2);
    a.members[0].first_name = "Chamsoudine";
    const householdId = (await send(a)).householdId as string;
    await send(updateOfA(a), { householdId, baseVersion: 1 });
    const v2 = await household(householdId);
    const stale = structuredClone(a);
    stale.owns_land = !a.owns_land;
    delete stale.land_area;
    const late = await send(stale, { householdId, baseVersion: 1 });
    expect(late.status).toBe("needs_review");
    const item = await itemOf(late.id, "stale_update");

    const decided = await post(`/api/review-items/${item.id}/decision`, { decision: "same" }, "superviseur");
    expect(decided.status).toBe(200);
    const v3 = await household(householdId);
    expectUpdateKept(v3, v2, "Chamsoudine", a);
    expect(v3.attributes.owns_land).toBe(!a.owns_land);
    expect((await history(householdId))[2]).toMatchObject({ byName: "Superviseur Ngazidja", submissionId: late.id, decision: "same" });
  });

  it("refuses a conflict on a key variable until it is confirmed, shows it first, and the merge can be undone exactly", async () => {
    const a = householdA(3);
    a.members[0].first_name = "Abdallah";
    const householdId = (await send(a)).householdId as string;
    const spouse = a.members[1];
    const b = copyOfA(a);
    b.members[1].birth_date = `${spouse.birth_date.slice(0, 4)}-02-11`;
    const duplicate = await send(b);
    expect(duplicate.status).toBe("needs_review");
    const item = await itemOf(duplicate.id, "duplicate_household");
    const corrected = updateOfA(a);
    corrected.members[1].birth_date = `${spouse.birth_date.slice(0, 4)}-03-15`;
    expect((await send(corrected, { householdId, baseVersion: 1 })).status).toBe("integrated");
    const v2 = await household(householdId);
    const path = `/members/${v2.members[1].id}/birthDate`;

    const refused = await post(`/api/review-items/${item.id}/decision`, { decision: "same" }, "superviseur");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("merge_conflicts");
    expect(refused.body.error.details.conflicts).toEqual([{ path, variable: "birth_date", lineNumber: 2, kept: "household" }]);
    expect(await household(householdId)).toEqual(v2);

    // The review screen shows the conflict, both values, before the supervisor confirms it.
    const detail = (await api(`/api/review-items/${item.id}`, {}, "superviseur")).body;
    expect(detail.merge).toEqual({
      itemVersion: 1,
      currentVersion: 2,
      baseVersion: 1,
      conflicts: [
        {
          path,
          variable: "birth_date",
          key: true,
          lineNumber: 2,
          household: corrected.members[1].birth_date,
          submission: b.members[1].birth_date,
          kept: "household",
        },
      ],
    });

    const confirmed = await post(`/api/review-items/${item.id}/decision`, { decision: "same", confirm: [path] }, "superviseur");
    expect(confirmed.status).toBe(200);
    const v3 = await household(householdId);
    expectUpdateKept(v3, v2, b.members[0].first_name, a);
    expect(v3.members[1].birthDate).toBe(corrected.members[1].birth_date);

    const undone = await post(`/api/merges/${confirmed.body.decision.mergeId}/undo`, {}, "superviseur");
    expect(undone.status).toBe(200);
    const v4 = await household(householdId);
    const { version: _v2, updatedAt: _u2, ...was } = v2;
    const { version, updatedAt: _u4, ...is } = v4;
    expect(version).toBe(4);
    expect(is).toEqual(was);
    expect((await history(householdId)).map((v: any) => [v.version, v.action, v.byName])).toEqual([
      [1, "create", "Agent de saisie Moroni"],
      [2, "update", "Agent de saisie Moroni"],
      [3, "update", "Superviseur Ngazidja"],
      [4, "unmerge", "Superviseur Ngazidja"],
    ]);
    expect((await api(`/api/review-items/${item.id}`)).body.status).toBe("open");
    expect((await api(`/api/submissions/${duplicate.id}`)).body).toMatchObject({ status: "needs_review", householdId: null });

    // Decided again, the same merge applies again.
    const again = await post(`/api/review-items/${item.id}/decision`, { decision: "same", confirm: [path] }, "superviseur");
    expect(again.status).toBe(200);
    const { version: v5, updatedAt: _u5, ...redone } = await household(householdId);
    const { version: _v3, updatedAt: _u3, ...merged } = v3;
    expect(v5).toBe(5);
    expect(redone).toEqual(merged);
  });

  it("a clerk's update that reorders the roster keeps each member's row and person (matched by identity, not line)", async () => {
    const a = householdA(4);
    a.members[0].first_name = "Djaffar";
    const householdId = (await send(a)).householdId as string;
    const v1 = await household(householdId);
    const reordered = structuredClone(a);
    reordered.members = [a.members[0], a.members[4], a.members[3], a.members[2], a.members[1]];
    expect((await send(reordered, { householdId, baseVersion: 1 })).status).toBe("integrated");
    const v2 = await household(householdId);
    const byName = (h: any) => h.members.map((m: Member) => [m.firstName, m.id, m.personId, m.lineNumber]);
    expect(byName(v2)).toEqual(
      [0, 4, 3, 2, 1].map((n, line) => {
        const [firstName, id, personId] = byName(v1)[n];
        return [firstName, id, personId, line + 1];
      }),
    );
    expect((await history(householdId))[1].byName).toBe("Agent de saisie Moroni");
  });

  it("undoing a merge that brought a new member removes that member and the doubt it raised", async () => {
    const other = householdA(5);
    other.members[0].first_name = "Moussa";
    expect((await send(other)).status).toBe("integrated");
    const a = householdA(6);
    a.members[0].first_name = "Salim";
    const householdId = (await send(a)).householdId as string;
    const v1 = await household(householdId);
    // B lists one more person: someone of the other household, names swapped, a doubt rather than a link.
    const b = copyOfA(a);
    const stranger = other.members[1];
    b.members.push({ ...stranger, first_name: stranger.last_name, last_name: stranger.first_name });
    const duplicate = await send(b);
    const item = await itemOf(duplicate.id, "duplicate_household");

    const decided = await post(`/api/review-items/${item.id}/decision`, { decision: "same" }, "superviseur");
    expect(decided.status).toBe(200);
    expect((await household(householdId)).members.map((m: Member) => m.firstName)).toEqual([
      b.members[0].first_name,
      ...a.members.slice(1).map((m: Data) => m.first_name),
      stranger.last_name,
    ]);
    const doubts = await itemOf(duplicate.id, "duplicate_person");
    expect(doubts.status).toBe("open");
    expect((await api(`/api/submissions/${duplicate.id}`)).body.status).toBe("needs_review");

    expect((await post(`/api/merges/${decided.body.decision.mergeId}/undo`, {}, "superviseur")).status).toBe(200);
    const { version, updatedAt: _u3, ...restored } = await household(householdId);
    const { version: _v1, updatedAt: _u1, ...was } = v1;
    expect(version).toBe(3);
    expect(restored).toEqual(was);
    const left = (await api(`/api/review-items?limit=500`)).body.items.filter((i: any) => i.submissionId === duplicate.id);
    expect(left.map((i: any) => [i.kind, i.status])).toEqual([["duplicate_household", "open"]]);
    expect((await api(`/api/submissions/${duplicate.id}`)).body).toMatchObject({ status: "needs_review", householdId: null });
  });
});
