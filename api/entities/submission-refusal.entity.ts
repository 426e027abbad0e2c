import { defineEntity, p } from "@mikro-orm/core";

/**
 * A submission the API refused for its answers (issue #23), kept for the administrator's report: where,
 * by whom, with which mask, and each error as variable and code only (api/services/submission-refusals.ts).
 */
export const SubmissionRefusal = defineEntity({
  name: "SubmissionRefusal",
  tableName: "submission_refusals",
  properties: {
    /** The client's submission id: the same refused submission sent again is kept once. */
    submissionId: p.uuid().primary(),
    refusedAt: p.datetime().index(),
    submittedBy: p.uuid().nullable(),
    island: p.string().length(10).nullable(),
    commune: p.string().length(10).nullable(),
    formId: p.string().length(100),
    formVersion: p.integer(),
    errors: p.json<{ variable: string; code: string }[]>(),
  },
});
