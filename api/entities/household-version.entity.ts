import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { FieldChange, ReviewDecision } from "../../schemas/contracts/review";
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
  // Integrating a submission twice cannot add two versions; a reviewer's decision may apply it again after an undo.
  indexes: [
    {
      name: "household_versions_submission_id_unique",
      expression: `create unique index "household_versions_submission_id_unique" on "household_versions" ("submission_id") where "review_item_id" is null`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    household: () => p.manyToOne(Household).deleteRule("cascade"),
    version: p.integer(),
    state: p.json<Record<string, unknown>>(),
    changes: p.json<FieldChange[]>(),
    /** create, update, merge, unmerge, review. */
    action: p.string().length(30),
    /** The change's source submission. */
    submissionId: p.uuid().nullable(),
    formId: p.string().length(100).nullable(),
    formVersion: p.integer().nullable(),
    /** The user behind the change (the clerk who sent it, or the reviewer who decided it). */
    by: p.uuid().nullable(),
    reviewItemId: p.uuid().nullable(),
    /** The reviewer's decision behind the change, and their comment. */
    decision: p.string().$type<ReviewDecision>().length(10).nullable(),
    comment: p.text().nullable(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});
export type HouseholdVersion = InferEntity<typeof HouseholdVersion>;
