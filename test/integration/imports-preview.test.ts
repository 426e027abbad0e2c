import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedImport } from "../helpers/checked-import";
import { validHousehold } from "../helpers/demo-responses";
import { partnerHousehold, scratchDir } from "../helpers/partner-files";
import { createTestContext, type TestContext } from "../helpers/test-context";

/*
 * The dry run's preview must count the probable duplicates the run will send to review (issue #19). The
 * dry run reads the file 500 households a page; the run integrates them batch after batch, so a household
 * meets those of the file integrated before it, whatever page they were on.
 */
let ctx: TestContext;
const dir = scratchDir();
beforeAll(async () => {
  ctx = await createTestContext("imports_preview");
});
afterAll(() => ctx?.close());

type Data = Record<string, any>;
const key = (i: number) => `K${String(i).padStart(3, "0")}`;

describe("bulk import: the dry run's duplicates are the run's reviews (issue #19)", () => {
  it("a household given twice and a NIN given twice on different pages, and members like earlier ones: as many in review", {
    timeout: 240_000,
  }, async () => {
    const rows = Array.from({ length: 510 }, (_, i) => ({ key: key(i), data: partnerHousehold(9000 + i, "Apercu") as Data }));
    // K505 (second page) is K003 (first page) again under another key: the same people, the same place.
    rows[505]!.data = structuredClone(rows[3]!.data);
    // K507's head gives the NIN K010's head gave.
    const nin = (
      validHousehold(Array.from({ length: 50 }, (_, i) => 9600 + i).find((s) => (validHousehold(s).members as Data[])[0]!.nin)!)
        .members as Data[]
    )[0]!.nin as string;
    rows[10]!.data.members[0].nin = nin;
    rows[507]!.data.members[0].nin = nin;

    const imported = await checkedImport(ctx, dir, rows);
    // Besides the two planted, K190 and K466 are created with a member who resembles someone of an earlier
    // household of the file (the generator's homonyms): the run sends their submissions to review as well.
    const reviewed = ["K190", "K466", key(505), key(507)];
    expect(imported.counts).toEqual({ new: 506, update: 0, duplicate: 4, unchanged: 0, error: 0 });
    const flagged = await ctx.orm.em
      .fork()
      .getConnection()
      .execute<{ household_key: string }[]>(
        `select household_key from import_households where import_id = ? and outcome = 'duplicate' order by household_key`,
        [imported.id],
      );
    expect(flagged.map((r) => r.household_key)).toEqual(reviewed);

    const workers = ctx.startWorkers();
    try {
      expect((await ctx.post(`/api/imports/${imported.id}/run`)).status).toBe(202);
      await ctx.drain();
    } finally {
      await workers.close();
    }
    const held = await ctx.orm.em
      .fork()
      .getConnection()
      .execute<{ household_key: string }[]>(
        `select ih.household_key from import_households ih join submissions s on s.id = ih.submission_id
          where ih.import_id = ? and s.status = 'needs_review' order by ih.household_key`,
        [imported.id],
      );
    expect(held.map((r) => r.household_key)).toEqual(reviewed);
    const progress = await ctx.get(`/api/imports/${imported.id}/progress`);
    expect(progress.body.stages).toEqual({ integrated: 506, needs_review: 4 });
  });
});
