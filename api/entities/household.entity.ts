import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Individual } from "./individual.entity";

/**
 * A household of the registry, current state. Location codes and the head's name are typed columns
 * because the registry filters and searches on them; every other answer is in `attributes`, keyed by
 * catalogue variable code.
 */
export const Household = defineEntity({
  name: "Household",
  tableName: "households",
  // The partners' read order (issue #17, Migration20261208030000HouseholdChangeOrder).
  indexes: [{ name: "households_change_order_index", properties: ["changeXid", "id"] }],
  properties: {
    id: p.uuid().primary(),
    /** Its members carry island and commune too, moved with them by a trigger (Migration20261129020000IndividualPlace). */
    island: p.string().length(10).nullable(),
    prefecture: p.string().length(10).nullable(),
    commune: p.string().length(10).nullable().index(),
    village: p.string().nullable(),
    headName: p.string().nullable(),
    /** The head's name without accents or case, so that "Saïd" is found by "said". */
    searchName: p.string().nullable().index(),
    attributes: p.json<Record<string, unknown>>(),
    /** Current version (household_versions); an update names the version it was built on (issue #6). */
    version: p.integer().default(1),
    /** The submission that created it: unique, so integrating the same submission twice cannot create two. */
    sourceSubmissionId: p.uuid().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    /** The transaction that last wrote the row, stamped by a trigger: the order partners read changes in. */
    /** Set when the import that created it was undone (issue #19): its row and history stay, it counts no more. */
    withdrawnAt: p.datetime().nullable(),
    changeXid: p.string().columnType("xid8").default("0").lazy().hidden(),
    members: () => p.oneToMany(Individual).mappedBy("household"),
  },
});
export type Household = InferEntity<typeof Household>;
