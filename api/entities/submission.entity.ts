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
  properties: {
    id: p.uuid().primary(),
    formVersion: () => p.manyToOne(FormVersion).deleteRule("restrict").index(),
    data: p.json<Record<string, unknown>>(),
    contentHash: p.string().length(64),
    status: p.string().$type<SubmissionStatus>().length(20).index(),
    errors: p.json<FieldError[]>().nullable(),
    householdId: p.uuid().nullable().index(),
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
