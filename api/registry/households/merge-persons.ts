import { randomUUID } from "node:crypto";
import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { readHouseholdState, type HouseholdState } from "./household-state";
import { recordVersion } from "./household-versions";
import { lockHouseholds } from "./locks";
import { undoHouseholdMerge } from "./undo-household-merge";
import { Household, Individual, Merge, type ReviewItem } from "../../entities";
import { problems } from "../../problems";

/**
 * "Same person" (issue #6): everyone who shares the incoming individual's person id takes the existing
 * person's id. No row is deleted or rewritten otherwise, so both keep their own records and household
 * histories; each household touched gets a new version (action "merge") that names the review item.
 * The person ids before the merge are kept on the Merge row for `undoMerge`.
 */
export async function mergePersons(tx: EntityManager, item: ReviewItem, by: string): Promise<Merge> {
  const incoming = await tx.findOneOrFail(Individual, item.incomingIndividualId!);
  const existing = await tx.findOneOrFail(Individual, item.existingIndividualId!);
  const moving = await tx.find(Individual, { personId: incoming.personId });
  const before = moving.map((m) => ({ individualId: m.id, personId: m.personId }));
  await changeIdentities(tx, moving, () => existing.personId, { action: "merge", by, reviewItemId: item.id });
  return tx.create(Merge, {
    id: randomUUID(),
    reviewItemId: item.id,
    kind: "person",
    keptIndividualId: existing.id,
    mergedIndividualId: incoming.id,
    before,
    by,
  });
}

/**
 * Undoes a merge: every individual it moved gets its person id back, or the household a submission was
 * merged into gets back what the merge changed; either as a new version of each household touched.
 */
export async function undoMerge(tx: EntityManager, mergeId: string, by: string): Promise<Merge> {
  const merge = await tx.findOne(Merge, mergeId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!merge) throw problems.mergeNotFound();
  if (merge.undoneAt) throw problems.mergeUndone(merge.id);
  if (merge.kind === "household") await undoHouseholdMerge(tx, merge, by);
  else await restoreIdentities(tx, merge, by);
  merge.undoneAt = new Date();
  merge.undoneBy = by;
  return merge;
}

async function restoreIdentities(tx: EntityManager, merge: Merge, by: string) {
  const previous = new Map(merge.before.map((b) => [b.individualId, b.personId]));
  const moved = await tx.find(Individual, { id: { $in: [...previous.keys()] } });
  await changeIdentities(tx, moved, (m) => previous.get(m.id)!, { action: "unmerge", by, reviewItemId: merge.reviewItemId });
}

/** Sets person ids and records one version per household touched, each household locked first. */
async function changeIdentities(
  tx: EntityManager,
  individuals: Individual[],
  personIdOf: (m: Individual) => string,
  provenance: { action: "merge" | "unmerge"; by: string; reviewItemId: string },
) {
  const householdIds = [...new Set(individuals.map((m) => m.household.id))].sort();
  const befores = new Map<string, HouseholdState>();
  const households: Household[] = [];
  // Locked in id order, as every writer of several households does, so two merges cannot deadlock.
  await lockHouseholds(tx, householdIds);
  for (const id of householdIds) {
    households.push(await tx.findOneOrFail(Household, id, { refresh: true }));
    befores.set(id, await readHouseholdState(tx, id));
  }
  for (const m of individuals) m.personId = personIdOf(m);
  for (const h of households) h.version += 1;
  await tx.flush();
  for (const h of households) await recordVersion(tx, h.id, h.version, befores.get(h.id)!, provenance);
}
