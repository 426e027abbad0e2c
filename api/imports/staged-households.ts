import type { EntityManager } from "@mikro-orm/postgresql";
import type { ImportFileRole } from "../../schemas/contracts/imports";
import type { SourceHousehold, StagedRow } from "../../schemas/imports/household-answers";
import type { ImportProfileBody } from "../../schemas/imports/import-profile";
import { queryRows } from "../db/plain-sql";

const PAGE = 500;

/** A row without a household key is its own "household", named "∅ file:line" so that it sorts apart and says where it is. */
export const isKeyless = (key: string) => /^∅ (households|individuals):\d+$/.test(key);

/**
 * Files each staged row under its household's key, read from the profile's key column (the profile is
 * chosen after the upload, so the key is not known while staging).
 */
export async function fileUnderKeys(em: EntityManager, importId: string, profile: ImportProfileBody): Promise<void> {
  const keys: [ImportFileRole, string][] = [["households", profile.householdKey]];
  if (profile.layout === "two_files") keys.push(["individuals", profile.memberHouseholdKey ?? profile.householdKey]);
  for (const [file, column] of keys) {
    await queryRows(
      em,
      `update import_rows set household_key = coalesce(nullif(btrim(cells->>?), ''), '∅ ' || file || ':' || line)
        where import_id = ? and file = ?`,
      [column, importId, file],
    );
  }
  // Fresh statistics for the rows just filed: with those of keyless (or not yet analysed) rows the planner
  // expects a handful where there are thousands and leaves the index; autovacuum would analyse them only
  // long after the dry run. ANALYZE samples, so this costs the same for any file.
  await queryRows(em, `analyze import_rows`, []);
}

/**
 * The source's households in key order, a page at a time, read through the (import_id, household_key)
 * index: the page's keys are found one index probe each (the next key after the last, as min(), which
 * PostgreSQL always answers from the index), then its rows are that key range of the index. So each page
 * costs what the first did. A join of the page's keys with the import's rows, or a DISTINCT over the keys
 * after the last, let the planner (misled by statistics of rows just staged) read every remaining staged
 * row for each page, which made the dry run quadratic in the file's size.
 */
export async function* stagedHouseholds(
  em: EntityManager,
  importId: string,
  layout: ImportProfileBody["layout"],
): AsyncGenerator<SourceHousehold[]> {
  let after = "";
  for (;;) {
    const rows = await queryRows<{ household_key: string; file: ImportFileRole; line: number; cells: Record<string, string> }>(
      em,
      `with recursive page(k, n) as (
         select (select min(household_key) from import_rows where import_id = ? and household_key > ?), 1
         union all
         select (select min(household_key) from import_rows where import_id = ? and household_key > k), n + 1
           from page where k is not null and n < ${PAGE})
       select household_key, file, line, cells from import_rows
        where import_id = ? and household_key > ? and household_key <= (select max(k) from page)
        order by household_key, file, line`,
      [importId, after, importId, importId, after],
    );
    if (!rows.length) return;
    const page: SourceHousehold[] = [];
    for (const row of rows) {
      let household = page[page.length - 1];
      if (household?.key !== row.household_key) {
        household = { key: row.household_key, households: [], members: [] };
        page.push(household);
      }
      const staged: StagedRow = { file: row.file, line: row.line, values: row.cells };
      // One file: every row is a member (and carries the household's answers); two files: by file.
      if (layout === "one_file" || row.file === "individuals") household.members.push(staged);
      else household.households.push(staged);
    }
    after = page[page.length - 1]!.key;
    yield page;
  }
}
