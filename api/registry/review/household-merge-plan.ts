import type { EntityManager } from "@mikro-orm/postgresql";
import type { MergePreview } from "../../../schemas/contracts/review";
import { registryRecord } from "../../../schemas/registry/household-from-submission";
import { closestVersion, lastChanges, mergeHousehold, type MergedHousehold } from "../../../schemas/registry/household-merge";
import { Household, HouseholdVersion, type ReviewItem, type Submission } from "../../entities";
import { readHouseholdState, type HouseholdState } from "../households/household-state";

/** What "same" on a duplicate household or a stale update writes, and what it was worked out from. */
export interface SamePlan {
  household: { id: string; version: number };
  current: HouseholdState;
  merged: MergedHousehold;
  preview: MergePreview;
}

/**
 * Merges the item's submission into its household as it is now (issue #14). A stale update is merged
 * from the version it was built on; a duplicate household names none, so from the version it most
 * resembles among those that existed when the item was opened: a copy of older data brings only what it
 * changed, and what the household became since stays. Null when the household no longer exists.
 * `submission` must have its form version loaded.
 */
export async function planSame(em: EntityManager, item: ReviewItem, submission: Submission): Promise<SamePlan | null> {
  const household = item.householdId ? await em.findOne(Household, item.householdId, { refresh: true }) : null;
  if (!household) return null;
  const record = registryRecord(submission.data, submission.formVersion.snapshot);
  const incoming = { ...record.household, members: record.members };
  const current = await readHouseholdState(em, household.id);
  const versions = (await em.find(HouseholdVersion, { household: household.id }, { orderBy: { version: "asc" } })).map((v) => ({
    version: v.version,
    at: v.createdAt,
    state: v.state as unknown as HouseholdState,
  }));
  const seen = item.householdVersion ?? household.version;
  const base = (item.kind === "stale_update" ? versions.find((v) => v.version === submission.baseVersion) : undefined) ??
    closestVersion(
      versions.filter((v) => v.version <= seen),
      incoming,
    ) ?? { version: household.version, at: new Date(), state: current };
  const merged = mergeHousehold({
    base: base.state,
    current,
    incoming,
    incomingAt: submission.receivedAt,
    changedAt: lastChanges(versions.filter((v) => v.version >= base.version)),
    // A duplicate household was registered afresh; a stale update was filled from the household's answers.
    fresh: item.kind === "duplicate_household",
  });
  return {
    household: { id: household.id, version: household.version },
    current,
    merged,
    preview: {
      itemVersion: item.householdVersion ?? null,
      currentVersion: household.version,
      baseVersion: base.version,
      conflicts: merged.conflicts,
    },
  };
}
