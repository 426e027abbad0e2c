import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * A reviewer's "same" decision (issue #6), kept so that an undo restores both people exactly. A person
 * merge is a move since issue #14 (a person is a current member of one household): the incoming
 * individual takes the existing one's person id (and NIN, when it had none), and the existing one leaves
 * their household, version `householdVersion` of `householdId`; earlier person merges only changed person ids.
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
    /**
     * A household merge: the household and the version the decision wrote (undo restores the one before);
     * a person moved: the household they left and the version that recorded it.
     */
    householdId: p.uuid().nullable(),
    householdVersion: p.integer().nullable(),
    /** Person ids (and, for a move, NINs) of every individual whose identity the merge changed, as they were before it. */
    before: p.json<{ individualId: string; personId: string; nin?: string | null }[]>(),
    by: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    undoneAt: p.datetime().nullable(),
    undoneBy: p.uuid().nullable(),
  },
});
export type Merge = InferEntity<typeof Merge>;
