import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { readHouseholdState, type HouseholdState } from "./household-state";
import { recordVersion } from "./household-versions";
import { lockHouseholds } from "./locks";
import { restoreVersionBefore, undoHouseholdMerge } from "./undo-household-merge";
import { Household, Individual, Merge } from "../../entities";
import { problems } from "../../problems";

/**
 * Undoes a merge: every individual it gave another identity gets its person id (and NIN) back, and the
 * person a move took out of their household returns to it (the version before the move, merged value by
 * value with what the household became since); or the household a submission was merged into gets back
 * what the merge changed; each as a new version ("unmerge") of every household touched.
 */
export async function undoMerge(tx: EntityManager, mergeId: string, by: string): Promise<Merge> {
  const merge = await tx.findOne(Merge, mergeId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!merge) throw problems.mergeNotFound();
  if (merge.undoneAt) throw problems.mergeUndone(merge.id);
  if (merge.kind === "household") await undoHouseholdMerge(tx, merge, by);
  else await undoPersonMerge(tx, merge, by);
  merge.undoneAt = new Date();
  merge.undoneBy = by;
  return merge;
}

async function undoPersonMerge(tx: EntityManager, merge: Merge, by: string) {
  const previous = new Map(merge.before.map((b) => [b.individualId, b]));
  const moved = await tx.find(Individual, { id: { $in: [...previous.keys()] } });
  const provenance = { action: "unmerge" as const, by, reviewItemId: merge.reviewItemId };
  // Every household the undo writes, locked first in id order, as every writer of several households does.
  await lockHouseholds(tx, [...new Set([...moved.map((m) => m.household.id), ...(merge.householdId ? [merge.householdId] : [])])].sort());
  // The person id and NIN go back first: the person who left takes them again (one person, one NIN, one household).
  await changeIdentities(tx, moved, (m) => previous.get(m.id)!, provenance);
  if (merge.householdId) await restoreVersionBefore(tx, merge.householdId, merge.householdVersion!, provenance);
}

/** Sets person ids (and NINs, when recorded) and records one version per household touched, each locked first. */
async function changeIdentities(
  tx: EntityManager,
  individuals: Individual[],
  identityOf: (m: Individual) => { personId: string; nin?: string | null },
  provenance: { action: "unmerge"; by: string; reviewItemId: string },
) {
  const householdIds = [...new Set(individuals.map((m) => m.household.id))].sort();
  const befores = new Map<string, HouseholdState>();
  const households: Household[] = [];
  await lockHouseholds(tx, householdIds);
  for (const id of householdIds) {
    households.push(await tx.findOneOrFail(Household, id, { refresh: true }));
    befores.set(id, await readHouseholdState(tx, id));
  }
  for (const m of individuals) {
    const { personId, nin } = identityOf(m);
    m.personId = personId;
    if (nin !== undefined) m.nin = nin;
  }
  for (const h of households) h.version += 1;
  await tx.flush();
  for (const h of households) await recordVersion(tx, h.id, h.version, befores.get(h.id)!, provenance);
}
