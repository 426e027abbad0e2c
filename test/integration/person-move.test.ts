import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member, Response } from "../helpers/demo-responses";
import { registration, withMember } from "../helpers/registrations";
import { createTestContext, type TestContext } from "../helpers/test-context";

/*
 * A person is a current member of at most one household (issue #14). A roster that names, by names and
 * birth date or by NIN, a member of another household is a move: it waits for a supervisor (person_move),
 * whose « same » closes the old membership (a version of the old household, which keeps it in its history)
 * and whose « different » keeps two people. Sent by the clerk « agent », decided by « superviseur ».
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("person_move");
  ctx.startWorkers();
});
afterAll(() => ctx?.close());

const sql = <T>(query: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute<T[]>(query, params);

const userId = async (username: string) => (await sql<{ id: string }>(`select id from users where username = ?`, [username]))[0]!.id;

/** The households where a person is a current member. */
const householdsOf = async (personId: string) =>
  (await sql<{ household_id: string }>(`select household_id from individuals where person_id = ? order by household_id`, [personId])).map(
    (r) => r.household_id,
  );

const memberAt = async (householdId: string, line: number) =>
  (
    await sql<{ id: string; person_id: string; nin: string | null }>(
      `select id, person_id, nin from individuals where household_id = ? and line_number = ?`,
      [householdId, line],
    )
  )[0];

const itemsOf = (submissionId: string) =>
  sql<{ id: string; kind: string; rules: string[]; incoming_individual_id: string | null; existing_individual_id: string | null }>(
    `select id, kind, array(select r->>'rule' from jsonb_array_elements(reasons) r) as rules, incoming_individual_id, existing_individual_id
       from review_items where submission_id = ? order by created_at`,
    [submissionId],
  );

const history = async (householdId: string) => (await ctx.get(`/api/households/${householdId}/history`)).body.versions as any[];

/** Household A registered (its line 2 without NIN), then B, another family whose line 2 is A's line 2 (names, sex, birth date). */
async function movedByName(seed: number) {
  const a = registration(seed, "10101", String(444_000_000 + seed / 1000));
  const first = await ctx.submitAndDrain(a, {}, "agent");
  expect(first.status).toBe("integrated");
  const leaving = (await memberAt(first.householdId, 2))!;
  const b = withMember(registration(seed + 50, "10102", String(444_500_000 + seed / 1000)), 2, (a.members as Member[])[1]!);
  const second = await ctx.submitAndDrain(b, {}, "agent");
  return { a, first, second, leaving };
}

