/**
 * The clerk's side of integration (issue #6): answers to start an update or a correction from, and the
 * list of one's own submissions with their stages.
 */
import type { PublishedFormSummary, SubmissionBody } from "./api";

/**
 * `GET /api/households/:id/answers` and `GET /api/submissions/:id/answers`: a questionnaire to open
 * prefilled. `householdId` and `baseVersion` go back with the new submission (an update of that
 * household, built on that version); both are null for the correction of a new household.
 */
export interface FormAnswers {
  /** The form's newest published version, the one the clerk fills. */
  form: PublishedFormSummary;
  data: Record<string, unknown>;
  householdId: string | null;
  baseVersion: number | null;
}

/** `GET /api/submissions?status=&limit=&offset=`: the caller's own submissions, newest first. */
export interface SubmissionPage {
  items: SubmissionBody[];
  total: number;
}
