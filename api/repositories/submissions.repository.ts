import type { SubmissionBody } from "../../schemas/contracts/api";
import type { Submission } from "../entities";

/** The API view of a submission: its status and what became of it, without the answers themselves. */
export function submissionBody(s: Submission): SubmissionBody {
  return {
    id: s.id,
    formId: s.formVersion.form.id,
    version: s.formVersion.version,
    status: s.status,
    receivedAt: s.receivedAt.toISOString(),
    integratedAt: s.integratedAt ? s.integratedAt.toISOString() : null,
    householdId: s.householdId ?? null,
    baseVersion: s.baseVersion ?? null,
    errors: s.errors ?? null,
    reasons: s.reasons ?? [],
    returnComment: s.returnComment ?? null,
  };
}
