import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { oneFileTable, partnerHousehold, partnerProfile, scratchDir, writeCsv } from "../helpers/partner-files";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/*
 * Undoing an import's run (issue #19): what it created or changed in the registry is reversed by new
 * versions, history keeping every one, and an import is undone once.
 */
let ctx: TestContext;
const dir = scratchDir();
beforeAll(async () => {
  ctx = await createTestContext("imports_undo");
});
afterAll(async () => {
  await ctx?.close();
});

type Data = Record<string, any>;
const sql = <T>(query: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute<T[]>(query, params);

const household = (seed: number): Data => partnerHousehold(seed, "Defait");

let profiles = 0;
/** Upload, profile, dry run and run of one delivery, integrated by the workers before it returns. */
async function importedDelivery(rows: { key: string; data: Data }[], delivery: string) {
  const file = `livraison-${delivery}.csv`;
  const res = await ctx.request(`/api/imports?name=${file}&delivery=${delivery}`, {
    method: "POST",
    body: readFileSync(writeCsv(join(dir, file), oneFileTable(rows))),
  });
  const { id } = (await res.json()) as { id: string };
  const profile = await ctx.post("/api/import-profiles", partnerProfile(`Profil ${delivery} (${++profiles})`));
  const dry = await ctx.post(`/api/imports/${id}/dry-run`, { profileId: profile.body.id });
  expect((await ctx.post(`/api/imports/${id}/run`)).status).toBe(202);
  await ctx.drain();
  return { id: id as string, counts: dry.body.counts };
}

/** The household the delivery's row `key` went to, with its versions' actions in order. */
async function householdOf(importId: string, key: string) {
  const [row] = await sql<{ id: string; withdrawn: boolean; members: number; actions: string[]; rooms: unknown }>(
    `select h.id, h.withdrawn_at is not null as withdrawn, (select count(*)::int from individuals i where i.household_id = h.id) as members,
            (select array_agg(v.action order by v.version) from household_versions v where v.household_id = h.id) as actions,
            h.attributes->'number_of_rooms' as rooms
       from import_households ih join submissions s on s.id = ih.submission_id join households h on h.id = s.household_id
      where ih.import_id = ? and ih.household_key = ?`,
    [importId, key],
  );
  return row!;
}

describe("bulk import: undo (issue #19)", () => {
  it("reverses what the run created and changed by new versions, keeps every version, and refuses a second undo", {
    timeout: 120_000,
  }, async () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({ key: `U${10 + i}`, data: household(9100 + i) }));
    const workers = ctx.startWorkers();
    try {
      const january = await importedDelivery(rows, "2026-01");
      expect(january.counts).toEqual({ new: 3, update: 0, duplicate: 0, unchanged: 0, error: 0 });
      const roomsInJanuary = rows[1]!.data.number_of_rooms;
      // June: U11 has three rooms more, U13 is new.
      const june = rows.map((r) => ({ key: r.key, data: structuredClone(r.data) }));
      june[1]!.data.number_of_rooms = Number(roomsInJanuary ?? 1) + 3;
      june.push({ key: "U13", data: household(9103) });
      const second = await importedDelivery(june, "2026-06");
      expect(second.counts).toEqual({ new: 1, update: 1, duplicate: 0, unchanged: 2, error: 0 });
      const created = await householdOf(second.id, "U13");
      expect(created.members).toBe(household(9103).members.length);
      const versionsBefore = await sql<{ id: string }>(`select id from household_versions order by id`);

      const undoneAt = new Date().toISOString();
      const undo = await ctx.post(`/api/imports/${second.id}/undo`);
      expect(undo.status).toBe(200);
      expect(undo.body).toEqual({ withdrawn: 1, restored: 1, closedReviews: 0, movesUndone: 0 });

      // The household June created leaves the registry: no members, out of the list, its history whole.
      expect(await householdOf(second.id, "U13")).toEqual({ ...created, withdrawn: true, members: 0, actions: ["create", "withdraw"] });
      const [firstVersion] = await sql<{ members: number }>(
        `select jsonb_array_length(state->'members') as members from household_versions where household_id = ? and version = 1`,
        [created.id],
      );
      expect(firstVersion!.members).toBe(household(9103).members.length);
      const listed = await ctx.get(`/api/households?q=${encodeURIComponent(`Defait9103x0`)}`);
      expect(listed.body.total).toBe(0);
      // Partner systems keeping a copy in step learn of the withdrawal from their next synchronisation.
      // The synchronisation serves a change once every transaction older than it has ended, in any database of
      // the server (other test files write beside this one): poll as a partner's loop does.
      const copies = await waitFor(
        async () => {
          const synced = await ctx.get(`/api/sync/households?since=${encodeURIComponent(undoneAt)}&limit=500`);
          const found = synced.body.items.filter((h: { id: string }) => h.id === created.id);
          return found.length > 0 ? found : undefined;
        },
        { what: "the withdrawn household in the synchronisation" },
      );
      expect(copies).toEqual([expect.objectContaining({ id: created.id, members: [], withdrawnAt: expect.any(String) })]);
      expect((await ctx.get(`/api/households/${created.id}`)).body.withdrawnAt).toBe(copies[0].withdrawnAt);

      // The household June updated gets January's rooms back, as a new version.
      const updated = await householdOf(second.id, "U11");
      expect(updated).toMatchObject({ withdrawn: false, actions: ["create", "update", "import_undo"], rooms: roomsInJanuary });
      expect(await householdOf(january.id, "U10")).toMatchObject({ withdrawn: false, actions: ["create"] });

      // Nothing deleted from history: every version before the undo is still there, two more after it.
      const versionsAfter = await sql<{ id: string }>(`select id from household_versions order by id`);
      expect(versionsAfter.length).toBe(versionsBefore.length + 2);
      expect(versionsAfter.map((v) => v.id)).toEqual(expect.arrayContaining(versionsBefore.map((v) => v.id)));

      // Undone once: the second time is a stable 409, and changes nothing.
      const again = await ctx.post(`/api/imports/${second.id}/undo`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("import_already_undone");
      expect((await sql(`select id from household_versions order by id`)).length).toBe(versionsAfter.length);
      expect((await ctx.get(`/api/imports/${second.id}`)).body.status).toBe("undone");
      const audit = await sql<{ action: string }>(`select action from audit_log where entity_id = ? order by seq`, [second.id]);
      expect(audit.map((a) => a.action)).toEqual(["import.upload", "import.dry_run", "import.run", "import.done", "import.undo"]);
    } finally {
      await workers.close();
    }
  });

  it("a registry person a supervisor let the import take in by NIN goes back to their household, with that NIN, when the import is undone", {
    timeout: 120_000,
  }, async () => {
    const holder = validHousehold(
      Array.from({ length: 50 }, (_, i) => 9300 + i).find((s) => (validHousehold(s).members as Data[])[0]!.nin)!,
    );
    const nin = (holder.members as Data[])[0]!.nin as string;
    const workers = ctx.startWorkers();
    try {
      const registered = await ctx.submitAndDrain(holder);
      expect(registered.status).toBe("integrated");
      const holderOf = () =>
        sql<{ household_id: string; person_id: string }>(`select household_id, person_id from individuals where nin = ?`, [nin]);
      const [before] = await holderOf();
      const partner = household(9400);
      partner.members[0].nin = nin;
      const imported = await importedDelivery([{ key: "M1", data: partner }], "2026-02");
      expect(imported.counts).toMatchObject({ new: 0, duplicate: 1 });
      const [item] = await sql<{ id: string }>(
        `select r.id from review_items r join import_households ih on ih.submission_id = r.submission_id where ih.import_id = ? and r.kind = 'person_move'`,
        [imported.id],
      );
      expect((await ctx.post(`/api/review-items/${item!.id}/decision`, { decision: "same" })).status).toBe(200);
      const [moved] = await holderOf();
      expect(moved).toEqual({ household_id: expect.not.stringMatching(before!.household_id), person_id: before!.person_id });

      const undo = await ctx.post(`/api/imports/${imported.id}/undo`);
      expect(undo.status).toBe(200);
      expect(undo.body).toEqual({ withdrawn: 1, restored: 0, closedReviews: 0, movesUndone: 1 });
      // Back in the household they left, the same person with the same NIN, and nowhere else.
      expect(await holderOf()).toEqual([before]);
      const [last] = await sql<{ action: string }>(
        `select action from household_versions where household_id = ? order by version desc limit 1`,
        [before!.household_id],
      );
      expect(last!.action).toBe("import_undo");
    } finally {
      await workers.close();
    }
  });

  it("the same delivery imported again after its undo is written again, and once", { timeout: 120_000 }, async () => {
    const rows = Array.from({ length: 2 }, (_, i) => ({ key: `A${i}`, data: household(9500 + i) }));
    const workers = ctx.startWorkers();
    try {
      const first = await importedDelivery(rows, "2026-03");
      expect((await ctx.post(`/api/imports/${first.id}/undo`)).status).toBe(200);
      const again = await importedDelivery(rows, "2026-03");
      expect(again.counts).toEqual({ new: 2, update: 0, duplicate: 0, unchanged: 0, error: 0 });
      const back = await householdOf(again.id, "A1");
      expect(back).toMatchObject({ withdrawn: false, members: household(9501).members.length, actions: ["create"] });
      expect(back.id).not.toBe((await householdOf(first.id, "A1")).id);
      // Imported a third time, the delivery is what the registry already has.
      const third = await importedDelivery(rows, "2026-03");
      expect(third.counts).toEqual({ new: 0, update: 0, duplicate: 0, unchanged: 2, error: 0 });
    } finally {
      await workers.close();
    }
  });

  it("an import that never ran cannot be undone", async () => {
    const file = "jamais-lance.csv";
    const res = await ctx.request(`/api/imports?name=${file}`, {
      method: "POST",
      body: readFileSync(writeCsv(join(dir, file), oneFileTable([{ key: "N1", data: household(9200) }]))),
    });
    const { id } = (await res.json()) as { id: string };
    const undo = await ctx.post(`/api/imports/${id}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error).toMatchObject({ code: "import_wrong_status", details: { status: "uploaded" } });
  });
});
