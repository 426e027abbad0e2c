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

/** The household's current answers and version, to open « Mettre à jour » prefilled. */
export const getHouseholdAnswers = (householdId: string, signal?: AbortSignal) =>
  request<FormAnswers>(`/api/households/${encodeURIComponent(householdId)}/answers`, { signal, cache: "no-store" });

/** A submission's answers, to correct it and send it again. */
export const getSubmissionAnswers = (submissionId: string, signal?: AbortSignal) =>
  request<FormAnswers>(`/api/submissions/${encodeURIComponent(submissionId)}/answers`, { signal, cache: "no-store" });

/** « Mes envois »: the signed-in user's own submissions, newest first, at one stage or all. */
export function listMySubmissions(query: { stage?: SubmissionStage; limit: number; offset: number }, signal?: AbortSignal) {
  const params = new URLSearchParams({ mine: "1", limit: String(query.limit), offset: String(query.offset) });
  if (query.stage) params.set("stage", query.stage);
  return request<SubmissionPage>(`/api/submissions?${params}`, { signal, cache: "no-store" });
}
