import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { FieldError, SubmissionStatus } from "../../schemas/contracts/api";
import type { StageReason } from "../../schemas/contracts/review";
import { FormVersion } from "./form-version.entity";

/**
 * What a clerk sent, exactly as accepted, with the version it was filled with. The id is the client's
 * UUID: a retry with the same id is recognised by `contentHash` (DESIGN.md rule 2).
 */
export const Submission = defineEntity({
  name: "Submission",
  tableName: "submissions",
  // What the integration claims its batches from (issue #6): the received ones, oldest first, of one commune.
  indexes: [
    {
      name: "submissions_received_commune_index",
      expression: `create index "submissions_received_commune_index" on "submissions" ("commune", "received_at") where "status" = 'received'`,
    },
    {
      name: "submissions_received_index",
      expression: `create index "submissions_received_index" on "submissions" ("received_at") where "status" = 'received'`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    formVersion: () => p.manyToOne(FormVersion).deleteRule("restrict").index(),
    data: p.json<Record<string, unknown>>(),
    contentHash: p.string().length(64),
    status: p.string().$type<SubmissionStatus>().length(20).index(),
    errors: p.json<FieldError[]>().nullable(),
    householdId: p.uuid().nullable().index(),
    /** The commune its answers name (where the household lives): integration batches are taken by commune. */
    commune: p.string().length(10).nullable(),
    /** The user (or the user behind the token) who sent it: clerks see only their own submissions. */
    submittedBy: p.uuid().nullable().index(),
    receivedAt: p.datetime().onCreate(() => new Date()),
    integratedAt: p.datetime().nullable(),
    /** An update names the household and the version it was built on (issue #6). */
    baseVersion: p.integer().nullable(),
    /** Why it stopped, per rule (needs_review, rejected). */
    reasons: p.json<StageReason[]>().nullable(),
    /** A supervisor sent it back to the clerk with this comment. */
    returnComment: p.text().nullable(),
    returnedAt: p.datetime().nullable(),
  },
});
export type Submission = InferEntity<typeof Submission>;
