/**
 * The clerk's side of integration (issue #6): answers to start an update or a correction from, and the
 * list of submissions with their stages (« Mes envois »).
 */
import type { PublishedFormSummary, SubmissionBody, SubmissionStatus } from "./api";

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

/**
 * Where a submission stands for the person who sent it: its status, except that a submission a
 * supervisor sent back is "returned" whatever its status, because the next move is the clerk's.
 */
export type SubmissionStage = SubmissionStatus | "returned";

export const SUBMISSION_STAGES: readonly SubmissionStage[] = [
  "received",
  "valid",
  "invalid",
  "integrated",
  "needs_review",
  "rejected",
  "returned",
];

/** One line of `GET /api/submissions`: the submission, its stage, and which household it is about. */
export interface SubmissionListItem extends SubmissionBody {
  stage: SubmissionStage;
  /** The household as the submission names it (its head, its village code), so the clerk recognises it. */
  household: { headName: string | null; village: string | null };
}

/**
 * `GET /api/submissions?mine=1&stage=&limit=&offset=`, newest first. Clerks always get their own;
 * supervisors and administrators get those of their areas, or their own with `mine=1`.
 */
export interface SubmissionPage {
  items: SubmissionListItem[];
  total: number;
}