describe("a person is a current member of one household (issue #14)", () => {
  it("a member matched by names and birth date to another household's member is not made current in both: the move waits for a supervisor", async () => {
    const { first, second, leaving } = await movedByName(500_000);
    expect(await householdsOf(leaving.person_id)).toEqual([first.householdId]);
    expect(second.status).toBe("needs_review");
    // The household is created (nothing held back for one member), the member as a person of their own for now.
    expect(second.householdId).toEqual(expect.any(String));
    const joining = (await memberAt(second.householdId, 2))!;
    expect(await householdsOf(joining.person_id)).toEqual([second.householdId]);
    expect(await itemsOf(second.id)).toEqual([
      {
        id: expect.any(String),
        kind: "person_move",
        rules: ["person_elsewhere"],
        incoming_individual_id: joining.id,
        existing_individual_id: leaving.id,
      },
    ]);
    // The supervisor reads why, French first, with both people side by side.
    const [item] = await itemsOf(second.id);
    const detail = await ctx.get(`/api/review-items/${item!.id}`, "superviseur");
    expect(detail.status).toBe(200);
    expect(detail.body.reasons).toEqual([
      {
        rule: "person_elsewhere",
        message: {
          fr: "La personne de la ligne 2 est déjà membre d'un autre ménage : la déplacer dans celui-ci ?",
          en: "The person on line 2 is already a member of another household: move them into this one?",
        },
      },
    ]);
    expect(detail.body.summary.fr).toBe("Une personne du registre inscrite dans un autre ménage");
    expect([detail.body.incoming.householdId, detail.body.existing.householdId]).toEqual([second.householdId, first.householdId]);
  });

  it("« same » moves the person: the old membership is closed by a version in the supervisor's name, kept in the history, and the person joins the new household", async () => {
    const { first, second, leaving } = await movedByName(510_000);
    const [item] = await itemsOf(second.id);
    const joining = (await memberAt(second.householdId, 2))!;
    const before = await history(first.householdId);
    const decided = await ctx.post(`/api/review-items/${item!.id}/decision`, { decision: "same", comment: "a déménagé" }, "superviseur");
    expect(decided.status).toBe(200);
    expect(await householdsOf(leaving.person_id)).toEqual([second.householdId]);
    expect((await memberAt(second.householdId, 2))!).toEqual({ ...joining, person_id: leaving.person_id });
    expect((await ctx.get(`/api/submissions/${second.id}`)).body.status).toBe("integrated");

    const supervisor = await userId("superviseur");
    const left = await history(first.householdId);
    expect(left.slice(0, before.length)).toEqual(before);
    expect(left.slice(before.length)).toEqual([
      expect.objectContaining({
        version: 2,
        action: "move",
        by: supervisor,
        reviewItemId: item!.id,
        decision: "same",
        comment: "a déménagé",
      }),
    ]);
    // The old household's version 1 still holds the member; version 2 no longer does.
    const holds = await sql<{ version: number; holds: boolean }>(
      `select version, exists(select from jsonb_array_elements(state->'members') m where m->>'id' = ?) as holds
         from household_versions where household_id = ? order by version`,
      [leaving.id, first.householdId],
    );
    expect(holds).toEqual([
      { version: 1, holds: true },
      { version: 2, holds: false },
    ]);
    const joined = await history(second.householdId);
    expect(joined.map((v) => [v.version, v.action, v.by])).toEqual([
      [1, "create", await userId("agent")],
      [2, "move", supervisor],
    ]);
    expect(joined[1]).toMatchObject({ reviewItemId: item!.id, decision: "same", comment: "a déménagé" });

    // Undone: the person is back in the old household, under the same record and person; the new member is their own person again.
    const undone = await ctx.post(`/api/merges/${decided.body.decision.mergeId}/undo`, {}, "superviseur");
    expect(undone.status).toBe(200);
    expect(await memberAt(first.householdId, 2)).toEqual(leaving);
    expect(await memberAt(second.householdId, 2)).toEqual(joining);
    expect((await history(first.householdId)).map((v) => [v.action, v.by])).toEqual([
      ["create", await userId("agent")],
      ["move", supervisor],
      ["unmerge", supervisor],
    ]);
    expect((await history(second.householdId)).map((v) => v.action)).toEqual(["create", "move", "unmerge"]);
    expect((await ctx.get(`/api/review-items/${item!.id}`, "superviseur")).body.status).toBe("open");
  });

  it("« different » keeps two people: the member stays a person of their own in the new household, the old household is untouched", async () => {
    const { first, second, leaving } = await movedByName(520_000);
    const [item] = await itemsOf(second.id);
    const joining = (await memberAt(second.householdId, 2))!;
    const before = await history(first.householdId);
    expect((await ctx.post(`/api/review-items/${item!.id}/decision`, { decision: "different" }, "superviseur")).status).toBe(200);
    expect(await householdsOf(leaving.person_id)).toEqual([first.householdId]);
    expect(await householdsOf(joining.person_id)).toEqual([second.householdId]);
    expect(await history(first.householdId)).toEqual(before);
    expect((await history(second.householdId)).map((v) => v.action)).toEqual(["create"]);
    expect((await ctx.get(`/api/submissions/${second.id}`)).body.status).toBe("integrated");
  });

  it("an update that adds another household's member by names and birth date is a move too", async () => {
    const a = registration(530_000, "10101", "444530000");
    const first = await ctx.submitAndDrain(a, {}, "agent");
    const leaving = (await memberAt(first.householdId, 2))!;
    const b = registration(530_050, "10102", "444530050");
    const second = await ctx.submitAndDrain(b, {}, "agent");
    expect(second.status).toBe("integrated");
    const grown: Response = { ...b, members: [...(b.members as Member[]), { ...(a.members as Member[])[1]!, relation_to_head: "09" }] };
    const update = await ctx.submitAndDrain(grown, { householdId: second.householdId, baseVersion: 1 }, "agent");
    expect(update.status).toBe("needs_review");
    const line = (grown.members as Member[]).length;
    const joining = (await memberAt(second.householdId, line))!;
    expect(await itemsOf(update.id)).toEqual([
      expect.objectContaining({ kind: "person_move", rules: ["person_elsewhere"], existing_individual_id: leaving.id }),
    ]);
    expect(await householdsOf(leaving.person_id)).toEqual([first.householdId]);
    const [item] = await itemsOf(update.id);
    expect((await ctx.post(`/api/review-items/${item!.id}/decision`, { decision: "same" }, "superviseur")).status).toBe(200);
    expect(await householdsOf(leaving.person_id)).toEqual([second.householdId]);
    expect((await memberAt(second.householdId, line))!.id).toBe(joining.id);
  });

  it("a NIN move decided by a supervisor: both households' versions name the supervisor, not the clerk who sent the roster", async () => {
    const nin = "444540099";
    const a = registration(540_000, "10101", "444540000");
    (a.members as Member[])[1]!.nin = nin;
    const first = await ctx.submitAndDrain(a, {}, "agent");
    const leaving = (await memberAt(first.householdId, 2))!;
    const b = withMember(registration(540_050, "10102", "444540050"), 2, (a.members as Member[])[1]!);
    const second = await ctx.submitAndDrain(b, {}, "agent");
    expect(second).toMatchObject({ status: "needs_review", householdId: null });
    const [item] = await itemsOf(second.id);
    expect(item).toMatchObject({ kind: "person_move", rules: ["nin_held"] });
    expect(
      (await ctx.post(`/api/review-items/${item!.id}/decision`, { decision: "same", comment: "NIN vérifié" }, "superviseur")).status,
    ).toBe(200);
    const joined = (await ctx.get(`/api/submissions/${second.id}`)).body;
    expect(joined.status).toBe("integrated");
    expect(await householdsOf(leaving.person_id)).toEqual([joined.householdId]);
    const supervisor = await userId("superviseur");
    const decided = { by: supervisor, reviewItemId: item!.id, decision: "same", comment: "NIN vérifié" };
    expect((await history(joined.householdId)).map((v) => v.action)).toEqual(["create"]);
    expect((await history(joined.householdId))[0]).toMatchObject({ ...decided, submissionId: second.id });
    expect((await history(first.householdId)).at(-1)).toMatchObject({ action: "move", ...decided });
  });

  it("PostgreSQL refuses a person current in two households, whatever writes it", async () => {
    const a = await ctx.submitAndDrain(registration(550_000, "10101", "444550000"), {}, "agent");
    const b = await ctx.submitAndDrain(registration(550_050, "10102", "444550050"), {}, "agent");
    const person = (await memberAt(a.householdId, 2))!.person_id;
    const other = (await memberAt(b.householdId, 2))!.id;
    await expect(sql(`update individuals set person_id = ? where id = ?`, [person, other])).rejects.toThrow(/individuals_person_unique/);
    expect(await householdsOf(person)).toEqual([a.householdId]);
  });
});
