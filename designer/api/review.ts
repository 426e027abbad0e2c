import {
  REVIEW_KINDS,
  type ReviewDecisionRequest,
  type ReviewItemDetail,
  type ReviewItemPage,
  type ReviewKind,
  type ReviewStatus,
} from "../../schemas/contracts/review";
import { request } from "../../kit/request";

export interface ReviewQuery {
  status?: ReviewStatus;
  kind?: ReviewKind;
  limit: number;
  offset: number;
}

export { REVIEW_KINDS };
export const REVIEW_STATUSES: readonly ReviewStatus[] = ["open", "later", "decided"];

export function listReviewItems(query: ReviewQuery, signal?: AbortSignal): Promise<ReviewItemPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(name, String(value));
  return request(`/api/review-items?${params}`, { signal, cache: "no-store" });
}

export function getReviewItem(id: string, signal?: AbortSignal): Promise<ReviewItemDetail> {
  return request(`/api/review-items/${encodeURIComponent(id)}`, { signal, cache: "no-store" });
}

export function decideReviewItem(id: string, body: ReviewDecisionRequest): Promise<unknown> {
  return request(`/api/review-items/${encodeURIComponent(id)}/decision`, { method: "POST", json: body });
}

export function undoMerge(mergeId: string): Promise<unknown> {
  return request(`/api/merges/${encodeURIComponent(mergeId)}/undo`, { method: "POST" });
}

/** Sends an invalid or rejected submission back to its clerk, with the supervisor's words. */
export function returnSubmission(submissionId: string, comment: string): Promise<unknown> {
  return request(`/api/submissions/${encodeURIComponent(submissionId)}/return`, { method: "POST", json: { comment } });
}
