import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { FieldChange } from "../../schemas/contracts/review";
import { Household } from "./household.entity";

/**
 * One version of a household (issue #6): its whole state (household + members) as of that version, the
 * field changes from the previous one and where the change came from. Never updated, never deleted: the
 * history and the state at a past date are read from here.
 */
export const HouseholdVersion = defineEntity({
  name: "HouseholdVersion",
  tableName: "household_versions",
  uniques: [{ properties: ["household", "version"] }],
  properties: {
    id: p.uuid().primary(),
    household: () => p.manyToOne(Household).deleteRule("cascade"),
    version: p.integer(),
    state: p.json<Record<string, unknown>>(),
    changes: p.json<FieldChange[]>(),
    /** create, update, merge, unmerge, review. */
    action: p.string().length(30),
    /** The change's source submission, unique: integrating one submission twice cannot add two versions. */
    submissionId: p.uuid().nullable().unique(),
    formId: p.string().length(100).nullable(),
    formVersion: p.integer().nullable(),
    /** The user behind the change (the clerk who sent it, or the reviewer who decided it). */
    by: p.uuid().nullable(),
    reviewItemId: p.uuid().nullable(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});
export type HouseholdVersion = InferEntity<typeof HouseholdVersion>;
