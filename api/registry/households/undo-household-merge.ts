import type { EntityManager } from "@mikro-orm/postgresql";
import { lastChanges, mergeHousehold } from "../../../schemas/registry/household-merge";
import { HouseholdVersion, type Merge } from "../../entities";
import { queryRows } from "../../db/plain-sql";
import { problems } from "../../problems";
import { readHouseholdState, type HouseholdState } from "./household-state";
import { lockHouseholds } from "./locks";
import { writeHousehold } from "./update-household";
import type { Provenance } from "./household-versions";

/** Undoes a submission merged into a household by a reviewer (issue #14): restoreVersionBefore the merge's version. */
export async function undoHouseholdMerge(tx: EntityManager, merge: Merge, by: string): Promise<void> {
  const provenance = { action: "unmerge" as const, by, reviewItemId: merge.reviewItemId };
  await restoreVersionBefore(tx, merge.householdId!, merge.householdVersion!, provenance);
  // The doubts the merge raised about members it brought go with those members: deciding one would find nobody.
  await queryRows(
    tx,
    `delete from review_items r where r.kind = 'duplicate_person' and r.status <> 'decided' and r.household_id = ?
      and r.submission_id = (select submission_id from review_items where id = ?)
      and not exists (select 1 from individuals i where i.id = r.incoming_individual_id)`,
    [merge.householdId, merge.reviewItemId],
  );
}

/**
 * Gives household `householdId` back what its version `version` changed (the same rows and persons
 * included), as a new version: whatever the household became after it stays, the undo being that
 * version's own reverse, merged value by value. Used by the undo of a household merge and of a move.
 */
export async function restoreVersionBefore(tx: EntityManager, householdId: string, version: number, provenance: Provenance): Promise<void> {
  await lockHouseholds(tx, [householdId]);
  const [household] = await queryRows<{ id: string; version: number }>(tx, `select id, version from households where id = ?`, [
    householdId,
  ]);
  if (!household) throw problems.householdNotFound();
  const versions = (
    await tx.find(HouseholdVersion, { household: household.id, version: { $gte: version - 1 } }, { orderBy: { version: "asc" } })
  ).map((v) => ({ at: v.createdAt, state: v.state as unknown as HouseholdState }));
  const [before, after] = versions;
  if (!before || !after) throw new Error(`household ${household.id} lacks versions ${version - 1} and ${version}`);
  const current = await readHouseholdState(tx, household.id);
  // The household's later changes are newer than what the version replaced: with no time of its own, the undo never wins a conflict.
  const merged = mergeHousehold({
    base: after.state,
    current,
    incoming: before.state,
    incomingAt: null,
    changedAt: lastChanges(versions.slice(1)),
  });
  await writeHousehold(tx, household, current, merged, { provenance, submissionId: null, thresholds: null });
}
