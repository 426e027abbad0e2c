import type { FormVersionBody, HouseholdPage, PublishedFormSummary, SubmissionAccepted, SubmissionBody, SubmissionRequest } from "../schemas/contracts/api";
import { request } from "./shared/request";

/** The runtime's own calls to the API; signing in and out are shared with the back office (shared/session.ts). */
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
