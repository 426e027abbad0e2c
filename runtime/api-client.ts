import type {
  FormVersionBody,
  HouseholdPage,
  PublishedFormSummary,
  SubmissionAccepted,
  SubmissionBody,
  SubmissionRequest,
} from "../schemas/contracts/api";
import type { FormAnswers, SubmissionPage, SubmissionStage } from "../schemas/contracts/submissions";
import { request } from "../kit/request";
import { withStoredFiles } from "./stored-files";

/** The runtime's own calls to the API; signing in and out are shared with the back office (kit/session.ts). */
export const listPublishedForms = (signal?: AbortSignal) => request<PublishedFormSummary[]>("/api/forms", { signal });

export const getFormVersion = (formId: string, version: number, signal?: AbortSignal) =>
  request<FormVersionBody>(`/api/forms/${encodeURIComponent(formId)}/versions/${version}`, { signal });

export const postSubmission = (submission: SubmissionRequest, signal?: AbortSignal) =>
  request<SubmissionAccepted>("/api/submissions", { method: "POST", json: submission, signal });

export const getSubmission = (id: string, signal?: AbortSignal) =>
  request<SubmissionBody>(`/api/submissions/${encodeURIComponent(id)}`, { signal, cache: "no-store" });

/**
 * `GET /api/households`: the API itself keeps a clerk to the households of their areas, so the list is
 * asked for unfiltered.
 */
export const listAreaHouseholds = (limit: number, offset: number, signal?: AbortSignal) =>
  request<HouseholdPage>(`/api/households?limit=${limit}&offset=${offset}`, { signal, cache: "no-store" });

/** The household's current answers and version, to open « Mettre à jour » prefilled, its files shown. */
export async function getHouseholdAnswers(householdId: string, signal?: AbortSignal): Promise<FormAnswers> {
  const at = `/api/households/${encodeURIComponent(householdId)}`;
  const answers = await request<FormAnswers>(`${at}/answers`, { signal, cache: "no-store" });
  return withStoredFiles(answers, (attachment) => [`${at}/attachments/${encodeURIComponent(attachment)}`]);
}

/**
 * A submission's answers, to correct it and send it again, its files shown: those it sent, or those of the
 * household it updates when it starts again from the household as it is now.
 */
export async function getSubmissionAnswers(submissionId: string, signal?: AbortSignal): Promise<FormAnswers> {
  const at = `/api/submissions/${encodeURIComponent(submissionId)}`;
  const answers = await request<FormAnswers>(`${at}/answers`, { signal, cache: "no-store" });
  const household = answers.householdId ? `/api/households/${encodeURIComponent(answers.householdId)}` : null;
  return withStoredFiles(answers, (attachment) =>
    [at, household].filter((base) => base !== null).map((base) => `${base}/attachments/${encodeURIComponent(attachment)}`),
  );
}

/** « Mes envois »: the signed-in user's own submissions, newest first, at one stage or all. */
export function listMySubmissions(query: { stage?: SubmissionStage; limit: number; offset: number }, signal?: AbortSignal) {
  const params = new URLSearchParams({ mine: "1", limit: String(query.limit), offset: String(query.offset) });
  if (query.stage) params.set("stage", query.stage);
  return request<SubmissionPage>(`/api/submissions?${params}`, { signal, cache: "no-store" });
}
