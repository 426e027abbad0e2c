import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileUnderKeys, stagedHouseholds } from "../../api/imports/staged-households";
import { partnerProfile } from "../helpers/partner-files";
import { createTestContext, type TestContext } from "../helpers/test-context";

/*
 * The dry run reads the staged rows a page of households at a time (issue #19). Each page must cost what
 * the first did: read through the (import_id, household_key) index, never the import's every row (the
 * dry run was quadratic in the file's size when a page joined its keys with all the import's rows).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("imports_paging");
});
afterAll(() => ctx?.close());

const HOUSEHOLDS = 3_001;
/** A household row each, and one to three members (1,001 of one, 1,000 of two, 1,000 of three). */
const ROWS = HOUSEHOLDS + 6_001;
const profile = { ...partnerProfile("Paging", "two_files"), householdKey: "hh_id", memberHouseholdKey: "hh_id" } as never;

/** Two files, rows in an order unrelated to their keys, one to three members a household. */
async function stagedImport(): Promise<string> {
  const id = randomUUID();
  const em = ctx.orm.em.fork();
  const [admin] = await em.getConnection().execute<{ id: string }[]>(`select id from users where username = 'admin'`);
  await em
    .getConnection()
    .execute(
      `insert into imports (id, status, delivery, files, created_by, created_at, updated_at) values (?, 'uploaded', 'paging', '{}', ?, now(), now())`,
      [id, admin!.id],
    );
  const rows: { file: string; line: number; cells: Record<string, string> }[] = [];
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const key = `P${(i * 7919) % HOUSEHOLDS}`;
    rows.push({ file: "households", line: i + 2, cells: { hh_id: key } });
    for (let m = 0; m <= i % 3; m++) rows.push({ file: "individuals", line: rows.length + 2, cells: { hh_id: key } });
  }
  await em
    .getConnection()
    .execute(
      `insert into import_rows (import_id, file, line, cells) select ?::uuid, r->>'file', (r->>'line')::int, r->'cells' from json_array_elements(?::json) r`,
      [id, JSON.stringify(rows)],
    );
  return id;
}

describe("staged rows, a page of households at a time (issue #19)", () => {
  it("gives every household once with all its rows, in key order, across page boundaries", async () => {
    const id = await stagedImport();
    const em = ctx.orm.em.fork();
    await fileUnderKeys(em, id, profile);
    const sizes: number[] = [];
    const keys: string[] = [];
    let rows = 0;
    for await (const page of stagedHouseholds(em, id, "two_files")) {
      sizes.push(page.length);
      for (const household of page) {
        keys.push(household.key);
        expect(household.households).toHaveLength(1);
        rows += household.households.length + household.members.length;
      }
    }
    expect(sizes).toEqual([500, 500, 500, 500, 500, 500, 1]);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(HOUSEHOLDS);
    expect(rows).toBe(ROWS);
  });

  it("reads each staged row a bounded number of times, however many pages there are", async () => {
    const id = await stagedImport();
    await fileUnderKeys(ctx.orm.em.fork(), id, profile);
    // Rows this transaction read from import_rows, by scanning it or its indexes (the xact counters count at once).
    const read = await ctx.orm.em.fork().transactional(async (tx) => {
      for await (const _ of stagedHouseholds(tx, id, "two_files"));
      const [stats] = await tx.getConnection().execute<{ n: string }[]>(
        `select sum(pg_stat_get_xact_tuples_returned(oid)) as n from pg_class
            where oid = 'import_rows'::regclass or oid in (select indexrelid from pg_index where indrelid = 'import_rows'::regclass)`,
        [],
        "all",
        tx.getTransactionContext(),
      );
      return Number(stats!.n);
    });
    // About 3.7 reads a row (an index probe a key, then the page's range); the join it replaces read 20 a row here.
    expect(read).toBeLessThan(5 * ROWS);
  });
});
