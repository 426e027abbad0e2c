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
}

/**
 * The source's households in key order, a page at a time (keyset paging on the index, so the 1,000th
 * page costs what the first did): a household's rows arrive together whatever their order in the files.
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
      `with page as (
         select distinct household_key from import_rows where import_id = ? and household_key > ? order by household_key limit ${PAGE})
       select r.household_key, r.file, r.line, r.cells from import_rows r join page using (household_key)
        where r.import_id = ? order by r.household_key, r.file, r.line`,
      [importId, after, importId],
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
