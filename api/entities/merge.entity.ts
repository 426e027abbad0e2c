import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * A reviewer's "same person" decision (issue #6). Merging never deletes a row: the incoming individual
 * takes the existing one's person id (both keep their own rows and household histories), and the person
 * ids as they were before are kept here so that an undo restores both people exactly.
 */
export const Merge = defineEntity({
  name: "Merge",
  tableName: "merges",
  properties: {
    id: p.uuid().primary(),
    reviewItemId: p.uuid().index(),
    /** person: two records are one person; household: a submission merged into a household (issue #14). */
    kind: p.string().$type<"person" | "household">().length(10),
    keptIndividualId: p.uuid().nullable(),
    mergedIndividualId: p.uuid().nullable(),
    /** A household merge: the household and the version the decision wrote (undo restores the one before). */
    householdId: p.uuid().nullable(),
    householdVersion: p.integer().nullable(),
    /** Person ids of every individual whose identity the merge changed, as they were before it. */
    before: p.json<{ individualId: string; personId: string }[]>(),
    by: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    undoneAt: p.datetime().nullable(),
    undoneBy: p.uuid().nullable(),
  },
});
export type Merge = InferEntity<typeof Merge>;
